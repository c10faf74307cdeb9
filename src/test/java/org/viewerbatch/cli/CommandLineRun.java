package org.viewerbatch.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;

import picocli.CommandLine;

import org.springframework.context.ConfigurableApplicationContext;

import org.viewerbatch.cli.TestJobConfiguration.TestAuthError;
import org.viewerbatch.cli.TestJobConfiguration.TestInputError;

/**
 * One in-process run of the command line, with {@code test-job} added and the test job's
 * context.
 *
 * @param exitCode the exit code
 * @param out what went to stdout
 * @param err what went to stderr
 */
record CommandLineRun(int exitCode, String out, String err) {

	/** Fails the test if a command starts a Spring context. */
	static final BatchContext NO_SPRING = new BatchContext() {
		@Override
		ConfigurableApplicationContext start(Map<String, Object> properties, Class<?>... sources) {
			throw new AssertionError("a Spring context was started");
		}
	};

	static final ExitCodes EXIT_CODES = new ExitCodes(TestInputError.class::isInstance,
			TestAuthError.class::isInstance);

	static CommandLineRun run(Map<String, String> env, String... args) {
		return run(EXIT_CODES, env, args);
	}

	static CommandLineRun run(ExitCodes exitCodes, Map<String, String> env, String... args) {
		return run(new BatchContext(TestJobConfiguration.class), exitCodes, env, args);
	}

	static CommandLineRun run(BatchContext context, ExitCodes exitCodes, Map<String, String> env, String... args) {
		StringWriter out = new StringWriter();
		StringWriter err = new StringWriter();
		ViewerBatchCommand root = new ViewerBatchCommand(env, context, exitCodes);
		CommandLine commandLine = ViewerBatchCommand.commandLine(root, new PrintWriter(out, true),
				new PrintWriter(err, true), new TestJobCommand());
		int exitCode = commandLine.execute(args);
		return new CommandLineRun(exitCode, out.toString(), err.toString());
	}

}
