package org.viewerbatch.imports;

import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.restclient.RestClientCustomizer;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import org.viewerbatch.ViewerBatchApplication;
import org.viewerbatch.client.Sleeper;
import org.viewerbatch.imports.ImportRun.ViewerOptions;
import org.viewerbatch.ledger.LedgerChange;
import org.viewerbatch.ledger.LedgerChange.Result;
import org.viewerbatch.ledger.RunLedger;
import org.viewerbatch.runs.StopRequest;
import org.viewerbatch.runs.StoppedRun;
import org.viewerbatch.sandbox.Fault;
import org.viewerbatch.sandbox.FaultPlan;
import org.viewerbatch.sandbox.LoggedRequest;
import org.viewerbatch.sandbox.RequestLog;
import org.viewerbatch.sandbox.SandboxOptions;
import org.viewerbatch.testsupport.FakeTime;
import org.viewerbatch.testsupport.SandboxExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The import job stopped by a stop request (what SIGTERM and SIGINT do), on one worker at
 * the real 60 requests a minute on the fake clock, where the stop's grace for answers
 * passes at once. Each stop comes at a moment chosen without timing: while the worker
 * sleeps (for its slot, or in a 429 hold), or while a request waits for an answer that
 * never comes. The resumed run starts in a new context on the same job repository, as the
 * same command run again would.
 */
@Import(ImportViewersStopTest.StopPoints.class)
@SpringBootTest(properties = { "spring.batch.job.enabled=false", "spring.batch.jdbc.initialize-schema=always",
		"viewer-batch.api.rate-limit=60", "viewer-batch.api.concurrency=1" })
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_EACH_TEST_METHOD)
@Timeout(60)
class ImportViewersStopTest {

	private static final AtomicInteger databases = new AtomicInteger();

	/** The job repository of the test running: one of its own for each. */
	private static volatile String database;

	static final String ASSIGN = "/project-viewers/\\d+/assign-project";

	@RegisterExtension
	static final SandboxExtension sandbox = new SandboxExtension(SandboxOptions.defaults().withClock(FakeTime.CLOCK));

	/** Asked before each sleep of the client: whether the stop comes now. */
	static volatile Predicate<Duration> stopBeforeSleep = (duration) -> false;

	/** The create whose answer is lost after the API made it (an email), or null. */
	static volatile String loseAnswerTo;

	// a request the sandbox holds waits for this, then is dropped unanswered
	private final CountDownLatch release = new CountDownLatch(1);

	@DynamicPropertySource
	static void api(DynamicPropertyRegistry registry) {
		registry.add("viewer-batch.api.url", () -> sandbox.apiUrl().toString());
		registry.add("viewer-batch.api.token", sandbox::token);
		registry.add("spring.datasource.url", () -> {
			database = "jdbc:hsqldb:mem:import-viewers-stop-test-" + databases.incrementAndGet();
			return database;
		});
	}

	@Autowired
	JobOperator jobs;

	@Autowired
	JobRepository jobRepository;

	@Autowired
	Job importViewersJob;

	@Autowired
	StopRequest stop;

	@Autowired
	RunLedger ledger;

	@TempDir
	Path dir;

	@AfterEach
	void noMoreStops() {
		stopBeforeSleep = (duration) -> false;
		loseAnswerTo = null;
		this.release.countDown();
	}

	@Test
	void aStopInTheMiddleOfAChunkEndsTheRunStoppedAndSaysWhatItDid() throws Exception {
		RequestLog log = sandbox.sandbox().requestLog();
		// while the worker waits for the slot of row 3's create
		stopBeforeSleep = (duration) -> log.count("POST", ASSIGN) == 2;

		JobExecution execution = run(6, 3);

		assertThat(execution.getStatus()).isEqualTo(BatchStatus.STOPPED);
		StepExecution apply = applyStep(execution);
		assertThat(apply.getStatus()).isEqualTo(BatchStatus.STOPPED);
		assertThat(apply.getWriteCount()).isZero();
		// rows 1 and 2 applied; row 3's create never left
		assertThat(log.writes()).isEqualTo(4);
		assertThat(log.invitationsSent()).isEqualTo(2);
		assertThat(execution.getExecutionContext().getString(StopRequest.STOPPED_AT))
			.isEqualTo("after 2 viewers invited and 4 changes sent; 0 of 6 rows recorded");
		assertThat(execution.getExecutionContext().getString("summary")).contains("stopped by SIGTERM")
			.contains("not finished 6");
		assertThat(this.dir.resolve("viewers.results.csv")).doesNotExist();

		assertThat(StoppedRun.record(execution, this.jobRepository, this.stop)).isTrue();
		JobExecution stored = this.jobRepository.getLastJobExecution("importViewersJob", execution.getJobParameters());
		assertThat(stored.getStatus()).isEqualTo(BatchStatus.STOPPED);
		assertThat(stored.getExitStatus().getExitCode()).isEqualTo(ExitStatus.STOPPED.getExitCode());
		assertThat(applyStep(stored).getExitStatus().getExitCode()).isEqualTo(ExitStatus.STOPPED.getExitCode());
	}

