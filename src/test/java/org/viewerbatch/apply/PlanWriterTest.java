package org.viewerbatch.apply;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.batch.core.job.JobInterruptedException;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.web.client.RestClient;

import org.viewerbatch.apply.PlannedCall.AssignProject;
import org.viewerbatch.apply.PlannedCall.CreateViewer;
import org.viewerbatch.client.ApiProperties;
import org.viewerbatch.client.ApiToken;
import org.viewerbatch.client.AuthApiException;
import org.viewerbatch.client.ProjectRef;
import org.viewerbatch.client.RequestPacer;
import org.viewerbatch.client.WebWorkClient;
import org.viewerbatch.csv.CsvRow;
import org.viewerbatch.ledger.LedgerChange.Result;
import org.viewerbatch.runs.RunStoppedException;
import org.viewerbatch.runs.StopRequest;
import org.viewerbatch.sandbox.Fault;
import org.viewerbatch.sandbox.FaultPlan;
import org.viewerbatch.sandbox.LoggedRequest;
import org.viewerbatch.sandbox.RequestLog;
import org.viewerbatch.sandbox.SandboxOptions;
import org.viewerbatch.testsupport.MutableClock;
import org.viewerbatch.testsupport.SandboxExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The writer without Spring: a real client over HTTP against the sandbox, whose fault
 * plan decides every answer and whose request log is the witness. The test plays Spring
 * Batch's part: a chunk written again after a failure, item by item after a rejection,
 * {@code update} before a commit, and a new writer opened on the kept context for a
 * restart.
 */
class PlanWriterTest {

	private static final long WS = 1;

	private static final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T09:00:00Z"));

	@RegisterExtension
	static final SandboxExtension sandbox = new SandboxExtension(
			SandboxOptions.defaults().withRateLimit(100_000).withClock(clock));

	/**
	 * Plans a row again against the viewer a look-up found: only its missing projects.
	 */
	private static final Replanner REPLANNER = (plan, viewer) -> new RowPlan(plan.source(), plan.email(), viewer.id(),
			plan.calls()
				.stream()
				.filter(call -> call instanceof AssignProject assign && viewer.projects()
					.stream()
					.map(ProjectRef::projectId)
					.noneMatch(id -> id == assign.projectId()))
				.toList(),
			plan.detail());

	private final List<RowResult> results = new ArrayList<>();

	private final List<SentChange> changes = new CopyOnWriteArrayList<>();

	private final ApplyListener listener = new ApplyListener() {

		@Override
		public Runnable changeSending(SentChange change) {
			PlanWriterTest.this.changes.add(change);
			return () -> {
			};
		}

		@Override
		public void changeAnswered(SentChange change) {
			PlanWriterTest.this.changes.add(change);
		}

		@Override
		public void rowDone() {
		}

		@Override
		public void rowApplied(RowResult result) {
			PlanWriterTest.this.results.add(result);
		}

	};

	private final List<PlanWriter> writers = new ArrayList<>();

	private final StopRequest stop = new StopRequest();

	private DeferredRows deferred;

	@AfterEach
	void closeWriters() {
		this.writers.forEach(PlanWriter::close);
	}

	private static WebWorkClient client(RestClient.Builder builder) {
		// no retries in the client: every answer the fault plan gives reaches the writer
		ApiProperties settings = new ApiProperties(sandbox.apiUrl(), ApiToken.of(sandbox.token()), 100_000, 1,
				Duration.ofSeconds(2), Duration.ofSeconds(10), 0, Duration.ofMillis(100));
		return new WebWorkClient(builder, settings, new RequestPacer(100_000, clock, clock::advance), clock::advance);
	}

	private PlanWriter writer(int concurrency, ExecutionContext context) {
		return writer(concurrency, context, RestClient.builder(), this.stop);
	}

	private PlanWriter writer(int concurrency, ExecutionContext context, RestClient.Builder builder, StopRequest stop) {
		this.deferred = new DeferredRows(clock, clock::sleep, stop);
		this.deferred.open(context);
		PlanWriter writer = new PlanWriter(client(builder), WS, REPLANNER, concurrency, this.listener,
				new RejectionStreak(5), stop, this.deferred, clock);
		writer.open(context);
		this.writers.add(writer);
		return writer;
	}

