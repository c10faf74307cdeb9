package org.viewerbatch.imports;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import org.viewerbatch.apply.SystematicRejectionException;
import org.viewerbatch.csv.InputFileException;
import org.viewerbatch.imports.ImportRun.ViewerOptions;
import org.viewerbatch.sandbox.Fault;
import org.viewerbatch.sandbox.FaultPlan;
import org.viewerbatch.sandbox.LoggedRequest;
import org.viewerbatch.sandbox.Quirks;
import org.viewerbatch.sandbox.RequestLog;
import org.viewerbatch.sandbox.SandboxOptions;
import org.viewerbatch.testsupport.FakeTime;
import org.viewerbatch.testsupport.MutableClock;
import org.viewerbatch.testsupport.SandboxExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The import-viewers job against the sandbox over real HTTP, on a fake clock shared by
 * the sandbox and the client (sleeping advances it), at the real 60 requests per minute.
 * The sandbox's request log is the witness.
 */
@Import(FakeTime.class)
@SpringBootTest(properties = { "spring.batch.job.enabled=false",
		"spring.datasource.url=jdbc:hsqldb:mem:import-viewers-job-test", "spring.batch.jdbc.initialize-schema=always",
		"viewer-batch.api.rate-limit=60", "viewer-batch.api.concurrency=2", "viewer-batch.api.read-timeout=1s",
		"viewer-batch.api.max-retries=2", "viewer-batch.api.retry-delay=100ms" })
@ExtendWith(OutputCaptureExtension.class)
class ImportViewersJobTest {

	static final MutableClock clock = FakeTime.CLOCK;

	@RegisterExtension
	static final SandboxExtension sandbox = new SandboxExtension(SandboxOptions.defaults().withClock(clock));

	static final String HEADER = "email,firstname,lastname,projects,action";

	@DynamicPropertySource
	static void api(DynamicPropertyRegistry registry) {
		registry.add("viewer-batch.api.url", () -> sandbox.apiUrl().toString());
		registry.add("viewer-batch.api.token", sandbox::token);
	}

	@Autowired
	JobOperator jobs;

	@Autowired
	Job importViewersJob;

	@TempDir
	Path dir;

	RequestLog log() {
		return sandbox.sandbox().requestLog();
	}

	Path file(String... lines) throws IOException {
		Path file = this.dir.resolve("viewers.csv");
		Files.writeString(file, String.join("\n", lines) + "\n");
		return file;
	}

	static ImportRun<?> request(Path file) {
		return TestRuns.of(file);
	}

	static ImportRun<?> request(Path file, int chunkSize) {
		return new ImportRun<>(file, 1, TestRuns.NO_API, null, null, null, null, null, null, chunkSize, null, null,
				null, null, TestRuns.VIEWERS);
	}

	JobExecution run(ImportRun<?> request, String... options) throws Exception {
		return this.jobs.start(this.importViewersJob, parameters(request, options));
	}

	JobParameters parameters(ImportRun<?> request, String... options) {
		Set<String> given = Set.of(options);
		long maxDeletes = ViewerOptions.DEFAULT_MAX_DELETES;
		for (String option : options) {
			if (option.startsWith("max-deletes=")) {
				maxDeletes = Long.parseLong(option.substring(12));
			}
		}
		ViewerOptions viewerOptions = new ViewerOptions(given.contains("sync"), given.contains("allow-delete"),
				maxDeletes, given.contains("archive-missing"));
		// the tests share one job repository, and a file's content identifies its job:
		// two
		// tests importing the same rows are two jobs all the same
		JobParametersBuilder parameters = new JobParametersBuilder(
				TestRuns.with(request, 1, sandbox.apiUrl(), clock.instant(), viewerOptions).toJobParameters())
			.addString("test.dir", this.dir.toString(), true);
		if (given.contains("rerun")) {
			parameters.addLong("rerun.at", clock.millis(), true);
		}
		return parameters.toJobParameters();
	}

	JobExecution run(Path file, String... options) throws Exception {
		return run(request(file), options);
	}

	static List<CSVRecord> csv(Path file) throws IOException {
		try (Reader reader = Files.newBufferedReader(file)) {
			return CSVFormat.DEFAULT.builder()
				.setHeader()
				.setSkipHeaderRecord(true)
				.setCommentMarker('#')
				.get()
				.parse(reader)
				.getRecords();
		}
	}

	Path results() {
		return this.dir.resolve("viewers.results.csv");
	}

	Path rejects() {
		return this.dir.resolve("viewers.rejects.csv");
	}

	/**
	 * The list, the projects, then four creates are answered; from there on the API is
	 * down for longer than every retry.
	 */
	static void downAfterFourCreates() {
		long down = sandbox.sandbox().requestsReceived() + 2 + 4 + 1;
		FaultPlan.Builder outage = FaultPlan.builder();
		for (long n = down; n < down + 200; n++) {
			outage.onRequest(n, Fault.status(503));
		}
		sandbox.sandbox().faultPlan(outage.build());
	}

	static String summary(JobExecution execution) {
		return execution.getExecutionContext().getString("summary", "");
	}

	static List<String> newViewers(int count, String projects) {
		return IntStream.rangeClosed(1, count)
			.mapToObj(i -> "new" + i + "@example.com,New,Viewer" + i + "," + projects + ",")
			.toList();
	}

	static String[] lines(List<String> rows) {
		return Stream.concat(Stream.of(HEADER), rows.stream()).toArray(String[]::new);
	}