	@Test
	void aStopAfterAChunkHasCommittedStopsBeforeTheNextSendsAnything() throws Exception {
		RequestLog log = sandbox.sandbox().requestLog();
		stopBeforeSleep = (duration) -> log.count("POST", ASSIGN) == 3;

		JobExecution execution = run(6, 3);

		assertThat(execution.getStatus()).isEqualTo(BatchStatus.STOPPED);
		assertThat(applyStep(execution).getWriteCount()).isEqualTo(3);
		assertThat(log.writes()).isEqualTo(6);
		assertThat(execution.getExecutionContext().getString(StopRequest.STOPPED_AT))
			.isEqualTo("after 3 viewers invited and 6 changes sent; 3 of 6 rows recorded");
	}

	@Test
	void aStopDuringA429HoldEndsTheRunWithoutWaitingItOut() throws Exception {
		sandbox.sandbox()
			.faultPlan(FaultPlan.builder()
				.onEndpoint("POST", ASSIGN, 2, Fault.status(429, Duration.ofSeconds(120)))
				.build());
		RequestLog log = sandbox.sandbox().requestLog();
		// the worker sleeps in the hold of 120 s: no other sleep is that long
		stopBeforeSleep = (duration) -> duration.compareTo(Duration.ofSeconds(100)) > 0;

		JobExecution execution = run(6, 3);

		assertThat(execution.getStatus()).isEqualTo(BatchStatus.STOPPED);
		// the assign refused with the 429 is not sent again
		assertThat(log.count("POST", ASSIGN)).isEqualTo(2);
		assertThat(log.invitationsSent()).isEqualTo(2);
		assertThat(execution.getExecutionContext().getString(StopRequest.STOPPED_AT))
			.isEqualTo("after 2 viewers invited and 4 changes sent; 0 of 6 rows recorded");
	}

	@Test
	void aCreateNeverAnsweredIsLeftInDoubtAndTheResumedRunLooksItUpBeforeCreatingIt() throws Exception {
		// the sandbox receives row 3's create, the stop comes, and no answer ever does:
		// the create is dropped unapplied once the run has stopped
		sandbox.sandbox().faultPlan(FaultPlan.builder().onEmail("client3@example.com", Fault.before(() -> {
			this.stop.request("SIGTERM");
			awaitRelease();
			throw new IllegalStateException("dropped unanswered");
		})).build());
		RequestLog log = sandbox.sandbox().requestLog();

		JobExecution execution = run(6, 3);

		assertStoppedWithRow3InDoubt(execution);
		assertThat(log.invitationsSent()).isEqualTo(2);
		assertThat(sandbox.sandbox().store().viewerByEmail(1, "client3@example.com")).isEmpty();
		this.release.countDown();
		int before = log.all().size();

		JobExecution resumed = resume(execution.getJobParameters());

		assertThat(resumed.getStatus()).as("%s", resumed.getAllFailureExceptions()).isEqualTo(BatchStatus.COMPLETED);
		List<LoggedRequest> after = log.all().subList(before, log.all().size());
		// 2 pages, then row 3's look-up, which proves nothing yet (a list may lag); rows
		// 4 to 6; then row 3 again after the others: look-ups until 30 s after its
		// create,
		// its create and its assign
		assertThat(after).hasSize(2 + 1 + 6 + 4 + 2);
		assertThat(after).filteredOn(this::lookUp).hasSize(5);
		assertEveryClientInvitedOnceWithItsProject(log);
	}

	@Test
	void aCreateWhoseAnswerIsLostIsLeftInDoubtAndTheResumedRunDoesNotCreateItAgain() throws Exception {
		// the API makes row 3's viewer, and its answer never reaches the client
		loseAnswerTo = "client3@example.com";
		RequestLog log = sandbox.sandbox().requestLog();

		JobExecution execution = run(6, 3);

		assertStoppedWithRow3InDoubt(execution);
		assertThat(log.invitationsSent()).isEqualTo(3);
		int before = log.all().size();

		JobExecution resumed = resume(execution.getJobParameters());

		assertThat(resumed.getStatus()).as("%s", resumed.getAllFailureExceptions()).isEqualTo(BatchStatus.COMPLETED);
		List<LoggedRequest> after = log.all().subList(before, log.all().size());
		// 2 pages, which list the viewer: row 3 needs its assign only; rows 4 to 6
		assertThat(after).hasSize(2 + 1 + 6);
		assertThat(after).filteredOn(this::lookUp).isEmpty();
		assertEveryClientInvitedOnceWithItsProject(log);
	}