	private static RowPlan newViewer(long line, String email, long... projects) {
		List<PlannedCall> calls = new ArrayList<>();
		calls.add(new CreateViewer(email, "New", "Viewer"));
		for (long project : projects) {
			calls.add(new AssignProject(project));
		}
		return new RowPlan(source(line, email), email, null, calls, "");
	}

	private static CsvRow source(long line, String email) {
		return new CsvRow(line, Map.of("email", email), List.of("email"), List.of(email));
	}

	private static Chunk<RowPlan> chunk(RowPlan... plans) {
		return new Chunk<>(plans);
	}

	private static RequestLog log() {
		return sandbox.sandbox().requestLog();
	}

	/** Every request so far in arrival order, ids replaced by N. */
	private static List<String> trace() {
		return log().all()
			.stream()
			.sorted(Comparator.comparingLong(LoggedRequest::seq))
			.map(r -> r.method() + " " + r.path().replaceAll("\\d+", "N") + " " + r.status())
			.toList();
	}

	private static long creates() {
		return log().count("POST", "/project-viewers");
	}

	@Test
	void anAnsweredCreateIsSentOnceAndTheRowGoesOnWithItsAssigns() throws Exception {
		PlanWriter writer = writer(2, new ExecutionContext());

		writer.write(chunk(newViewer(2, "ann@example.com", 101, 102)));

		assertThat(trace()).containsExactly("POST /project-viewers 201", "POST /project-viewers/N/assign-project 200",
				"POST /project-viewers/N/assign-project 200");
		assertThat(this.results).singleElement().satisfies(result -> {
			assertThat(result.outcome()).isEqualTo("created+assigned");
			assertThat(result.requests()).isEqualTo(3);
		});
		assertThat(sandbox.sandbox().store().viewerByEmail(WS, "ann@example.com").orElseThrow().projectIds())
			.containsExactlyInAnyOrder(101L, 102L);
		long id = this.results.get(0).viewerId();
		assertThat(this.changes).extracting(c -> c.attempt() + " " + c.call().describe() + " " + c.result())
			.containsExactlyInAnyOrder("1 create SENT", "1 create DONE", "2 assign 101 SENT", "2 assign 101 DONE",
					"3 assign 102 SENT", "3 assign 102 DONE");
		assertThat(this.changes).filteredOn(c -> c.result() == Result.DONE)
			.extracting(SentChange::viewerId)
			.containsOnly(id);
		assertThat(this.changes.get(0).sent()).isEqualTo("email=ann@example.com, firstname=New, lastname=Viewer");
	}

	@Test
	void aCreateAnswered500ThatHappenedIsFoundByALookUpAndNotSentAgain() throws Exception {
		sandbox.sandbox().faultPlan(FaultPlan.builder().onEmail("ann@example.com", Fault.commitThen500()).build());
		PlanWriter writer = writer(2, new ExecutionContext());

		writer.write(chunk(newViewer(2, "ann@example.com", 101)));

		assertThat(trace()).containsExactly("POST /project-viewers 500", "GET /project-viewers 200",
				"POST /project-viewers/N/assign-project 200");
		assertThat(log().invitationsSent("ann@example.com")).isEqualTo(1);
		assertThat(this.results).singleElement().satisfies(result -> {
			assertThat(result.outcome()).isEqualTo("created+assigned");
			assertThat(result.detail()).contains("answered '500").contains("no second invitation sent");
		});
	}

