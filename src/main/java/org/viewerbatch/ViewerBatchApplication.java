package org.viewerbatch;

import org.springframework.boot.autoconfigure.SpringBootApplication;

import org.viewerbatch.cli.ViewerBatchCommand;

/**
 * The Spring Boot application behind every command that runs a batch job; {@code main} is
 * the command line.
 */
@SpringBootApplication
public class ViewerBatchApplication {

	public static void main(String[] args) {
		System.exit(ViewerBatchCommand.execute(args, System.getenv(), System.out, System.err));
	}

}
