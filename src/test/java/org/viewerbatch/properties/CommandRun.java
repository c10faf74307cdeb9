package org.viewerbatch.properties;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.viewerbatch.cli.ViewerBatchCommand;
import org.viewerbatch.testsupport.FakeTime;

/**
 * One run of the real command line, in-process, with the fake clock and the properties'
 * hooks in its Spring context; what it printed, and the writes the sandbox received
 * during it.
 *
 * @param arguments the command line
 * @param exitCode its exit code
 * @param err what it printed on stderr
 * @param writes the non-GET requests the sandbox received during the run
 */
record CommandRun(List<String> arguments, int exitCode, String err, long writes) {

	/**
	 * Runs the command line in-process; with {@code fakeTime}, on {@link FakeTime#CLOCK}.
	 */
	static CommandRun execute(List<String> arguments, String token, WritesCounter writes, boolean fakeTime) {
		Class<?>[] sources = fakeTime ? new Class<?>[] { FakeTime.class, RunHooks.class }
				: new Class<?>[] { RunHooks.class };
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		long before = writes.writes();
		int exitCode;
		try {
			exitCode = ViewerBatchCommand.execute(arguments.toArray(String[]::new), Map.of("WEBWORK_API_TOKEN", token),
					new PrintStream(out, true, StandardCharsets.UTF_8),
					new PrintStream(err, true, StandardCharsets.UTF_8), sources);
		}
		finally {
			RunHooks.forgetTheRun();
		}
		return new CommandRun(arguments, exitCode, err.toString(StandardCharsets.UTF_8), writes.writes() - before);
	}

	@Override
	public String toString() {
		return "exit " + this.exitCode + ", " + this.writes + " writes: " + String.join(" ", this.arguments) + "\n"
				+ this.err.strip().indent(4);
	}

	/** Where the writes are counted. */
	@FunctionalInterface
	interface WritesCounter {

		long writes();

	}

}