	@Test
	void aCreateAnswered503IsSentAgainOnlyOnceALookUpMadeLongEnoughAfterMissesIt() throws Exception {
		sandbox.sandbox().faultPlan(FaultPlan.builder().onEmail("ann@example.com", Fault.status(503)).build());
		ExecutionContext context = new ExecutionContext();
		PlanWriter writer = writer(2, context);
		RowPlan row = newViewer(2, "ann@example.com", 101);

		writer.write(chunk(row));

		// the look-up right after proves nothing (a list may lag): the row waits, the
		// chunk commits
		assertThat(trace()).containsExactly("POST /project-viewers 503", "GET /project-viewers 200");
		assertThat(this.results).isEmpty();
		assertThat(this.deferred.count()).isOne();
		writer.update(context);
		assertThat(context.getString(PlanWriter.CREATE_KEY + 2)).startsWith("IN_DOUBT 1 ");

		finalPass(writer, context, row);

		// rounds after 2, 4, 8 and 16 s: the look-up of the fourth is 30 s after the 503
		assertThat(trace()).containsExactly("POST /project-viewers 503", "GET /project-viewers 200",
				"GET /project-viewers 200", "GET /project-viewers 200", "GET /project-viewers 200",
				"GET /project-viewers 200", "POST /project-viewers 201", "POST /project-viewers/N/assign-project 200");
		assertThat(log().invitationsSent("ann@example.com")).isEqualTo(1);
		// each change sent is told with what came back, the unclear one too
		assertThat(this.changes).extracting(c -> c.call().describe() + " " + c.result() + " " + c.httpStatus())
			.containsExactly("create SENT null", "create UNCLEAR 503", "create SENT null", "create DONE null",
					"assign 101 SENT null", "assign 101 DONE null");
		assertThat(this.results).singleElement().satisfies(result -> {
			assertThat(result.outcome()).isEqualTo("created+assigned");
			assertThat(result.requests()).isEqualTo(8);
		});
		assertThat(this.deferred.count()).isZero();
		assertThat(context.containsKey(PlanWriter.CREATE_KEY + 2)).isFalse();
	}

	@Test
	void aCreateThatHappenedBehindALaggingListIsFoundInALaterRoundAndNotSentAgain() throws Exception {
		sandbox.sandbox().faultPlan(FaultPlan.builder().onEmail("ann@example.com", Fault.commitThen500()).build());
		ExecutionContext context = new ExecutionContext();
		PlanWriter writer = writer(2, context, laggingList(Duration.ofSeconds(4)), this.stop);
		RowPlan row = newViewer(2, "ann@example.com", 101);

		writer.write(chunk(row));
		finalPass(writer, context, row);

		// the second round's look-up, 6 s after the create, sees it
		assertThat(trace()).containsExactly("POST /project-viewers 500", "GET /project-viewers 200",
				"GET /project-viewers 200", "GET /project-viewers 200", "POST /project-viewers/N/assign-project 200");
		assertThat(log().invitationsSent("ann@example.com")).isEqualTo(1);
		assertThat(this.results).singleElement().satisfies(result -> {
			assertThat(result.outcome()).isEqualTo("created+assigned");
			assertThat(result.detail()).contains("answered '500").contains("no second invitation sent");
		});
	}

	@Test
	void anEmailTakenAfterACreateOfOursInDoubtIsOursOnceTheListShowsIt() throws Exception {
		// the list lags longer than a look-up can wait: the second create is answered
		// 'taken', by the first
		sandbox.sandbox().faultPlan(FaultPlan.builder().onEmail("ann@example.com", Fault.commitThen500()).build());
		ExecutionContext context = new ExecutionContext();
		PlanWriter writer = writer(2, context, laggingList(Duration.ofSeconds(40)), this.stop);
		RowPlan row = newViewer(2, "ann@example.com", 101);

		writer.write(chunk(row));
		finalPass(writer, context, row);

		assertThat(creates()).isEqualTo(2);
		assertThat(log().invitationsSent("ann@example.com")).isEqualTo(1);
		assertThat(sandbox.sandbox().store().viewerByEmail(WS, "ann@example.com").orElseThrow().projectIds())
			.containsExactly(101L);
		assertThat(this.results).singleElement().satisfies(result -> {
			assertThat(result.outcome()).isEqualTo("created+assigned");
			assertThat(result.detail()).contains("taken after a create of this row had failed");
		});
	}

	@Test
	void anEmailTakenByAViewerNoLookUpShowsIsRefusedOnceTheListHadTimeToShowIt() throws Exception {
		// an API that hides archived viewers, and ann is one of them
		sandbox.sandbox().store().addViewer(WS, "ann@example.com", "Ann", "Old", "inactive", Set.of());
		ExecutionContext context = new ExecutionContext();
		PlanWriter writer = writer(2, context, laggingList(Duration.ofDays(1)), this.stop);
		RowPlan row = newViewer(2, "ann@example.com", 101);

		writer.write(chunk(row));
		RowRejectedException refused = catchThrowableOfType(RowRejectedException.class,
				() -> finalPass(writer, context, row));

		assertThat(refused).isNotNull();
		assertThat(refused.error()).isEqualTo("refused");
		assertThat(refused).hasMessageContaining("probably an archived viewer that the API hides");
		assertThat(creates()).isEqualTo(1);
		assertThat(log().invitationsSent()).isZero();
	}

