package org.viewerbatch.cli;

import java.io.PrintWriter;
import java.util.List;

/**
 * How an error that ends a command is shown: one line, the stack trace only with
 * {@code --verbose}.
 */
final class Failures {

	private Failures() {
	}

	static int report(Exception ex, PrintWriter err, boolean verbose, ExitCodes exitCodes) {
		if (ex instanceof ConfigurationException) {
			err.println("viewer-batch: " + ex.getMessage());
			return ExitCodes.USAGE;
		}
		int exitCode = exitCodes.of(ex);
		Throwable reason = exitCodes.reason(List.of(ex)).orElse(ex);
		err.println("viewer-batch: " + describe(reason));
		if (verbose) {
			ex.printStackTrace(err);
		}
		return exitCode;
	}

	/** The message of a failure, or its type when it has none. */
	static String describe(Throwable failure) {
		String message = failure.getMessage();
		return (message == null || message.isBlank()) ? failure.getClass().getSimpleName() : message;
	}

}
