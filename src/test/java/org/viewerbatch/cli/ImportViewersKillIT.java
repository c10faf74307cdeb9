package org.viewerbatch.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.viewerbatch.ViewerBatchApplication;
import org.viewerbatch.sandbox.LoggedRequest;
import org.viewerbatch.sandbox.RequestLog;
import org.viewerbatch.sandbox.SandboxOptions;
import org.viewerbatch.testsupport.SandboxExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real {@code import-viewers} process killed with {@code kill -9} in the middle of its
 * run, then the same command run again: every viewer ends up invited exactly once.
 */
class ImportViewersKillIT {

	static final int ROWS = 30;

	// slow enough to be killed half-way: every request takes 100 ms on the sandbox
	@RegisterExtension
	static final SandboxExtension sandbox = new SandboxExtension(
			SandboxOptions.defaults().withRateLimit(100_000).withLatency(Duration.ofMillis(100)));

	@TempDir
	Path dir;

	@Test
	void aKilledRunResumedByTheSameCommandInvitesEachViewerOnce() throws Exception {
		Path file = this.dir.resolve("clients.csv");
		Files.writeString(file,
				"email,firstname,lastname,projects\n" + IntStream.rangeClosed(1, ROWS)
					.mapToObj(i -> "client" + i + "@example.com,Client,Number" + i + ",101")
					.collect(Collectors.joining("\n")) + "\n");
		List<String> arguments = List.of("import-viewers", file.toString(), "--api-url", sandbox.apiUrl().toString(),
				"--workspace", "1", "--job-repository", this.dir.resolve("home").toString(), "--rate-limit", "6000",
				"--concurrency", "2", "--chunk-size", "4");
		RequestLog log = sandbox.sandbox().requestLog();

		Process process = start(arguments);
		try {
			awaitInvitations(process, log, 6);
		}
		finally {
			process.destroyForcibly().waitFor();
		}
		long invitedBeforeKill = log.invitationsSent();
		assertThat(invitedBeforeKill).isLessThan(ROWS);

		ByteArrayOutputStream err = new ByteArrayOutputStream();
		int exitCode = ViewerBatchCommand.execute(arguments.toArray(String[]::new),
				Map.of("WEBWORK_API_TOKEN", sandbox.token()), new PrintStream(new ByteArrayOutputStream(), true),
				new PrintStream(err, true, StandardCharsets.UTF_8));

		assertThat(exitCode).as(err.toString(StandardCharsets.UTF_8)).isZero();
		assertThat(err.toString(StandardCharsets.UTF_8)).contains("Recovered execution");
		for (int i = 1; i <= ROWS; i++) {
			String email = "client" + i + "@example.com";
			assertThat(log.invitationsSent(email)).as(email).isEqualTo(1);
			assertThat(log.all()).filteredOn(r -> isCreate(r) && email.equals(r.email())).as(email).hasSize(1);
			assertThat(sandbox.sandbox().store().viewerByEmail(1, email).orElseThrow().projectIds())
				.containsExactly(101L);
		}
		List<String> results = Files.readAllLines(this.dir.resolve("clients.results.csv"));
		assertThat(results).hasSize(1 + ROWS);
	}

	private static boolean isCreate(LoggedRequest request) {
		return request.method().equals("POST") && request.path().equals("/project-viewers");
	}

	private Process start(List<String> arguments) throws IOException {
		List<String> command = new ArrayList<>(
				List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
						System.getProperty("java.class.path"), ViewerBatchApplication.class.getName()));
		command.addAll(arguments);
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(this.dir.resolve("killed-run.log").toFile());
		builder.environment().put("WEBWORK_API_TOKEN", sandbox.token());
		return builder.start();
	}

	/**
	 * Polls the sandbox's state (not a fixed sleep) until the process has invited that
	 * many viewers.
	 */
	private void awaitInvitations(Process process, RequestLog log, long invitations) throws Exception {
		long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
		while (log.invitationsSent() < invitations) {
			if (!process.isAlive()) {
				throw new AssertionError("the import ended before it could be killed:\n"
						+ Files.readString(this.dir.resolve("killed-run.log")));
			}
			if (System.nanoTime() > deadline) {
				throw new AssertionError("no progress:\n" + Files.readString(this.dir.resolve("killed-run.log")));
			}
			Thread.sleep(20);
		}
	}

}