	@Test
	void aTransientFailureOfAnAssignDefersTheRowWhichGoesOnFromThereInTheNextRound() throws Exception {
		sandbox.sandbox()
			.faultPlan(FaultPlan.builder()
				.onEndpoint("POST", "/project-viewers/\\d+/assign-project", 1, Fault.status(503))
				.build());
		ExecutionContext context = new ExecutionContext();
		PlanWriter writer = writer(2, context);
		RowPlan ann = newViewer(2, "ann@example.com", 101, 102);
		RowPlan bob = newViewer(3, "bob@example.com");

		writer.write(chunk(ann, bob));

		assertThat(this.results).extracting(RowResult::line).containsExactly(3L);
		finalPass(writer, context, ann);

		assertThat(creates()).isEqualTo(2);
		assertThat(log().count("POST", "/project-viewers/" + this.results.get(1).viewerId() + "/assign-project"))
			.isEqualTo(3);
		assertThat(this.results.get(1)).satisfies(result -> {
			assertThat(result.outcome()).isEqualTo("created+assigned");
			assertThat(result.requests()).isEqualTo(4);
		});
		assertThat(sandbox.sandbox().store().viewerByEmail(WS, "ann@example.com").orElseThrow().projectIds())
			.containsExactlyInAnyOrder(101L, 102L);
	}

	@Test
	void aCreateInDoubtSurvivesARestartAndNoOtherIsSentBeforeTheListCouldShowTheFirst() throws Exception {
		// the create and the look-up after it both fail: the row waits with its create
		// in doubt
		long base = sandbox.sandbox().requestsReceived();
		sandbox.sandbox()
			.faultPlan(FaultPlan.builder()
				.onRequest(base + 2, Fault.status(503))
				.onEndpoint("POST", "/project-viewers", 1, Fault.status(503))
				.build());
		ExecutionContext context = new ExecutionContext();
		PlanWriter first = writer(2, context);
		RowPlan row = newViewer(7, "ann@example.com", 101);

		first.write(chunk(row));
		first.update(context);
		this.deferred.update(context);
		first.close();
		assertThat(context.getString(PlanWriter.CREATE_KEY + 7)).startsWith("IN_DOUBT 1 ");

		// a restart at once: the kept state says in doubt, so a look-up comes first, and
		// another create only once the list has had time to show the first
		PlanWriter restarted = writer(2, new ExecutionContext(context));
		finalPass(restarted, context, row);

		// the restart's first round comes at once, the next after 4, 8, 16 and 30 s
		assertThat(trace()).containsExactly("POST /project-viewers 503", "GET /project-viewers 503",
				"GET /project-viewers 200", "GET /project-viewers 200", "GET /project-viewers 200",
				"GET /project-viewers 200", "GET /project-viewers 200", "POST /project-viewers 201",
				"POST /project-viewers/N/assign-project 200");
		assertThat(log().invitationsSent()).isEqualTo(1);
		assertThat(this.results).singleElement().satisfies(result -> assertThat(result.line()).isEqualTo(7));
	}

	/**
	 * Plays the final pass as the reader starts it: the row, deferred, is written once
	 * more, and tried in rounds.
	 */
	private void finalPass(PlanWriter writer, ExecutionContext context, RowPlan row) throws Exception {
		this.deferred.finalPass(lines -> Map.of(row.line(), row.source()));
		writer.write(chunk(row));
		writer.update(context);
		this.deferred.update(context);
	}

