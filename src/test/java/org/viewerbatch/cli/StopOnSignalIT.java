package org.viewerbatch.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
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
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;

/**
 * The fat jar, started as a user starts it, sent the signals that Kubernetes, systemd and
 * Ctrl-C send: the run stops cleanly (exit 1, STOPPED, resumable), also while an answer
 * never comes. The sandbox's request log is the witness; every wait is bounded and fails
 * at its limit, none relies on a sleep being long enough, and none measures how fast the
 * process ends (scripts/bench does).
 */
class StopOnSignalIT {

	static final int ROWS = 24;

	static final String HELD = "client3@example.com";

	/** No process takes this long to stop: one that does hangs, and fails the test. */
	static final Duration HANG = Duration.ofSeconds(120);

	@RegisterExtension
	static final SandboxExtension sandbox = new SandboxExtension(SandboxOptions.defaults().withRateLimit(100_000));

	@TempDir
	Path dir;

	@BeforeEach
	void answerEverything() {
		sandbox.sandbox().faultPlan(FaultPlan.none());
	}

	@Test
	void sigtermDuringAnImportAtTheRealPaceStopsItAndTheSameCommandResumesIt() throws Exception {
		Path file = clients();
		List<String> arguments = List.of("import-viewers", file.toString(), "--api-url", sandbox.apiUrl().toString(),
				"--workspace", "1", "--job-repository", this.dir.resolve("home").toString(), "--rate-limit", "60",
				"--chunk-size", "4");
		RequestLog log = sandbox.sandbox().requestLog();

		Process process = start(arguments, "import.log");
		awaitOrFail(process, () -> log.invitationsSent() >= 6, "six invitations");
		signal(process, "TERM");
		awaitExit(process);
		String output = Files.readString(this.dir.resolve("import.log"));

		assertThat(process.exitValue()).as(output).isEqualTo(1);
		List<String> stopLines = output.lines().filter(line -> line.contains("resume")).toList();
		assertThat(stopLines).as(output).hasSize(1);
		assertThat(stopLines.get(0))
			.matches("import-viewers stopped by SIGTERM after \\d+ viewers invited and \\d+ changes"
					+ " sent(, \\d+ of them unanswered and left in doubt \\(the resumed run looks (it|them) up\\))?;"
					+ " \\d+ of 24 rows recorded \\(execution \\d+\\); run the same command to resume");
		assertThat(output).doesNotContain("HikariDataSource").doesNotContain("Exception");
		assertThat(jobs()).contains("STOPPED");
		List<LoggedRequest> before = log.all();

		// resumed by the same command (in this JVM, faster than the pace it needs no
		// more)
		run(arguments);

		for (int i = 1; i <= ROWS; i++) {
			String email = "client" + i + "@example.com";
			assertThat(log.invitationsSent(email)).as(email).isEqualTo(1);
			assertThat(sandbox.sandbox().store().viewerByEmail(1, email).orElseThrow().projectIds())
				.containsExactly(101L);
		}
		List<LoggedRequest> after = log.all().subList(before.size(), log.all().size());
		assertThat(writes(after)).as("no write of the stopped run sent again")
			.doesNotContainAnyElementsOf(writes(before));
		assertThat(writes(log.all())).doesNotHaveDuplicates();
		assertThat(Files.readAllLines(this.dir.resolve("clients.results.csv"))).hasSize(1 + ROWS);
		assertThat(jobs()).contains("COMPLETED");
	}

	@Test
	void sigintDuringAnExportRemovesTheTemporaryFileAndLeavesNoTarget() throws Exception {
		for (int i = 1; i <= 1_500; i++) {
			sandbox.sandbox()
				.store()
				.addViewer(1, "viewer" + i + "@example.com", "Viewer", "Number" + i, "active", Set.of(101L));
		}
		Path out = Files.createDirectories(this.dir.resolve("out"));
		Path target = out.resolve("viewers.csv");
		List<String> arguments = List.of("export-viewers", "--output", target.toString(), "--api-url",
				sandbox.apiUrl().toString(), "--workspace", "1", "--job-repository",
				this.dir.resolve("home").toString(), "--rate-limit", "60");
		RequestLog log = sandbox.sandbox().requestLog();

		Process process = start(arguments, "export.log");
		awaitOrFail(process, () -> log.count("GET", "/project-viewers") >= 3, "three pages read");
		signal(process, "INT");
		awaitExit(process);
		String output = Files.readString(this.dir.resolve("export.log"));

		assertThat(process.exitValue()).as(output).isEqualTo(1);
		assertThat(output).contains("export-viewers stopped by SIGINT after reading");
		try (Stream<Path> left = Files.list(out)) {
			assertThat(left).as("no temporary file, no target").isEmpty();
		}
		assertThat(log.count("GET", "/project-viewers")).as("stopped before the last of 15 pages").isLessThan(15);
		assertThat(jobs()).contains("STOPPED");
	}

