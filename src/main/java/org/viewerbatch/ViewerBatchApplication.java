package org.viewerbatch;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The Spring Boot application behind every command that runs a batch job. */
@SpringBootApplication
public class ViewerBatchApplication {

	public static void main(String[] args) {
		System.exit(0);
	}

}