	/**
	 * A client whose look-ups by email do not show a viewer until {@code lag} after the
	 * first create for it reached the API (as a list served from a replica or an index).
	 */
	private static RestClient.Builder laggingList(Duration lag) {
		Map<String, Instant> created = new ConcurrentHashMap<>();
		ClientHttpRequestInterceptor interceptor = (request, body, execution) -> {
			String path = request.getURI().getPath();
			String query = String.valueOf(request.getURI().getQuery());
			if (request.getMethod().name().equals("POST") && path.endsWith("/project-viewers")) {
				created.putIfAbsent(
						new String(body, StandardCharsets.UTF_8).replaceAll(".*\"email\":\"([^\"]+)\".*", "$1"),
						clock.instant());
			}
			else if (request.getMethod().name().equals("GET") && path.endsWith("/project-viewers")
					&& query.contains("email=")) {
				String email = query.replaceAll(".*email=([^&]+).*", "$1");
				Instant since = created.get(email);
				ClientHttpResponse answer = execution.execute(request, body);
				if (since == null || clock.instant().isBefore(since.plus(lag))) {
					answer.close();
					return emptyList();
				}
				return answer;
			}
			return execution.execute(request, body);
		};
		return RestClient.builder().requestInterceptor(interceptor);
	}

	private static ClientHttpResponse emptyList() {
		byte[] json = "{\"success\":true,\"data\":[],\"meta\":{\"pagination\":{\"total\":0,\"per_page\":100,\"current_page\":1,\"last_page\":1}}}"
			.getBytes(StandardCharsets.UTF_8);
		return new ClientHttpResponse() {

			@Override
			public HttpStatusCode getStatusCode() {
				return HttpStatus.OK;
			}

			@Override
			public String getStatusText() {
				return "OK";
			}

			@Override
			public HttpHeaders getHeaders() {
				HttpHeaders headers = new HttpHeaders();
				headers.setContentType(MediaType.APPLICATION_JSON);
				return headers;
			}

			@Override
			public InputStream getBody() {
				return new ByteArrayInputStream(json);
			}

			@Override
			public void close() {
			}

		};
	}

	@Test
	void aRefusedAssignThatAlreadyHoldsIsConfirmedByAGet() throws Exception {
		// the snapshot is stale: the viewer got project 101 since it was read
		long id = sandbox.sandbox().store().addViewer(WS, "bo@example.com", "Bo", "Ek", "active", Set.of(101L)).id();
		RowPlan plan = new RowPlan(source(3, "bo@example.com"), "bo@example.com", id, List.of(new AssignProject(101)),
				"");
		PlanWriter writer = writer(2, new ExecutionContext());

		writer.write(chunk(plan));

		assertThat(trace()).containsExactly("POST /project-viewers/N/assign-project 400", "GET /project-viewers/N 200");
		assertThat(this.results).singleElement().satisfies(result -> {
			assertThat(result.outcome()).isEqualTo("assigned");
			assertThat(result.requests()).isEqualTo(2);
			assertThat(result.detail()).contains("'assign 101' was refused").contains("already held");
		});
	}

	@Test
	void anAuthFailureMidChunkStopsEveryWorkerAndNothingMoreIsSent() throws Exception {
		// two workers: the first row's create leaves once the second row's has reached
		// the API, which holds that one until the write has returned, so that it is cut
		// off unanswered; the other four rows wait for a worker
		CountDownLatch secondArrived = new CountDownLatch(1);
		CountDownLatch writeReturned = new CountDownLatch(1);
		List<String> waitedInVain = new CopyOnWriteArrayList<>();
		sandbox.sandbox().faultPlan(FaultPlan.builder().onEmail("new2@example.com", Fault.before(() -> {
			secondArrived.countDown();
			await(writeReturned, "the end of the write", waitedInVain);
		})).onEmail("new1@example.com", Fault.status(401)).build());
		ClientHttpRequestInterceptor firstWaits = (request, body, execution) -> {
			if (new String(body, StandardCharsets.UTF_8).contains("new1@example.com")) {
				await(secondArrived, "the second create", waitedInVain);
			}
			return execution.execute(request, body);
		};
		ExecutionContext context = new ExecutionContext();
		PlanWriter writer = writer(2, context, RestClient.builder().requestInterceptor(firstWaits), this.stop);
		RowPlan[] rows = Stream.iterate(1, i -> i + 1)
			.limit(6)
			.map(i -> newViewer(i + 1, "new" + i + "@example.com", 101))
			.toArray(RowPlan[]::new);

		AuthApiException refused = catchThrowableOfType(AuthApiException.class, () -> writer.write(chunk(rows)));
		writeReturned.countDown();

		assertThat(waitedInVain).isEmpty();
		assertThat(refused.status()).isEqualTo(401);
		awaitCreates(2);
		// write() returned only once no worker held a row: nothing can be sent after it
		assertThat(trace()).containsExactlyInAnyOrder("POST /project-viewers 401", "POST /project-viewers 201");
		// the second row's create was cut off unanswered: in doubt, so a retry looks
		// first
		assertThat(context.getString(PlanWriter.CREATE_KEY + 3)).startsWith("IN_DOUBT 1 ");
		assertThat(context.containsKey(PlanWriter.CREATE_KEY + 4)).isFalse();
		assertThat(this.results).isEmpty();
	}

