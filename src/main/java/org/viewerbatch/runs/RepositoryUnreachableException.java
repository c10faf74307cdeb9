package org.viewerbatch.runs;

/** The job repository's database server cannot be reached, or refuses the connection. */
public final class RepositoryUnreachableException extends RuntimeException {

	RepositoryUnreachableException(String server, String reason, Throwable cause) {
		super("cannot reach the job repository at " + server + ": " + reason, cause);
	}

}
