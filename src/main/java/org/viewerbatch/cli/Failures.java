package org.viewerbatch.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ConcurrentModificationException;
import java.util.List;

import org.viewerbatch.terminal.TerminalText;

/**
 * How an error that ends a command is shown: one line, the stack trace only with
 * {@code --verbose}. A failure only a bug makes (a null pointer, an index out of bounds,
 * …) says so, what failed, and how to get the stack trace to report.
 */
final class Failures {

	/**
	 * What the JDK throws at code that is wrong, not at bad input, settings or a failing
	 * server or disk (those come as our own messages, I/O and database errors).
	 */
	private static final List<Class<? extends Throwable>> BUGS = List.of(NullPointerException.class,
			IndexOutOfBoundsException.class, ClassCastException.class, ArithmeticException.class,
			ArrayStoreException.class, NegativeArraySizeException.class, ConcurrentModificationException.class,
			UnsupportedOperationException.class, IllegalMonitorStateException.class, LinkageError.class,
			AssertionError.class, StackOverflowError.class);

	private Failures() {
	}

	/**
	 * Prints the failure {@code ex} of {@code command} and returns its exit code.
	 */
	static int report(Exception ex, String command, PrintWriter err, boolean verbose, ExitCodes exitCodes) {
		if (ex instanceof ConfigurationException) {
			err.println("viewer-batch: " + TerminalText.visible(ex.getMessage()));
			return ExitCodes.USAGE;
		}
		int exitCode = exitCodes.of(ex);
		Throwable reason = exitCodes.reason(List.of(ex)).orElse(ex);
		err.println("viewer-batch: " + (isBug(reason) ? command + " failed on " : "")
				+ TerminalText.visible(describe(reason)));
		if (verbose) {
			printStackTrace(ex, err);
		}
		return exitCode;
	}

	/**
	 * The stack trace that {@code -v} prints; its messages can quote the API or the file,
	 * so their control characters are shown as escapes.
	 */
	static void printStackTrace(Throwable failure, PrintWriter err) {
		StringWriter trace = new StringWriter();
		failure.printStackTrace(new PrintWriter(trace));
		err.print(TerminalText.visibleLines(trace.toString()));
		err.flush();
	}

	/**
	 * The message of a failure, or its type when it has none; for a bug, that it is one,
	 * its type and message, and what to report.
	 */
	static String describe(Throwable failure) {
		String message = failure.getMessage();
		boolean none = message == null || message.isBlank();
		if (isBug(failure)) {
			return "a bug in viewer-batch: " + failure.getClass().getSimpleName() + (none ? "" : ": " + message)
					+ "; please report it with the stack trace that -v prints";
		}
		return none ? failure.getClass().getSimpleName() : message;
	}

	static boolean isBug(Throwable failure) {
		return BUGS.stream().anyMatch((type) -> type.isInstance(failure));
	}

}