	@Test
	void aWriteInterruptedWhileItsRowsAreInFlightReturnsOnlyOnceEveryWorkerHasStopped() throws Exception {
		sandbox.sandbox()
			.faultPlan(FaultPlan.builder().onEmail("new1@example.com", Fault.delay(Duration.ofSeconds(2))).build());
		ExecutionContext context = new ExecutionContext();
		PlanWriter writer = writer(2, context);
		long base = sandbox.sandbox().requestsReceived();
		List<Throwable> thrown = new ArrayList<>();
		Thread step = new Thread(() -> {
			try {
				writer.write(chunk(newViewer(2, "new1@example.com", 101)));
			}
			catch (Exception ex) {
				thrown.add(ex);
			}
		});
		step.start();
		// the sandbox counts the create when it arrives, then sits on it for 2 s
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (sandbox.sandbox().requestsReceived() == base && System.nanoTime() < deadline) {
			Thread.sleep(5);
		}

		step.interrupt();
		step.join(Duration.ofSeconds(10).toMillis());

		assertThat(step.isAlive()).isFalse();
		assertThat(thrown).singleElement().isInstanceOf(InterruptedException.class);
		// the worker was stopped too: its create, cut off unanswered, is kept in doubt
		assertThat(context.getString(PlanWriter.CREATE_KEY + 2)).startsWith("IN_DOUBT 1 ");
		awaitCreates(1);
		assertThat(this.results).isEmpty();

		// the chunk written again looks the create up first, and finds it
		writer.write(chunk(newViewer(2, "new1@example.com", 101)));

		assertThat(trace()).containsExactly("POST /project-viewers 201", "GET /project-viewers 200",
				"POST /project-viewers/N/assign-project 200");
		assertThat(log().invitationsSent()).isEqualTo(1);
		assertThat(this.results).singleElement().satisfies(result -> {
			assertThat(result.outcome()).isEqualTo("created+assigned");
			assertThat(result.detail()).contains("no second invitation sent");
		});
	}

	@Test
	void aChunkWrittenAgainRowByRowAfterARejectionSendsNothingTwice() throws Exception {
		sandbox.sandbox().faultPlan(FaultPlan.builder().onEmail("bad@example.com", Fault.status(400)).build());
		ExecutionContext context = new ExecutionContext();
		PlanWriter writer = writer(2, context);
		RowPlan first = newViewer(2, "new1@example.com", 101);
		RowPlan bad = newViewer(3, "bad@example.com", 101);
		RowPlan last = newViewer(4, "new3@example.com", 101);

		RowRejectedException rejected = catchThrowableOfType(RowRejectedException.class,
				() -> writer.write(chunk(first, bad, last)));
		long sent = log().all().size();
		// Spring Batch's scan: each row in a transaction of its own, update() before each
		// commit
		writer.write(chunk(first));
		writer.update(context);
		assertThat(catchThrowableOfType(RowRejectedException.class, () -> writer.write(chunk(bad)))).isSameAs(rejected);
		writer.onSkipInWrite(bad, rejected);
		writer.write(chunk(last));
		writer.update(context);

		assertThat(sent).isEqualTo(5);
		assertThat(log().all()).hasSize(5);
		assertThat(creates()).isEqualTo(3);
		assertThat(log().invitationsSent()).isEqualTo(2);
		assertThat(this.results).extracting(RowResult::line).containsExactly(2L, 4L);
		assertThat(writer.rowsRemembered()).as("rows of committed chunks are forgotten").isZero();
	}