	@Test
	void everyRowEndsInResultsOrRejectsAndTheSummaryAddsUp() throws Exception {
		sandbox.sandbox().store().addViewer(1, "kept@example.com", "Kept", "As Is", "active", Set.of(101L));
		sandbox.sandbox().store().addViewer(1, "gone@example.com", "Gone", "Away", "inactive", Set.of());
		Path file = file(HEADER, "ann@example.com,Ann,Lee,101;102,", "kept@example.com,Kept,As Is,101,",
				"gone@example.com,,,103,", "not-an-email,X,Y,,", "nameless@example.com,,,101,",
				"ann@EXAMPLE.com,Ann,Lee,101,", "\"quoted@example.com\",\"Lee, Jr\",\"Line\n\",,",
				"unknown@example.com,U,K,999,");

		JobExecution execution = run(file);

		assertExit(execution, "COMPLETED_WITH_REJECTS");
		List<CSVRecord> results = csv(results());
		List<CSVRecord> rejects = csv(rejects());
		assertThat(results.size() + rejects.size()).isEqualTo(8);
		assertThat(results).extracting(r -> r.get("line") + " " + r.get("outcome"))
			.containsExactlyInAnyOrder("2 created+assigned", "3 unchanged", "4 restored+assigned", "8 created");
		assertThat(rejects).extracting(r -> r.get("line") + " " + r.get("error"))
			.containsExactlyInAnyOrder("5 invalid-email", "6 missing-name", "7 duplicate", "10 unknown-project");
		assertThat(rejects.stream().filter(r -> r.get("line").equals("7")).findFirst().orElseThrow().get("message"))
			.isEqualTo("duplicate of line 2");
		// a rejected row keeps its own columns so the rejects file imports again as it is
		assertThat(rejects.get(0).toMap()).containsKeys("email", "firstname", "lastname", "projects", "action", "line",
				"error", "http_status", "message");
		assertThat(log().invitationsSent()).isEqualTo(2);
		assertThat(log().count("POST", "/project-viewers")).isEqualTo(2);
		assertThat(log().count("POST", "/project-viewers/\\d+/assign-project")).isEqualTo(3);
		assertThat(summary(execution))
			.contains("8 rows: created 2, restored 1, assigned 2, unassigned 0, unchanged 1,"
					+ " deleted 0, rejected 4, failed 0")
			.contains("results: " + results())
			.contains("rejects: " + rejects())
			.contains("report: " + this.dir.resolve("viewers.report.html"));
		assertThat(sandbox.sandbox().store().viewerByEmail(1, "gone@example.com").orElseThrow().projectIds())
			.containsExactly(103L);
		// the report's numbers are the results file's
		String report = Files.readString(this.dir.resolve("viewers.report.html"));
		assertThat(report).contains("data-count=\"created\">2<", "data-count=\"restored\">1<",
				"data-count=\"unchanged\">1<", "data-count=\"rejected\">4<", "data-count=\"invitations\">2<",
				"invalid-email", "unknown-project");
	}

