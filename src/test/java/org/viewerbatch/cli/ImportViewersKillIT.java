package org.viewerbatch.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.viewerbatch.sandbox.Fault;
import org.viewerbatch.sandbox.FaultPlan;
import org.viewerbatch.sandbox.LoggedRequest;
import org.viewerbatch.sandbox.RequestLog;
import org.viewerbatch.sandbox.SandboxOptions;
import org.viewerbatch.testsupport.FatJar;
import org.viewerbatch.testsupport.SandboxExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fat jar, started as a user starts it ({@code java -jar target/viewer-batch.jar
 * import-viewers ...}), killed with {@code kill -9} in the middle of its run, then the
 * same command run again: every viewer ends up invited exactly once.
 */
class ImportViewersKillIT {

	static final int ROWS = 30;

	/**
	 * The sandbox sits on the first create for this row for an hour, far longer than the
	 * client's read timeout (30 s): the first run cannot end before it is killed, however
	 * slowly this machine runs it, and is killed with that create in flight, never
	 * applied.
	 */
	static final String HELD = "client16@example.com";

	@RegisterExtension
	static final SandboxExtension sandbox = new SandboxExtension(SandboxOptions.defaults()
		.withRateLimit(100_000)
		.withFaultPlan(FaultPlan.builder().onEmail(HELD, Fault.delay(Duration.ofHours(1))).build()));

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
			// the rows before the held one are done; its chunk is applied in part, not
			// committed
			awaitInvitations(process, log, 15);
		}
		finally {
			process.destroyForcibly().waitFor();
		}
		assertThat(log.invitationsSent(HELD)).isZero();
		// the run again is answered at once, whether or not the killed one sent its
		// create
		sandbox.sandbox().faultPlan(FaultPlan.none());

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
		// the rows the killed chunk applied are reported as this job's work, not as
		// found unchanged by the run that resumed it
		try (Reader reader = Files.newBufferedReader(this.dir.resolve("clients.results.csv"))) {
			List<CSVRecord> results = CSVFormat.DEFAULT.builder()
				.setHeader()
				.setSkipHeaderRecord(true)
				.get()
				.parse(reader)
				.getRecords();
			assertThat(results).hasSize(ROWS).extracting(r -> r.get("outcome")).containsOnly("created+assigned");
		}
		assertThat(err.toString(StandardCharsets.UTF_8)).contains(ROWS + " rows: created " + ROWS + ",");
	}

	private static boolean isCreate(LoggedRequest request) {
		return request.method().equals("POST") && request.path().equals("/project-viewers");
	}

	private Process start(List<String> arguments) throws IOException {
		ProcessBuilder builder = FatJar.command(arguments, this.dir.resolve("killed-run.log"));
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