	private static void await(CountDownLatch latch, String what, List<String> waitedInVain) {
		try {
			if (!latch.await(10, TimeUnit.SECONDS)) {
				waitedInVain.add(what + " did not come within 10 s");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			waitedInVain.add("interrupted while waiting for " + what);
		}
	}

	/** The delayed create ends on the sandbox's own time: wait for its log entry. */
	private static void awaitCreates(long count) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (creates() < count && System.nanoTime() < deadline) {
			Thread.sleep(20);
		}
	}

	/**
	 * A client whose n-th request to a path ending with {@code path} asks for the stop
	 * just before it goes out: the stop arrives while that request is in flight.
	 */
	private RestClient.Builder stopOnRequest(String path, int n) {
		AtomicInteger seen = new AtomicInteger();
		ClientHttpRequestInterceptor interceptor = (request, body, execution) -> {
			if (request.getURI().getPath().endsWith(path) && seen.incrementAndGet() == n) {
				this.stop.request("SIGTERM");
			}
			return execution.execute(request, body);
		};
		return RestClient.builder().requestInterceptor(interceptor);
	}

	@Test
	void aStopLetsTheRequestInFlightFinishSendsNothingMoreAndFailsAChunkNotDone() throws Exception {
		ExecutionContext context = new ExecutionContext();
		// one worker: Bob's row (three calls) goes first, Ann's waits
		PlanWriter writer = writer(1, context, stopOnRequest("/assign-project", 1), this.stop);
		RowPlan ann = newViewer(2, "ann@example.com", 101);
		RowPlan bob = newViewer(3, "bob@example.com", 101, 102);

		RunStoppedException stopped = catchThrowableOfType(RunStoppedException.class,
				() -> writer.write(chunk(ann, bob)));

		assertThat(stopped).hasMessage("stopped by SIGTERM").hasCauseInstanceOf(JobInterruptedException.class);
		// the assign in flight was answered; neither Bob's next call nor Ann's row was
		// sent
		assertThat(trace()).containsExactly("POST /project-viewers 201", "POST /project-viewers/N/assign-project 200");
		assertThat(sandbox.sandbox().store().viewerByEmail(WS, "bob@example.com").orElseThrow().projectIds())
			.containsExactly(101L);
		assertThat(sandbox.sandbox().store().viewerByEmail(WS, "ann@example.com")).isEmpty();
		assertThat(this.results).isEmpty();

		// resumed: the chunk planned again from a fresh snapshot (Bob exists with 101)
		long bobId = sandbox.sandbox().store().viewerByEmail(WS, "bob@example.com").orElseThrow().id();
		RowPlan bobReplanned = new RowPlan(bob.source(), bob.email(), bobId, List.of(new AssignProject(102)), "");
		PlanWriter resumed = writer(1, context, RestClient.builder(), new StopRequest());
		resumed.write(chunk(ann, bobReplanned));

		assertThat(log().invitationsSent("bob@example.com")).isEqualTo(1);
		assertThat(log().invitationsSent("ann@example.com")).isEqualTo(1);
		assertThat(creates()).isEqualTo(2);
		assertThat(log().count("POST", "/project-viewers/" + bobId + "/assign-project")).isEqualTo(2);
		assertThat(this.results).hasSize(2);
	}

	@Test
	void aStopDuringTheLastRequestOfAChunkLetsTheChunkCommit() throws Exception {
		PlanWriter writer = writer(1, new ExecutionContext(), stopOnRequest("/assign-project", 2), this.stop);

		writer.write(chunk(newViewer(2, "ann@example.com", 101), newViewer(3, "bob@example.com", 102)));

		assertThat(this.stop.requested()).isTrue();
		assertThat(trace()).containsExactly("POST /project-viewers 201", "POST /project-viewers/N/assign-project 200",
				"POST /project-viewers 201", "POST /project-viewers/N/assign-project 200");
		assertThat(this.results).extracting(RowResult::outcome).containsExactly("created+assigned", "created+assigned");
	}

	@Test
	void afterAStopNoRowOfTheNextChunkSendsAnything() throws Exception {
		this.stop.request("SIGINT");
		PlanWriter writer = writer(2, new ExecutionContext());

		assertThat(catchThrowableOfType(RunStoppedException.class,
				() -> writer.write(chunk(newViewer(2, "ann@example.com", 101), newViewer(3, "bob@example.com")))))
			.hasMessage("stopped by SIGINT");
		assertThat(log().all()).isEmpty();
	}

}