	@Test
	void sigtermWhileAnAnswerNeverComesAbandonsItInDoubtAndTheResumedRunLooksItUp() throws Exception {
		List<String> arguments = heldImport();
		RequestLog log = sandbox.sandbox().requestLog();

		Process process = startUntilTheHeldCreateIsInFlight(arguments, "held.log");
		try {
			signal(process, "TERM");
			awaitExit(process);
		}
		finally {
			process.destroyForcibly().waitFor();
		}
		String output = Files.readString(this.dir.resolve("held.log"));

		assertThat(process.exitValue()).as(output).isEqualTo(1);
		assertThat(output.lines().filter(line -> line.contains("resume")).toList()).as(output)
			.singleElement(STRING)
			.matches("import-viewers stopped by SIGTERM after 2 viewers invited and 5 changes sent, 1 of them"
					+ " unanswered and left in doubt \\(the resumed run looks it up\\); 0 of 24 rows recorded"
					+ " \\(execution \\d+\\); run the same command to resume");
		assertThat(jobs()).contains("STOPPED");
		int before = log.all().size();

		run(arguments);

		List<LoggedRequest> after = log.all().subList(before, log.all().size());
		// the pages, the look-ups of the held row (as many as it takes until 30 s after
		// its create, when a lagging list would show it: this runs on the real clock),
		// its create and assign, then 21 rows of create and assign
		List<LoggedRequest> lookUps = after.stream()
			.filter((r) -> r.method().equals("GET") && r.query() != null && r.query().contains("email="))
			.toList();
		assertThat(lookUps).isNotEmpty().allSatisfy((r) -> assertThat(r.email()).isEqualTo(HELD));
		assertThat(after).hasSize(2 + lookUps.size() + 2 + 21 * 2);
		for (int i = 1; i <= ROWS; i++) {
			String email = "client" + i + "@example.com";
			assertThat(log.invitationsSent(email)).as(email).isEqualTo(1);
		}
		assertThat(jobs()).contains("COMPLETED");
	}

	@Test
	void sighupStopsTheRunLikeSigterm() throws Exception {
		List<String> arguments = List.of("import-viewers", clients().toString(), "--api-url",
				sandbox.apiUrl().toString(), "--workspace", "1", "--job-repository",
				this.dir.resolve("home").toString(), "--rate-limit", "60", "--chunk-size", "4");
		RequestLog log = sandbox.sandbox().requestLog();

		Process process = start(arguments, "hup.log");
		awaitOrFail(process, () -> log.invitationsSent() >= 2, "two invitations");
		signal(process, "HUP");
		awaitExit(process);
		String output = Files.readString(this.dir.resolve("hup.log"));

		assertThat(process.exitValue()).as(output).isEqualTo(1);
		assertThat(output.lines().filter(line -> line.contains("resume")).toList()).as(output)
			.singleElement(STRING)
			.startsWith("import-viewers stopped by SIGHUP after ");
		assertThat(runLines()).singleElement(STRING).contains(" STOPPED ").doesNotContain(" STARTED ");
	}

	@Test
	void aSecondSignalEndsTheProcessAtOnceWithExit1AndOneLineAndLeavesNoRunStarted() throws Exception {
		// the held create keeps the first stop waiting for its answer (3 s): the second
		// signal comes meanwhile
		List<String> arguments = heldImport();
		RequestLog log = sandbox.sandbox().requestLog();

		Process process = startUntilTheHeldCreateIsInFlight(arguments, "twice.log");
		try {
			// two different signals, so that they cannot merge into one
			Process kill = new ProcessBuilder("bash", "-c",
					"kill -HUP " + process.pid() + " && kill -TERM " + process.pid())
				.inheritIO()
				.start();
			assertThat(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0).as("kill -HUP, -TERM").isTrue();
			awaitExit(process);
		}
		finally {
			process.destroyForcibly().waitFor();
		}
		String output = Files.readString(this.dir.resolve("twice.log"));

		assertThat(process.exitValue()).as(output).isEqualTo(1);
		assertThat(output.lines().filter(line -> line.startsWith("viewer-batch:")).toList()).as(output)
			.singleElement(STRING)
			.matches("viewer-batch: SIG(HUP|TERM) again: ended at once, the run recorded as failed; .*");
		assertThat(runLines()).singleElement(STRING).contains(" FAILED ").doesNotContain(" STARTED ");

		run(arguments);

		for (int i = 1; i <= ROWS; i++) {
			String email = "client" + i + "@example.com";
			assertThat(log.invitationsSent(email)).as(email).isEqualTo(1);
		}
		assertThat(jobs()).contains("COMPLETED");
	}