	@Test
	void theResultsReplaceAnOlderFileAndKeepItsPermissions() throws Exception {
		assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
		Path file = file(lines(newViewers(2, "101")));
		Files.writeString(results(), "an older run's results\n");
		Files.setPosixFilePermissions(results(), PosixFilePermissions.fromString("rw-r-----"));

		assertExit(run(file), "COMPLETED");

		assertThat(csv(results())).extracting(r -> r.get("outcome")).containsOnly("created+assigned");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(results()))).isEqualTo("rw-r-----");
	}

	@Test
	void aSecondRunOfTheSameFileSendsOnlyTheListPages() throws Exception {
		sandbox.sandbox().store().addViewer(1, "kept@example.com", "Kept", "As Is", "active", Set.of(101L));
		Path file = file(lines(newViewers(5, "101;102")));
		assertExit(run(file), "COMPLETED");
		log().clear();

		JobExecution again = run(file, "rerun");

		assertExit(again, "COMPLETED");
		assertThat(log().all()).extracting(r -> r.method() + " " + r.path())
			.containsExactly("GET /project-viewers", "GET /projects");
		assertThat(csv(results())).extracting(r -> r.get("outcome")).containsOnly("unchanged");
		assertThat(csv(results())).extracting(r -> r.get("requests")).containsOnly("0");
	}

	@Test
	void aCreateAnswered500AfterItHappenedIsNotSentAgain() throws Exception {
		sandbox.sandbox().faultPlan(FaultPlan.builder().onEmail("new2@example.com", Fault.commitThen500()).build());
		Path file = file(lines(newViewers(3, "101;102")));

		JobExecution execution = run(file);

		assertExit(execution, "COMPLETED");
		assertThat(log().count("POST", "/project-viewers")).isEqualTo(3);
		assertThat(log().invitationsSent("new2@example.com")).isEqualTo(1);
		CSVRecord row = csv(results()).stream()
			.filter(r -> r.get("email").equals("new2@example.com"))
			.findFirst()
			.orElseThrow();
		assertThat(row.get("outcome")).isEqualTo("created+assigned");
		assertThat(row.get("detail")).contains("no second invitation");
		assertThat(sandbox.sandbox().store().viewerByEmail(1, "new2@example.com").orElseThrow().projectIds())
			.containsExactlyInAnyOrder(101L, 102L);
	}

	@Test
	void aCreateLeftWithoutAnAnswerIsLookedUpBeforeItIsSentAgainAndInvitesOnce() throws Exception {
		// the connection drops before the sandbox applies the create: like a read
		// timeout, an I/O error that leaves the client unable to tell whether it happened
		sandbox.sandbox().faultPlan(FaultPlan.builder().onEmail("new1@example.com", Fault.dropConnection()).build());
		Path file = file(lines(newViewers(1, "101")));

		JobExecution execution = run(file);

		assertExit(execution, "COMPLETED");
		// the look-ups by email find nothing; the create is sent again, once, only when
		// the last of them comes 30 s after the first create (a list may lag): after
		// the other rows, then 2, 4, 8 and 16 s
		assertThat(log().all()
			.stream()
			.sorted(Comparator.comparingLong(LoggedRequest::seq))
			.map(r -> r.method() + " " + r.path().replaceAll("\\d+", "N") + " " + r.status()))
			.containsExactly("GET /project-viewers 200", "GET /projects 200", "POST /project-viewers 0",
					"GET /project-viewers 200", "GET /project-viewers 200", "GET /project-viewers 200",
					"GET /project-viewers 200", "GET /project-viewers 200", "POST /project-viewers 201",
					"POST /project-viewers/N/assign-project 200");
		assertThat(log().all()).filteredOn(r -> r.method().equals("GET") && "new1@example.com".equals(r.email()))
			.as("the look-ups ask for that email")
			.hasSize(5);
		assertThat(log().invitationsSent("new1@example.com")).isEqualTo(1);
		assertThat(csv(results()).get(0).get("outcome")).isEqualTo("created+assigned");
		assertThat(sandbox.sandbox().store().viewerByEmail(1, "new1@example.com").orElseThrow().projectIds())
			.containsExactly(101L);
	}

	@Test
	void aChunkWithOneRefusedRowIsWrittenAgainRowByRowWithoutResendingTheOthers() throws Exception {
		sandbox.sandbox().faultPlan(FaultPlan.builder().onEmail("new3@example.com", Fault.status(400)).build());
		Path file = file(lines(newViewers(5, "101")));

		JobExecution execution = run(request(file, 5));

		assertExit(execution, "COMPLETED_WITH_REJECTS");
		assertThat(log().count("POST", "/project-viewers")).isEqualTo(5);
		assertThat(log().count("POST", "/project-viewers/\\d+/assign-project")).isEqualTo(4);
		for (int i = 1; i <= 5; i++) {
			assertThat(log().invitationsSent("new" + i + "@example.com")).isEqualTo((i == 3) ? 0 : 1);
		}
		assertThat(csv(results())).hasSize(4);
		CSVRecord reject = csv(rejects()).get(0);
		assertThat(reject.get("email")).isEqualTo("new3@example.com");
		assertThat(reject.get("line")).isEqualTo("4");
		assertThat(reject.get("error")).isEqualTo("refused");
		assertThat(reject.get("http_status")).isEqualTo("400");
		assertThat(execution.getStepExecutions()).filteredOn(s -> s.getStepName().equals("importViewersApply"))
			.singleElement()
			.satisfies(step -> assertThat(step.getWriteSkipCount()).isEqualTo(1));
	}

	@Test
	void aQuarterOfAllRequestsAnswered503RejectsNoRowAndInvitesEachViewerOnce() throws Exception {
		Path file = file(lines(newViewers(40, "101")));
		sandbox.sandbox().faultPlan(FaultPlan.builder().randomly(7, 0.25, Fault.status(503)).build());

		JobExecution execution = run(file);

		assertExit(execution, "COMPLETED");
		assertThat(rejects()).doesNotExist();
		assertThat(csv(results())).hasSize(40)
			.allSatisfy(r -> assertThat(r.get("outcome")).isEqualTo("created+assigned"));
		for (int i = 1; i <= 40; i++) {
			assertThat(log().invitationsSent("new" + i + "@example.com")).as("new%d", i).isEqualTo(1);
			assertThat(
					sandbox.sandbox().store().viewerByEmail(1, "new" + i + "@example.com").orElseThrow().projectIds())
				.containsExactly(101L);
		}
	}

	@Test
	void rowsTheApiKeepsFromFinishingThroughEveryRoundEndTheRunAtExit1AndTheSameCommandFinishesThem() throws Exception {
		// every assign fails for as long as the first run lasts
		Path file = file(lines(newViewers(3, "101")));
		sandbox.sandbox()
			.faultPlan(FaultPlan.builder()
				.onEndpoint("POST", "/project-viewers/\\d+/assign-project", 0, Fault.status(503))
				.build());

		JobExecution failed = run(file);

		assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(failed.getAllFailureExceptions()).anySatisfy(failure -> assertThat(failure)
			.hasMessageStartingWith("3 rows could not be applied because the API kept failing")
			.hasMessageContaining("503")
			.hasMessageEndingWith("run the same command again"));
		assertThat(rejects()).doesNotExist();
		assertThat(log().invitationsSent()).isEqualTo(3);
		sandbox.sandbox().faultPlan(FaultPlan.none());
		log().clear();

		JobExecution resumed = run(file);

		assertExit(resumed, "COMPLETED");
		assertThat(resumed.getJobInstance().getInstanceId()).isEqualTo(failed.getJobInstance().getInstanceId());
		// the creates are not sent again: each row goes on with its viewer
		assertThat(log().count("POST", "/project-viewers")).isZero();
		assertThat(log().writes()).isEqualTo(3);
		assertThat(csv(results())).extracting(r -> r.get("outcome")).containsOnly("created+assigned");
	}

	@Test
	void aRunThatFailsPartWayResumesWhereItStoppedWithoutResendingAppliedRows() throws Exception {
		Path file = file(lines(newViewers(10, "")));
		downAfterFourCreates();

		JobExecution failed = run(request(file, 2));

		assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(log().invitationsSent()).isEqualTo(4);
		assertThat(summary(failed)).contains("run the same command again to resume")
			.contains("rejected 0, not finished 6")
			.doesNotContain("failed");
		assertThat(results()).doesNotExist();
		sandbox.sandbox().faultPlan(FaultPlan.none());
		log().clear();

		JobExecution resumed = run(request(file, 2));

		assertThat(resumed.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(resumed.getJobInstance().getInstanceId()).isEqualTo(failed.getJobInstance().getInstanceId());
		assertThat(log().invitationsSent()).isEqualTo(6);
		for (int i = 1; i <= 10; i++) {
			assertThat(sandbox.sandbox().store().viewerByEmail(1, "new" + i + "@example.com")).isPresent();
		}
		assertThat(log().count("POST", "/project-viewers")).isEqualTo(6);
		List<CSVRecord> results = csv(results());
		assertThat(results).extracting(r -> r.get("line"))
			.containsExactly("2", "3", "4", "5", "6", "7", "8", "9", "10", "11");
	}

	@Test
	void aCopyOfTheFileUnderAnotherNameInAnotherDirectoryFinishesTheRunThatFailed() throws Exception {
		Path file = file(lines(newViewers(10, "")));
		downAfterFourCreates();
		JobExecution failed = run(request(file, 2));
		assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
		sandbox.sandbox().faultPlan(FaultPlan.none());
		log().clear();
		// the other machine's copy: another directory, another name, the same bytes
		Path elsewhere = Files.createDirectories(this.dir.resolve("machine-b"));
		Path copy = Files.copy(file, elsewhere.resolve("roster-copy.csv"));

		JobExecution resumed = run(request(copy, 2));

		assertThat(resumed.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(resumed.getJobInstance().getInstanceId()).isEqualTo(failed.getJobInstance().getInstanceId());
		assertThat(log().count("POST", "/project-viewers")).isEqualTo(6);
		assertThat(log().invitationsSent()).isEqualTo(6);
		assertThat(csv(elsewhere.resolve("roster-copy.results.csv"))).extracting(r -> r.get("line"))
			.containsExactly("2", "3", "4", "5", "6", "7", "8", "9", "10", "11");
		assertThat(results()).doesNotExist();
		assertThat(resumed.getJobParameters().getString("input.file")).isEqualTo(copy.toString());
	}

	@Test
	void aResumedRunReportsCreatedForTheViewersAnInterruptedChunkCreated() throws Exception {
		Path file = file(lines(newViewers(10, "")));
		// the first chunk (new1-new4) commits; in the second, new7's create is refused
		// as unauthorised after new5 or new6 was created (new8's may be in flight): the
		// chunk rolls back
		sandbox.sandbox().faultPlan(FaultPlan.builder().onEmail("new7@example.com", Fault.status(401)).build());

		JobExecution failed = run(request(file, 4));

		assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
		long createdBefore = log().invitationsSent();
		assertThat(createdBefore).isBetween(5L, 7L);
		sandbox.sandbox().faultPlan(FaultPlan.none());

		JobExecution resumed = run(request(file, 4));

		assertThat(resumed.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(log().count("POST", "/project-viewers")).isEqualTo(10 + 1);
		assertThat(log().invitationsSent()).isEqualTo(10);
		// every viewer this job created is reported created, whichever execution did it
		List<CSVRecord> results = csv(results());
		assertThat(results).extracting(r -> r.get("outcome")).containsOnly("created").hasSize(10);
		assertThat(results).filteredOn(r -> r.get("detail").contains("execution " + failed.getId() + " sent create"))
			.extracting(r -> r.get("email"))
			.isNotEmpty()
			.isSubsetOf("new5@example.com", "new6@example.com", "new8@example.com");
		assertThat(summary(resumed)).contains("10 rows: created 10,");
	}

	@Test
	void resultsThatCannotBeWrittenLeaveTheRunUnfinishedAndTheNextRunOnlyWritesThem() throws Exception {
		Path file = file(lines(newViewers(3, "101")));
		JobParameters parameters = parameters(request(file));
		// after the outputs were checked, the results target became a directory
		Files.createDirectory(results());

		JobExecution failed = this.jobs.start(this.importViewersJob, parameters);

		assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(failed.getAllFailureExceptions()).singleElement()
			.satisfies(ex -> assertThat(ex).hasMessageContaining("cannot write the results file " + results())
				.hasMessageContaining("run the same command again to write the files"));
		assertThat(log().invitationsSent()).isEqualTo(3);
		Files.delete(results());
		log().clear();

		JobExecution published = run(file);

		assertThat(published.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(published.getJobInstance().getInstanceId()).isEqualTo(failed.getJobInstance().getInstanceId());
		assertThat(log().all()).isEmpty();
		assertThat(csv(results())).extracting(r -> r.get("outcome")).containsOnly("created+assigned").hasSize(3);
		assertThat(summary(published)).contains("3 rows: created 3,")
			.contains("nothing sent: execution " + failed.getId() + " applied the rows");
	}

	@Test
	void aCrmExportWithItsOwnHeaderNamesImportsAsItIsAndTheSummarySaysHowItWasRead() throws Exception {
		Path file = file("Email Address,First Name,Surname,Project IDs", "ann@example.com,Ann,Lee,101");

		JobExecution execution = run(file);

		assertExit(execution, "COMPLETED");
		assertThat(sandbox.sandbox().store().viewerByEmail(1, "ann@example.com").orElseThrow().projectIds())
			.containsExactly(101L);
		assertThat(summary(execution)).contains(
				"columns read as: 'Email Address' → email, 'First Name' → firstname, 'Surname' → lastname, 'Project IDs' → projects");
	}

	@Test
	void pacedAtSixtyPerMinuteTheRunNeverMeetsTheRateLimit(CapturedOutput output) throws Exception {
		Path file = file(lines(newViewers(40, "101")));

		JobExecution execution = run(file);

		assertExit(execution, "COMPLETED");
		assertThat(log().all()).hasSize(2 + 80);
		assertThat(log().rateLimited()).isZero();
		assertThat(summary(execution)).contains("requests sent 82 (429 answers: 0)");
		// 82 s on the fake clock: a progress line every 5 s or so, with the rate (2 %
		// under 60/min) and the time left
		assertThat(output.getAll()).containsPattern(
				"import-viewers viewers.csv into workspace 1: \\d+/40 rows, \\d+ requests, (58|59)/min, about .+ left");
		// the report's chart: every request in the minute it went, none over the limit
		List<String> minutes = chartMinutes();
		assertThat(minutes).hasSize(2);
		assertThat(minutes.get(0)).matches("minute 1: (58|59) requests, 0 429s, 0 retries");
		assertThat(minutes.stream().mapToInt(ImportViewersJobTest::requestsOf).sum()).isEqualTo(82);
	}

	/** The chart's minutes in the report: "minute 1: 59 requests, 0 429s, 0 retries". */
	private List<String> chartMinutes() throws IOException {
		return Pattern.compile("<title>(minute [^<]+)</title>")
			.matcher(Files.readString(this.dir.resolve("viewers.report.html")))
			.results()
			.map((match) -> match.group(1))
			.toList();
	}

	private static int requestsOf(String minute) {
		return Integer.parseInt(minute.replaceFirst("minute \\d+: (\\d+) requests.*", "$1"));
	}

	@Test
	void afterA429WithRetryAfterNoRequestLeavesForThatLong() throws Exception {
		// the second request (the projects page) is answered 429 with Retry-After: 5
		long second = sandbox.sandbox().requestsReceived() + 2;
		sandbox.sandbox()
			.faultPlan(FaultPlan.builder().onRequest(second, Fault.status(429, Duration.ofSeconds(5))).build());
		Path file = file(lines(newViewers(3, "")));

		JobExecution execution = run(file);

		assertExit(execution, "COMPLETED");
		LoggedRequest limited = log().all().stream().filter(r -> r.status() == 429).findFirst().orElseThrow();
		assertThat(log().all()).filteredOn(r -> r.seq() > limited.seq())
			.isNotEmpty()
			.allSatisfy(r -> assertThat(r.at()).isAfterOrEqualTo(limited.at().plusSeconds(5)));
		assertThat(summary(execution)).contains("(429 answers: 1)");
		// the report marks the 429 and its retry in the minute they came
		assertThat(chartMinutes()).containsExactly("minute 1: " + log().all().size() + " requests, 1 429s, 1 retries");
	}

	@Test
	void aDryRunSendsOnlyReadsAndWritesThePlan() throws Exception {
		sandbox.sandbox().store().addViewer(1, "new1@example.com", "New", "Viewer1", "active", Set.of(101L));
		Path file = file(lines(
				List.of("new1@example.com,New,Viewer1,101;102,", "new2@example.com,New,Viewer2,101,", "bad,x,y,,")));
		ImportRun<?> dryRun = new ImportRun<>(file, 1, TestRuns.NO_API, Instant.EPOCH, null, null, null, null, null,
				null, null, null, null, null, TestRuns.VIEWERS);

		JobExecution execution = run(dryRun);

		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(log().writes()).isZero();
		assertThat(results()).doesNotExist();
		assertThat(rejects()).doesNotExist();
		Path plan = this.dir.resolve("viewers.plan.csv");
		assertThat(csv(plan)).extracting(r -> r.get("line") + " " + r.get("actions") + " " + r.get("requests"))
			.containsExactly("2 assign 102 1", "3 create; assign 101 2",
					"4 reject (invalid-email): 'bad' is not an email address (it has no @) 0");
		assertThat(Files.readString(plan)).contains("# 3 rows: created 1,")
			.contains(
					"# the real run needs 5 requests (2 to read the workspace, 3 for the rows): about 5.0s at 60/min");
		assertThat(summary(execution)).contains("dry run").contains("plan: " + plan);
		// a dry run is a run of its own: the real one still happens afterwards
		assertExit(run(file), "COMPLETED_WITH_REJECTS");
		assertThat(log().invitationsSent()).isEqualTo(1);
	}

	@Test
	void deletesNeedAllowDeleteAndStayUnderMaxDeletesBeforeAnyRequest() throws Exception {
		sandbox.sandbox().store().addViewer(1, "a@example.com", "A", "A", "active", Set.of());
		sandbox.sandbox().store().addViewer(1, "b@example.com", "B", "B", "active", Set.of());
		Path file = file(HEADER, "a@example.com,,,,delete", "b@example.com,,,,DELETE", "c@example.com,C,C,101,");

		JobExecution refused = run(file);
		assertThat(refused.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(inputFileError(refused).line()).isEqualTo(2);
		assertThat(inputFileError(refused).reason()).contains("--allow-delete");
		JobExecution tooMany = run(file, "allow-delete", "max-deletes=1");
		assertThat(inputFileError(tooMany).reason()).contains("--max-deletes 1");
		assertThat(log().all()).isEmpty();

		JobExecution allowed = run(file, "allow-delete", "max-deletes=2");

		assertExit(allowed, "COMPLETED");
		assertThat(log().count("DELETE", "/project-viewers/\\d+")).isEqualTo(2);
		assertThat(sandbox.sandbox().store().viewerByEmail(1, "a@example.com").orElseThrow().archived()).isTrue();
		assertThat(csv(results())).extracting(r -> r.get("outcome"))
			.containsExactly("deleted", "deleted", "created+assigned");
	}

	@Test
	void aRosterSyncArchivesExactlyTheActiveViewersTheFileDoesNotNameAndKeepsARejectedRowsViewer() throws Exception {
		var store = sandbox.sandbox().store();
		store.addViewer(1, "kept@example.com", "Kept", "As Is", "active", Set.of(101L));
		store.addViewer(1, "gone1@example.com", "Gone", "One", "active", Set.of(101L));
		store.addViewer(1, "gone2@example.com", "Gone", "Two", "active", Set.of());
		store.addViewer(1, "old@example.com", "Old", "Archived", "inactive", Set.of());
		store.addViewer(1, "unsure@example.com", "Un", "Sure", "active", Set.of());
		// the file wants something for unsure@, but its row is rejected: it is kept
		Path file = file(HEADER, "kept@example.com,Kept,As Is,101,", "new@example.com,New,Viewer,101,",
				"Unsure@Example.com,Un,Sure,999,");

		JobExecution execution = run(file, "allow-delete", "archive-missing");

		assertExit(execution, "COMPLETED_WITH_REJECTS");
		assertThat(log().writes()).isEqualTo(4);
		assertThat(log().count("POST", "/project-viewers")).isEqualTo(1);
		assertThat(log().count("POST", "/project-viewers/\\d+/assign-project")).isEqualTo(1);
		assertThat(log().all()).filteredOn((r) -> r.method().equals("DELETE"))
			.extracting(LoggedRequest::viewerId)
			.containsExactlyInAnyOrder(store.viewerByEmail(1, "gone1@example.com").orElseThrow().id(),
					store.viewerByEmail(1, "gone2@example.com").orElseThrow().id());
		assertThat(store.viewerByEmail(1, "unsure@example.com").orElseThrow().archived()).isFalse();
		assertThat(store.viewerByEmail(1, "kept@example.com").orElseThrow().archived()).isFalse();
		// every archive is in the results, after the file's lines, and says why
		assertThat(csv(results())).extracting((r) -> r.get("line") + " " + r.get("email") + " " + r.get("outcome"))
			.containsExactly("2 kept@example.com unchanged", "3 new@example.com created+assigned",
					"5 gone1@example.com deleted", "6 gone2@example.com deleted");
		assertThat(csv(results()).get(2).get("detail")).contains("not in the roster (--archive-missing)");
		assertThat(csv(rejects())).extracting((r) -> r.get("line") + " " + r.get("error"))
			.containsExactly("4 unknown-project");
		assertThat(summary(execution)).contains("deleted 2");
	}

	@Test
	void theFormsPastedFromAMailClientImportAsTheAddressAndWhatIsNoAddressGetsNoInvitation() throws Exception {
		Path file = file(HEADER, "Ann Lee <Ann@example.com>,Ann,Lee,101,", "mailto:arch@example.com,Arch,Ray,,",
				"cy@example.com;,Cy,Young,,", "\"Dee Day <mailto:dee@example.com>,\",Dee,Day,,",
				"ann@example.com,Ann,Lee,,", "nul\u0000@example.com,Nul,Byte,,", "\u001b[2Jesc@example.com,Esc,Seq,,",
				"<script>alert(1)</script>@example.com,Script,Tag,,",
				"\"=HYPERLINK(\"\"http://evil\"\")@example.com\",Hyper,Link,,", "Eve Lee <>,Eve,Lee,,");

		JobExecution execution = run(file);

		assertExit(execution, "COMPLETED_WITH_REJECTS");
		assertThat(log().count("POST", "/project-viewers")).isEqualTo(4);
		assertThat(log().all()).filteredOn((r) -> r.method().equals("POST") && r.path().equals("/project-viewers"))
			.extracting(LoggedRequest::email)
			.containsExactlyInAnyOrder("Ann@example.com", "arch@example.com", "cy@example.com", "dee@example.com");
		assertThat(log().invitationsSent()).isEqualTo(4);
		assertThat(log().writes()).isEqualTo(4 + 1);
		assertThat(csv(results())).extracting((r) -> r.get("line") + " " + r.get("email") + " " + r.get("outcome"))
			.containsExactly("2 Ann@example.com created+assigned", "3 arch@example.com created",
					"4 cy@example.com created", "5 dee@example.com created");
		assertThat(csv(rejects())).extracting((r) -> r.get("line") + " " + r.get("error"))
			.containsExactly("6 duplicate", "7 control-character", "8 control-character", "9 invalid-email",
					"10 invalid-email", "11 invalid-email");
	}

	@Test
	void theRejectsFileShowsFormulasAsTextAndImportsAgainAsItIs() throws Exception {
		Path file = file(HEADER, "ok@example.com,Ok,Fine,,", "\"=cmd|' /C calc'!A0\",Cmd,Calc,,",
				"@SUM(1+1),\"=HYPERLINK(\"\"http://evil\"\",\"\"click\"\")\",Link,,", "bad-tab,\"\t=1+2\",+1+1,,",
				"bad-quote,'=x,'plain,-2,", "\u001b]0;title\u0007@example.com,Esc,Seq,,");

		assertExit(run(file), "COMPLETED_WITH_REJECTS");

		List<CSVRecord> rejects = csv(rejects());
		assertThat(rejects).extracting((r) -> r.get("line") + " " + r.get("error"))
			.containsExactly("3 invalid-email", "4 invalid-email", "5 invalid-email", "6 invalid-email",
					"7 control-character");
		// what a spreadsheet gets: each formula behind a quote, plain numbers as they are
		assertThat(rejects.get(0).get("email")).isEqualTo("'=cmd|' /C calc'!A0");
		assertThat(rejects.get(1).get("email")).isEqualTo("'@SUM(1+1)");
		assertThat(rejects.get(1).get("firstname")).isEqualTo("'=HYPERLINK(\"http://evil\",\"click\")");
		assertThat(rejects.get(2).get("firstname")).isEqualTo("'\t=1+2");
		assertThat(rejects.get(2).get("lastname")).isEqualTo("'+1+1");
		assertThat(rejects.get(3).get("firstname")).as("read as =x, written guarded again").isEqualTo("'=x");
		assertThat(rejects.get(3).get("lastname")).isEqualTo("'plain");
		assertThat(rejects.get(3).get("projects")).isEqualTo("-2");
		Path again = this.dir.resolve("again.csv");
		Files.copy(rejects(), again);

		assertExit(run(again), "COMPLETED_WITH_REJECTS");

		List<CSVRecord> rejectedAgain = csv(this.dir.resolve("again.rejects.csv"));
		assertThat(rejectedAgain).extracting((r) -> r.get("error") + " " + r.get("message"))
			.isEqualTo(rejects.stream().map((r) -> r.get("error") + " " + r.get("message")).toList());
		assertThat(rejectedAgain).extracting(ImportViewersJobTest::ownColumns)
			.isEqualTo(rejects.stream().map(ImportViewersJobTest::ownColumns).toList());
		assertThat(log().count("POST", "/project-viewers")).isEqualTo(1);
	}

	private static List<String> ownColumns(CSVRecord reject) {
		return Stream.of(HEADER.split(",")).map(reject::get).toList();
	}

	@Test
	void aRosterSyncWithSyncProjectsLeavesTheWorkspaceExactlyAsTheFileSays() throws Exception {
		var store = sandbox.sandbox().store();
		store.addViewer(1, "a@example.com", "A", "A", "active", Set.of(101L, 102L));
		store.addViewer(1, "b@example.com", "B", "B", "active", Set.of(103L));
		store.addViewer(1, "c@example.com", "C", "C", "inactive", Set.of(101L));
		Path file = file(HEADER, "a@example.com,A,A,101,", "c@example.com,C,C,102;103,", "d@example.com,D,D,101,");

		assertExit(run(file, "sync", "allow-delete", "archive-missing"), "COMPLETED");

		assertThat(store.viewers(1)).filteredOn((viewer) -> !viewer.archived())
			.extracting((viewer) -> viewer.email() + " " + viewer.projectIds())
			.containsExactlyInAnyOrder("a@example.com [101]", "c@example.com [102, 103]", "d@example.com [101]");
		// a: unassign 102; b: archive; c: restore, assign 102 and 103, unassign 101; d:
		// create, assign 101
		assertThat(log().writes()).isEqualTo(1 + 1 + 4 + 2);
	}

	@Test
	void aRosterSyncsDryRunListsEveryArchiveInThePlan() throws Exception {
		sandbox.sandbox().store().addViewer(1, "gone@example.com", "Gone", "Away", "active", Set.of());
		Path file = file(HEADER, "new@example.com,New,Viewer,101,");
		ImportRun<?> dryRun = new ImportRun<>(file, 1, TestRuns.NO_API, Instant.EPOCH, null, null, null, null, null,
				null, null, null, null, null, TestRuns.VIEWERS);

		assertExit(run(dryRun, "allow-delete", "archive-missing"), "COMPLETED");

		assertThat(log().writes()).isZero();
		assertThat(Files.readString(dryRun.plan())).contains("\n3,gone@example.com,archive,1\n")
			.contains("# 1 rows and 1 active viewers the roster leaves out: created 1,");
		assertThat(sandbox.sandbox().store().viewerByEmail(1, "gone@example.com").orElseThrow().archived()).isFalse();
	}

	@Test
	void aRosterSyncOverMaxDeletesIsRefusedAfterTheReadsBeforeAnyWrite() throws Exception {
		var store = sandbox.sandbox().store();
		for (int i = 1; i <= 12; i++) {
			store.addViewer(1, "gone" + i + "@example.com", "Gone", "No" + i, "active", Set.of());
		}
		store.addViewer(1, "bye@example.com", "Bye", "Bye", "active", Set.of());
		Path file = file(HEADER, "new@example.com,New,Viewer,101,", "bye@example.com,,,,delete");

		JobExecution refused = run(file, "allow-delete", "archive-missing", "max-deletes=12");

		assertThat(refused.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(inputFileError(refused).reason())
			.startsWith("13 viewers would be archived (12 active viewers the file does not name, 1 rows with"
					+ " action=delete), more than --max-deletes 12; nothing was sent. The first of them: "
					+ "gone10@example.com, gone11@example.com, gone12@example.com, gone1@example.com,"
					+ " gone2@example.com, gone3@example.com, gone4@example.com, gone5@example.com,"
					+ " gone6@example.com, gone7@example.com.");
		assertThat(log().all()).isNotEmpty();
		assertThat(log().writes()).isZero();
		assertThat(results()).doesNotExist();

		assertExit(run(file, "allow-delete", "archive-missing", "max-deletes=13"), "COMPLETED");
		assertThat(log().count("DELETE", "/project-viewers/\\d+")).isEqualTo(13);
	}

	@Test
	void aRosterSyncStoppedByAnOutageArchivesEachMissingViewerOnceWhenResumed() throws Exception {
		var store = sandbox.sandbox().store();
		for (int i = 1; i <= 6; i++) {
			store.addViewer(1, "gone" + i + "@example.com", "Gone", "No" + i, "active", Set.of());
		}
		Path file = file(HEADER, "new@example.com,New,Viewer,,");
		long outage = sandbox.sandbox().requestsReceived() + 2 + 1 + 3 + 1;
		FaultPlan.Builder down = FaultPlan.builder();
		for (long n = outage; n < outage + 200; n++) {
			down.onRequest(n, Fault.status(503));
		}
		sandbox.sandbox().faultPlan(down.build());

		JobExecution failed = run(request(file, 2), "allow-delete", "archive-missing");

		assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
		sandbox.sandbox().faultPlan(FaultPlan.none());
		JobExecution resumed = run(request(file, 2), "allow-delete", "archive-missing");

		assertExit(resumed, "COMPLETED");
		assertThat(log().all()).filteredOn((r) -> r.method().equals("DELETE") && r.status() < 300)
			.extracting(LoggedRequest::viewerId)
			.doesNotHaveDuplicates()
			.hasSize(6);
		for (int i = 1; i <= 6; i++) {
			assertThat(store.viewerByEmail(1, "gone" + i + "@example.com").orElseThrow().archived()).isTrue();
		}
		assertThat(csv(results())).extracting((r) -> r.get("email"))
			.containsExactly("new@example.com", "gone1@example.com", "gone2@example.com", "gone3@example.com",
					"gone4@example.com", "gone5@example.com", "gone6@example.com");
	}

	@Test
	void anOldExcelFileWithItsOwnColumnNamesImportsWithMapDelimiterAndEncoding() throws Exception {
		Path file = this.dir.resolve("viewers.csv");
		Files.write(file,
				("E-Mail;Vorname;Nachname;Projekte;Notiz\r\n" + "jose@example.com;José;Müller;101|102;\"a; b\"\r\n")
					.getBytes(Charset.forName("windows-1252")));
		ImportRun<?> request = new ImportRun<>(file, 1, TestRuns.NO_API, null, null, null, null, null, null, null, null,
				"windows-1252", "E-Mail=email,Vorname=firstname,Nachname=lastname,Projekte=projects", null,
				TestRuns.VIEWERS);

		JobExecution execution = run(request);

		assertExit(execution, "COMPLETED");
		var viewer = sandbox.sandbox().store().viewerByEmail(1, "jose@example.com").orElseThrow();
		assertThat(viewer.firstname() + " " + viewer.lastname()).isEqualTo("José Müller");
		assertThat(viewer.projectIds()).containsExactlyInAnyOrder(101L, 102L);
	}

	@Test
	void theSameRefusalRowAfterRowStopsTheRunEarly() throws Exception {
		sandbox.sandbox().store().seatLimit(1, 2);
		Path file = file(lines(newViewers(20, "")));

		// one row per chunk: no second worker has a create in flight when the streak
		// trips, so the count is exact
		JobExecution execution = run(request(file, 1));

		assertThat(execution.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(execution.getAllFailureExceptions())
			.anySatisfy(failure -> assertThat(rootCause(failure)).isInstanceOf(SystematicRejectionException.class)
				.hasMessageContaining("seat limit"));
		assertThat(log().invitationsSent()).isEqualTo(2);
		// two invitations, then five refusals in a row, then nothing
		assertThat(log().count("POST", "/project-viewers")).isEqualTo(2L + ImportSteps.SYSTEMATIC_REFUSALS);
	}

	@Test
	void aSyncRemovesProjectsTheRowDoesNotList() throws Exception {
		sandbox.sandbox().store().addViewer(1, "ann@example.com", "Ann", "Lee", "active", Set.of(101L, 102L, 103L));
		Path file = file(HEADER, "ann@example.com,Ann,Lee,101;104,");

		JobExecution execution = run(file, "sync");

		assertExit(execution, "COMPLETED");
		assertThat(sandbox.sandbox().store().viewerByEmail(1, "ann@example.com").orElseThrow().projectIds())
			.containsExactlyInAnyOrder(101L, 104L);
		assertThat(csv(results()).get(0).get("outcome")).isEqualTo("assigned+unassigned");
		assertThat(csv(results()).get(0).get("requests")).isEqualTo("3");
	}

	@Test
	void theTokenAppearsInNoParameterLogOrOutputFile(CapturedOutput output) throws Exception {
		sandbox.sandbox().faultPlan(FaultPlan.builder().onEmail("new2@example.com", Fault.status(400)).build());
		Path file = file(lines(newViewers(3, "101")));

		JobExecution execution = run(file);

		assertThat(execution.getJobParameters().toString()).doesNotContain(sandbox.token());
		assertThat(summary(execution)).doesNotContain(sandbox.token());
		assertThat(Files.readString(results())).doesNotContain(sandbox.token());
		assertThat(Files.readString(rejects())).doesNotContain(sandbox.token());
		assertThat(output.getAll()).doesNotContain(sandbox.token());
	}

	@Test
	void otherPlausibleApisStillGetEveryRowRightOrSayWhatToDo() throws Exception {
		sandbox.sandbox().quirks(new Quirks(true, true, true, true, true));
		for (int i = 0; i < 130; i++) {
			sandbox.sandbox().store().addViewer(1, "old" + i + "@example.com", "Old", "Viewer", "active", Set.of(101L));
		}
		sandbox.sandbox().store().addViewer(1, "hidden@example.com", "Hidden", "Archived", "inactive", Set.of());
		List<String> rows = new ArrayList<>(newViewers(2, "101;102"));
		rows.add("old129@example.com,Old,Viewer,101;103,");
		rows.add("hidden@example.com,Hidden,Archived,101,");
		Path file = file(lines(rows));

		JobExecution execution = run(file);

		assertExit(execution, "COMPLETED_WITH_REJECTS");
		assertThat(csv(results())).extracting(r -> r.get("email") + " " + r.get("outcome"))
			.containsExactly("new1@example.com created+assigned", "new2@example.com created+assigned",
					"old129@example.com assigned");
		CSVRecord hidden = csv(rejects()).get(0);
		assertThat(hidden.get("http_status")).isEqualTo("422");
		assertThat(hidden.get("message")).contains("archived").contains("restore it");
		assertThat(log().invitationsSent()).isEqualTo(2);
		// no pagination metadata: the 131 listed viewers are read in two pages of 100,
		// not one request each; the hidden viewer is looked up until the list has had
		// 30 s to show it (at once, then after 2, 4, 8 and 16 s)
		assertThat(log().count("GET", "/project-viewers")).isEqualTo(2 + 5);
	}

	@ParameterizedTest
	@ValueSource(booleans = { false, true })
	void aRepeatedAssignAnsweredNoOpOrRefusedEndsInTheWantedState(boolean repeatsAreNoOps) throws Exception {
		sandbox.sandbox().quirks(new Quirks(repeatsAreNoOps, false, false, false, false));
		// the first assign is applied but answered 500: the client's retry meets an
		// assigned project, which the
		// API answers with a 400 (then the writer checks the viewer) or with a 200 that
		// changes nothing
		sandbox.sandbox()
			.faultPlan(FaultPlan.builder()
				.onEndpoint("POST", "/project-viewers/\\d+/assign-project", 1, Fault.commitThen500())
				.build());
		sandbox.sandbox().store().addViewer(1, "ann@example.com", "Ann", "Lee", "active", Set.of());
		Path file = file(HEADER, "ann@example.com,Ann,Lee,101;102,");

		JobExecution execution = run(file);

		assertExit(execution, "COMPLETED");
		assertThat(csv(results()).get(0).get("outcome")).isEqualTo("assigned");
		assertThat(log().count("POST", "/project-viewers/\\d+/assign-project")).isEqualTo(3);
		assertThat(log().count("GET", "/project-viewers/\\d+")).isEqualTo(repeatsAreNoOps ? 0 : 1);
		assertThat(sandbox.sandbox().store().viewerByEmail(1, "ann@example.com").orElseThrow().projectIds())
			.containsExactlyInAnyOrder(101L, 102L);
	}

	@Test
	void moreRejectedRowsThanTheSkipLimitStopTheRun() throws Exception {
		Path file = file(HEADER, "bad1,A,B,,", "ok@example.com,O,K,,", "bad2,A,B,,");
		ImportRun<?> request = new ImportRun<>(file, 1, TestRuns.NO_API, null, null, null, null, null, 1L, null, null,
				null, null, null, TestRuns.VIEWERS);

		JobExecution execution = run(request);

		assertThat(execution.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(execution.getAllFailureExceptions())
			.anySatisfy(failure -> assertThat(failure).hasStackTraceContaining("SkipLimitExceededException"));
	}

	static void assertExit(JobExecution execution, String exitCode) {
		assertThat(execution.getExitStatus().getExitCode()).as("%s", execution.getAllFailureExceptions())
			.isEqualTo(exitCode);
	}

	static InputFileException inputFileError(JobExecution execution) {
		return execution.getAllFailureExceptions()
			.stream()
			.map(ImportViewersJobTest::rootCause)
			.filter(InputFileException.class::isInstance)
			.map(InputFileException.class::cast)
			.findFirst()
			.orElseThrow(() -> new AssertionError("no input file error in " + execution.getAllFailureExceptions()));
	}

	static Throwable rootCause(Throwable failure) {
		Throwable cause = failure;
		while (cause.getCause() != null && cause.getCause() != cause) {
			cause = cause.getCause();
		}
		return cause;
	}

}
