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
		List<String> all = new ArrayList<>(List.of("--api-url", sandbox.apiUrl().toString(), "--workspace", "1",
				"--job-repository", home.toString(), "--rate-limit", "6000"));
		all.addAll(List.of(args));
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		int exitCode = ViewerBatchCommand.execute(all.toArray(String[]::new),
				Map.of("WEBWORK_API_TOKEN", sandbox.token()), new PrintStream(out, true, StandardCharsets.UTF_8),
				new PrintStream(err, true, StandardCharsets.UTF_8));
		return new SandboxRun(exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
	}

}
