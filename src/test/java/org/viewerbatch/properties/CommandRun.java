package org.viewerbatch.properties;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.viewerbatch.cli.ViewerBatchCommand;
import org.viewerbatch.sandbox.LoggedRequest;
import org.viewerbatch.sandbox.RequestLog;
import org.viewerbatch.testsupport.FakeTime;

/**
 * One run of the real command line, in-process, with the fake clock and the properties'
 * hooks in its Spring context; what it printed, and the writes the sandbox received
 * during it.
 *
 * @param arguments the command line
 * @param exitCode its exit code
 * @param err what it printed on stderr
 * @param sent the writes (non-GET requests) the sandbox received during the run, as
 * {@code METHOD PATH email status}
 */
record CommandRun(List<String> arguments, int exitCode, String err, List<String> sent) {

	/**
	 * Runs the command line in-process; with {@code fakeTime}, on {@link FakeTime#CLOCK}.
	 */
	static CommandRun execute(List<String> arguments, String token, RequestLog log, boolean fakeTime) {
		Class<?>[] sources = fakeTime ? new Class<?>[] { FakeTime.class, RunHooks.class }
				: new Class<?>[] { RunHooks.class };
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		long before = log.all().stream().mapToLong(LoggedRequest::seq).max().orElse(0);
		int exitCode;
		try {
			exitCode = ViewerBatchCommand.execute(arguments.toArray(String[]::new), Map.of("WEBWORK_API_TOKEN", token),
					new PrintStream(out, true, StandardCharsets.UTF_8),
					new PrintStream(err, true, StandardCharsets.UTF_8), sources);
		}
		finally {
			RunHooks.forgetTheRun();
		}
		List<String> sent = log.all()
			.stream()
			.filter((r) -> r.seq() > before && !r.method().equals("GET"))
			.map((r) -> r.method() + " " + r.path() + ((r.email() != null) ? " " + r.email() : "") + " "
					+ ((r.projectId() != null) ? "project " + r.projectId() + " " : "") + r.status())
			.toList();
		return new CommandRun(arguments, exitCode, err.toString(StandardCharsets.UTF_8), sent);
	}

	/** How many writes the sandbox received during the run. */
	long writes() {
		return this.sent.size();
	}

	@Override
	public String toString() {
		return "exit " + this.exitCode + ", " + this.sent.size() + " writes " + this.sent + ": "
				+ String.join(" ", this.arguments) + "\n" + this.err.strip().indent(4);
	}

}
