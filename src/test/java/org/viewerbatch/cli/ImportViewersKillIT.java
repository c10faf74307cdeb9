package org.viewerbatch.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.io.UncheckedIOException;
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
import org.viewerbatch.testsupport.PostgresExtension;
import org.viewerbatch.testsupport.Processes;
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

	/** How long a run of 30 rows may take on a slow machine before it counts as hung. */
	static final Duration LIMIT = Duration.ofMinutes(2);

	@RegisterExtension
	static final SandboxExtension sandbox = new SandboxExtension(SandboxOptions.defaults()
		.withRateLimit(100_000)
		.withFaultPlan(FaultPlan.builder().onEmail(HELD, Fault.delay(Duration.ofHours(1))).build()));

	@RegisterExtension
	static final PostgresExtension postgres = new PostgresExtension();

	@TempDir
	Path dir;

	@Test
	void aKilledRunResumedByTheSameCommandInvitesEachViewerOnce() throws Exception {
		Path file = clients(this.dir.resolve("clients.csv"));
		List<String> arguments = List.of("import-viewers", file.toString(), "--api-url", sandbox.apiUrl().toString(),
				"--workspace", "1", "--job-repository", this.dir.resolve("home").toString(), "--rate-limit", "6000",
				"--concurrency", "2", "--chunk-size", "4");
		RequestLog log = sandbox.sandbox().requestLog();

		killMidRun(start(arguments, this.dir, Map.of()), log, this.dir);
		// the run again is answered at once, whether or not the killed one sent its
		// create
		sandbox.sandbox().faultPlan(FaultPlan.none());

		ByteArrayOutputStream err = new ByteArrayOutputStream();
		int exitCode = ViewerBatchCommand.execute(arguments.toArray(String[]::new),
				Map.of("WEBWORK_API_TOKEN", sandbox.token()), new PrintStream(new ByteArrayOutputStream(), true),
				new PrintStream(err, true, StandardCharsets.UTF_8));

		assertThat(exitCode).as(err.toString(StandardCharsets.UTF_8)).isZero();
		assertThat(err.toString(StandardCharsets.UTF_8)).contains("Recovered execution")
			.contains(ROWS + " rows: created " + ROWS + ",");
		assertEveryViewerInvitedOnceAndReportedOnce(log, this.dir.resolve("clients.results.csv"));
	}

	/**
	 * Two machines sharing a PostgreSQL job repository, each a JVM with its own working
	 * directory, home and copy of the roster (another name, the same bytes): while A
	 * runs, B is turned away; A is killed with {@code kill -9}; B's same command finishes
	 * A's run.
	 */
	@Test
	void aRunKilledOnOneMachineIsFinishedOnAnotherFromItsOwnCopyOfTheFile() throws Exception {
		Path machineA = Files.createDirectories(this.dir.resolve("a"));
		Path machineB = Files.createDirectories(this.dir.resolve("b"));
		clients(machineA.resolve("clients.csv"));
		clients(machineB.resolve("roster-2026-12-03.csv"));
		String repository = postgres.newDatabase();
		Map<String, String> database = Map.of("VIEWER_BATCH_DB_USER", PostgresExtension.USER,
				"VIEWER_BATCH_DB_PASSWORD", postgres.password());
		RequestLog log = sandbox.sandbox().requestLog();

		Process onA = start(importInto(repository, "clients.csv"), machineA, database);
		try {
			awaitInvitations(onA, log, 15, machineA);
			// A goes on with its other rows meanwhile; B would begin with the list pages
			long readsSoFar = listReads(log);
			Process turnedAway = start(importInto(repository, "roster-2026-12-03.csv"), machineB, database);
			assertThat(Processes.waitFor(turnedAway, LIMIT, () -> runLog(machineB))).isEqualTo(ExitCodes.FAILED);
			assertThat(Files.readString(machineB.resolve("killed-run.log")))
				.contains("workspace 1 is in use by the run of ")
				.contains(" pid " + onA.pid());
			assertThat(listReads(log)).as("B sent nothing while A held the workspace").isEqualTo(readsSoFar);
		}
		finally {
			killMidRun(onA, log, machineA);
		}
		sandbox.sandbox().faultPlan(FaultPlan.none());

		Process onB = start(importInto(repository, "roster-2026-12-03.csv"), machineB, database);
		assertThat(Processes.waitFor(onB, LIMIT, () -> runLog(machineB))).as(runLog(machineB)).isZero();

		assertThat(Files.readString(machineB.resolve("killed-run.log"))).contains("Recovered execution")
			.contains(ROWS + " rows: created " + ROWS + ",");
		assertEveryViewerInvitedOnceAndReportedOnce(log, machineB.resolve("roster-2026-12-03.results.csv"));
		assertThat(machineA.resolve("clients.results.csv")).doesNotExist();
	}

	private static List<String> importInto(String repository, String file) {
		return List.of("import-viewers", file, "--api-url", sandbox.apiUrl().toString(), "--workspace", "1",
				"--job-repository", repository, "--rate-limit", "6000", "--concurrency", "2", "--chunk-size", "4");
	}

	private static Path clients(Path file) throws IOException {
		return Files.writeString(file,
				"email,firstname,lastname,projects\n" + IntStream.rangeClosed(1, ROWS)
					.mapToObj(i -> "client" + i + "@example.com,Client,Number" + i + ",101")
					.collect(Collectors.joining("\n")) + "\n");
	}

	/**
	 * Kills the import once the rows before the held one are done (the held row's chunk
	 * is applied in part, not committed); the held create never reached the workspace.
	 */
	private static void killMidRun(Process process, RequestLog log, Path directory) throws Exception {
		try {
			awaitInvitations(process, log, 15, directory);
		}
		finally {
			Processes.kill(process);
		}
		assertThat(log.invitationsSent(HELD)).isZero();
	}

	private static void assertEveryViewerInvitedOnceAndReportedOnce(RequestLog log, Path resultsFile)
			throws IOException {
		for (int i = 1; i <= ROWS; i++) {
			String email = "client" + i + "@example.com";
			assertThat(log.invitationsSent(email)).as(email).isEqualTo(1);
			assertThat(log.all()).filteredOn(r -> isCreate(r) && email.equals(r.email())).as(email).hasSize(1);
			assertThat(sandbox.sandbox().store().viewerByEmail(1, email).orElseThrow().projectIds())
				.containsExactly(101L);
		}
		// the rows the killed chunk applied are reported as this job's work, not as
		// found unchanged by the run that resumed it
		try (Reader reader = Files.newBufferedReader(resultsFile)) {
			List<CSVRecord> results = CSVFormat.DEFAULT.builder()
				.setHeader()
				.setSkipHeaderRecord(true)
				.get()
				.parse(reader)
				.getRecords();
			assertThat(results).hasSize(ROWS).extracting(r -> r.get("outcome")).containsOnly("created+assigned");
			assertThat(results).extracting(r -> r.get("email")).doesNotHaveDuplicates();
		}
	}

	private static long listReads(RequestLog log) {
		return log.all().stream().filter((r) -> r.method().equals("GET")).count();
	}

	private static boolean isCreate(LoggedRequest request) {
		return request.method().equals("POST") && request.path().equals("/project-viewers");
	}

	private static String runLog(Path directory) {
		try {
			return Files.readString(directory.resolve("killed-run.log"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The jar started in {@code directory}, its home there too, its log killed-run.log.
	 */
	private static Process start(List<String> arguments, Path directory, Map<String, String> env) throws IOException {
		ProcessBuilder builder = FatJar.command(arguments, directory.resolve("killed-run.log"))
			.directory(directory.toFile());
		builder.environment().put("WEBWORK_API_TOKEN", sandbox.token());
		builder.environment().put("HOME", directory.resolve("home").toString());
		builder.environment().remove("VIEWER_BATCH_HOME");
		builder.environment().remove("VIEWER_BATCH_JOB_REPOSITORY");
		builder.environment().putAll(env);
		return builder.start();
	}

	/**
	 * Polls the sandbox's state (not a fixed sleep) until the process has invited that
	 * many viewers.
	 */
	private static void awaitInvitations(Process process, RequestLog log, long invitations, Path directory)
			throws Exception {
		long deadline = System.nanoTime() + LIMIT.toNanos();
		while (log.invitationsSent() < invitations) {
			if (!process.isAlive()) {
				throw new AssertionError("the import ended before it could be killed:\n"
						+ Files.readString(directory.resolve("killed-run.log")));
			}
			if (System.nanoTime() > deadline) {
				throw new AssertionError("no progress:\n" + Files.readString(directory.resolve("killed-run.log")));
			}
			Thread.sleep(20);
		}
	}

}