	/** Row 3 (line 4) was stopped with its create sent and unanswered. */
	private void assertStoppedWithRow3InDoubt(JobExecution execution) {
		assertThat(execution.getStatus()).as("%s", causes(execution)).isEqualTo(BatchStatus.STOPPED);
		assertThat(execution.getExecutionContext().getString(StopRequest.STOPPED_AT)).isEqualTo(
				"after 2 viewers invited and 5 changes sent, 1 of them unanswered and left in doubt (the resumed run"
						+ " looks it up); 0 of 6 rows recorded");
		List<LedgerChange> changes = this.ledger.changesOfInstance(execution.getJobInstance().getInstanceId());
		assertThat(changes).extracting(LedgerChange::operation, LedgerChange::email, LedgerChange::result)
			.last()
			.isEqualTo(tuple("create", "client3@example.com", Result.SENT));
		assertThat(changes).extracting(LedgerChange::result).filteredOn(Result.SENT::equals).hasSize(1);
		assertThat(applyStep(execution).getExecutionContext().getString("apply.create.line.4"))
			.startsWith("IN_DOUBT 1 ");
	}

	private static String causes(JobExecution execution) {
		StringBuilder text = new StringBuilder();
		for (Throwable failure : execution.getAllFailureExceptions()) {
			for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
				text.append(cause).append(" <- ");
			}
		}
		return text.toString();
	}

	private void assertEveryClientInvitedOnceWithItsProject(RequestLog log) {
		for (int i = 1; i <= 6; i++) {
			String email = "client" + i + "@example.com";
			assertThat(log.invitationsSent(email)).as(email).isEqualTo(1);
			assertThat(sandbox.sandbox().store().viewerByEmail(1, email).orElseThrow().projectIds()).as(email)
				.containsExactly(101L);
		}
	}

	private boolean lookUp(LoggedRequest request) {
		return request.method().equals("GET") && request.query() != null && request.query().contains("email=");
	}

	private void awaitRelease() {
		try {
			this.release.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private JobExecution run(int rows, int chunkSize) throws Exception {
		Path file = this.dir.resolve("viewers.csv");
		Files.writeString(file,
				"email,firstname,lastname,projects\n" + IntStream.rangeClosed(1, rows)
					.mapToObj(i -> "client" + i + "@example.com,Client,Number" + i + ",101")
					.collect(Collectors.joining("\n")) + "\n");
		ImportRun<?> request = new ImportRun<>(file, 1, TestRuns.NO_API, null, null, null, null, null, null, chunkSize,
				null, null, null, null, TestRuns.VIEWERS);
		return this.jobs.start(this.importViewersJob,
				TestRuns
					.with(request, 1, sandbox.apiUrl(), FakeTime.CLOCK.instant(),
							new ViewerOptions(false, false, 100, false))
					.toJobParameters());
	}

	/**
	 * The same job run again in a context of its own on the same job repository, as the
	 * same command started again would: this one's stop is over.
	 */
	private JobExecution resume(JobParameters parameters) throws Exception {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(ViewerBatchApplication.class,
				FakeTime.class)
			.web(WebApplicationType.NONE)
			// as arguments: they win over application.yml, as the command line's settings
			// do
			.run("--spring.batch.job.enabled=false", "--spring.datasource.url=" + database,
					"--spring.batch.jdbc.initialize-schema=never", "--viewer-batch.api.rate-limit=60",
					"--viewer-batch.api.concurrency=1", "--viewer-batch.api.url=" + sandbox.apiUrl(),
					"--viewer-batch.api.token=" + sandbox.token())) {
			return context.getBean(JobOperator.class).start(context.getBean("importViewersJob", Job.class), parameters);
		}
	}

	private static StepExecution applyStep(JobExecution execution) {
		return execution.getStepExecutions()
			.stream()
			.filter(step -> step.getStepName().endsWith("Apply"))
			.findFirst()
			.orElseThrow();
	}

	/**
	 * The moments a test stops at: the fake clock and a sleeper that asks
	 * {@link #stopBeforeSleep}; a create whose answer is lost ({@link #loseAnswerTo}).
	 * Not a {@code @Configuration}: only the test's own context imports it, never one
	 * that scans the classpath.
	 */
	static class StopPoints {

		@Bean
		@Primary
		Clock stopTestClock() {
			return FakeTime.CLOCK;
		}

		@Bean
		@Primary
		Sleeper stopTestSleeper(StopRequest stop) {
			return (duration) -> {
				assertThat(duration.isNegative()).as("a sleep of %s", duration).isFalse();
				if (stopBeforeSleep.test(duration)) {
					stop.request("SIGTERM");
				}
				FakeTime.CLOCK.sleep(duration);
			};
		}

		@Bean
		RestClientCustomizer loseAnswers(StopRequest stop) {
			return (builder) -> builder.requestInterceptor((request, body, execution) -> {
				String email = loseAnswerTo;
				ClientHttpResponse response = execution.execute(request, body);
				if (email != null && request.getURI().getPath().endsWith("/project-viewers")
						&& new String(body, StandardCharsets.UTF_8).contains(email)) {
					// the viewer is made; the stop comes while its answer is on the way,
					// from
					// a thread of its own as a signal's does (the stop's work must not
					// run on
					// this thread, where it could take the interrupt that abandons the
					// request)
					response.close();
					try {
						Thread signal = new Thread(() -> stop.request("SIGTERM"), "signal");
						signal.start();
						signal.join(Duration.ofSeconds(30).toMillis());
						new CountDownLatch(1).await();
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
					}
					throw new InterruptedIOException("the answer never came");
				}
				return response;
			});
		}

	}

}