	private Path clients() throws IOException {
		Path file = this.dir.resolve("clients.csv");
		Files.writeString(file,
				"email,firstname,lastname,projects\n" + IntStream.rangeClosed(1, ROWS)
					.mapToObj(i -> "client" + i + "@example.com,Client,Number" + i + ",101")
					.collect(Collectors.joining("\n")) + "\n");
		return file;
	}

	/** The successful writes, each named by what it changed. */
	private static List<String> writes(List<LoggedRequest> requests) {
		return requests.stream()
			.filter(r -> !r.method().equals("GET") && r.status() / 100 == 2)
			.map(r -> r.method() + " " + r.path() + " " + r.email() + " " + r.projectId())
			.toList();
	}

	private String jobs() {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ViewerBatchCommand.execute(new String[] { "jobs", "--job-repository", this.dir.resolve("home").toString() },
				Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8),
				new PrintStream(new ByteArrayOutputStream(), true));
		return out.toString(StandardCharsets.UTF_8);
	}

	/**
	 * An import whose third create (of {@link #HELD}) the sandbox holds for an hour, far
	 * beyond the read timeout (30 s), one request at a time.
	 */
	private List<String> heldImport() throws IOException {
		sandbox.sandbox().faultPlan(FaultPlan.builder().onEmail(HELD, Fault.delay(Duration.ofHours(1))).build());
		return List.of("import-viewers", clients().toString(), "--api-url", sandbox.apiUrl().toString(), "--workspace",
				"1", "--job-repository", this.dir.resolve("home").toString(), "--rate-limit", "6000", "--concurrency",
				"1", "--chunk-size", "4");
	}

	/** Starts the jar and waits until the held create has reached the sandbox. */
	private Process startUntilTheHeldCreateIsInFlight(List<String> arguments, String logName) throws Exception {
		RequestLog log = sandbox.sandbox().requestLog();
		// request numbers continue across tests; the log starts empty
		long base = sandbox.sandbox().requestsReceived();
		Process process = start(arguments, logName);
		try {
			awaitOrFail(process,
					() -> log.count("POST", "/project-viewers/\\d+/assign-project") >= 2
							&& sandbox.sandbox().requestsReceived() - base == log.all().size() + 1,
					"the held create in flight");
		}
		catch (Exception | AssertionError ex) {
			process.destroyForcibly().waitFor();
			throw ex;
		}
		return process;
	}

	/** The lines of {@code jobs} after its header: one a run. */
	private List<String> runLines() {
		return jobs().lines().skip(1).toList();
	}

	private static void run(List<String> arguments) {
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		int exitCode = ViewerBatchCommand.execute(arguments.toArray(String[]::new),
				Map.of("WEBWORK_API_TOKEN", sandbox.token()), new PrintStream(new ByteArrayOutputStream(), true),
				new PrintStream(err, true, StandardCharsets.UTF_8));
		String text = err.toString(StandardCharsets.UTF_8);
		assertThat(exitCode).as(text).isZero();
	}

	private Process start(List<String> arguments, String logName) throws IOException {
		ProcessBuilder builder = FatJar.command(arguments, this.dir.resolve(logName));
		builder.environment().put("WEBWORK_API_TOKEN", sandbox.token());
		return builder.start();
	}

	private static void signal(Process process, String name) throws Exception {
		Process kill = new ProcessBuilder("kill", "-" + name, String.valueOf(process.pid())).inheritIO().start();
		assertThat(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0).as("kill -" + name).isTrue();
	}

	/** Waits for the process to end; one still running after {@link #HANG} hangs. */
	private static void awaitExit(Process process) throws Exception {
		if (!process.waitFor(HANG.toSeconds(), TimeUnit.SECONDS)) {
			throw new AssertionError("the process still runs " + HANG.toSeconds() + " s after the signal");
		}
	}

	/** Polls (never a fixed sleep) until {@code condition}, for at most 90 s. */
	private static void awaitOrFail(Process process, BooleanSupplier condition, String what) throws Exception {
		long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
		while (!condition.getAsBoolean()) {
			if (!process.isAlive()) {
				throw new AssertionError("the process ended before " + what + " (exit " + process.exitValue() + ")");
			}
			if (System.nanoTime() > deadline) {
				throw new AssertionError("no " + what + " within 90 s");
			}
			Thread.sleep(20);
		}
	}

}
