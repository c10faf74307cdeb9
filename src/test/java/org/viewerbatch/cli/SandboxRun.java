package org.viewerbatch.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.viewerbatch.testsupport.SandboxExtension;

/**
 * One in-process run of the real command line against a test's sandbox: its API URL,
 * workspace 1, the job repository in {@code home}, 6,000 requests a minute, and the
 * sandbox's token in the environment (the common options before the command's name, where
 * every command takes them).
 *
 * @param exitCode the exit code
 * @param out what went to stdout
 * @param err what went to stderr
 */
record SandboxRun(int exitCode, String out, String err) {

	static SandboxRun run(SandboxExtension sandbox, Path home, String... args) {
		return execute(with(options(sandbox, home.toString()), args), Map.of("WEBWORK_API_TOKEN", sandbox.token()));
	}

	/**
	 * The common options of {@link #run}: the sandbox's API URL, workspace 1, the job
	 * repository and 6,000 requests a minute.
	 */
	static List<String> options(SandboxExtension sandbox, String repository) {
		return List.of("--api-url", sandbox.apiUrl().toString(), "--workspace", "1", "--job-repository", repository,
				"--rate-limit", "6000");
	}

	/** {@code first}, then {@code more}. */
	static List<String> with(List<String> first, String... more) {
		List<String> all = new ArrayList<>(first);
		all.addAll(List.of(more));
		return all;
	}

	/** Runs the command line with exactly these arguments and this environment. */
	static SandboxRun execute(List<String> args, Map<String, String> env) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		int exitCode = ViewerBatchCommand.execute(args.toArray(String[]::new), env,
				new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
		return new SandboxRun(exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
	}

}
