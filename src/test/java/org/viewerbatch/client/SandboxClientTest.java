package org.viewerbatch.client;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import org.springframework.web.client.RestClient;

import org.viewerbatch.sandbox.Fault;
import org.viewerbatch.sandbox.FaultPlan;
import org.viewerbatch.sandbox.LoggedRequest;
import org.viewerbatch.sandbox.Quirks;
import org.viewerbatch.sandbox.Sandbox;
import org.viewerbatch.sandbox.SandboxOptions;
import org.viewerbatch.sandbox.SandboxViewer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Every call of the client against the sandbox over real HTTP: the documented answers,
 * the sandbox's policy, its "other plausible API" quirks and its injected faults. Sandbox
 * and pacer share one manual clock, so the sandbox's rate-limit window moves exactly as
 * fast as the client's pacing and nobody really waits.
 */
class SandboxClientTest {

	private static final long WS = 1;

	private final ManualTime time = ManualTime.auto(Instant.parse("2026-01-01T00:00:00Z"));

	private final Logger projectLogger = (Logger) LoggerFactory.getLogger("org.viewerbatch");

	private final ListAppender<ILoggingEvent> logs = new ListAppender<>();

	private Level previousLevel;

	private Sandbox sandbox;

	@BeforeEach
	void captureLogs() {
		this.previousLevel = this.projectLogger.getLevel();
		this.projectLogger.setLevel(Level.DEBUG);
		this.logs.start();
		this.projectLogger.addAppender(this.logs);
	}

	@AfterEach
	void stop() {
		this.projectLogger.detachAppender(this.logs);
		this.projectLogger.setLevel(this.previousLevel);
		if (this.sandbox != null) {
			String token = this.sandbox.token();
			this.sandbox.close();
			assertThat(this.logs.list).as("one DEBUG line per request, none with the token")
				.isNotEmpty()
				.allSatisfy(event -> assertThat(event.getFormattedMessage()).doesNotContain(token));
		}
	}

	private Sandbox sandbox(int rateLimit) {
		this.sandbox = Sandbox.start(SandboxOptions.defaults().withRateLimit(rateLimit).withClock(this.time));
		return this.sandbox;
	}

	private Sandbox sandbox() {
		return sandbox(100_000);
	}

	private WebWorkClient client(String token, RequestPacer pacer, int maxRetries, Duration readTimeout) {
		ApiProperties settings = new ApiProperties(this.sandbox.apiUrl(), ApiToken.of(token), 60, 4,
				Duration.ofSeconds(2), readTimeout, maxRetries, Duration.ofMillis(500));
		return new WebWorkClient(RestClient.builder(), settings, pacer, this.time);
	}

	private WebWorkClient client() {
		return client(this.sandbox.token(), new RequestPacer(6000, this.time, this.time), 3, Duration.ofSeconds(5));
	}

	@Test
	void everyViewerCallRoundTrips() {
		sandbox();
		WebWorkClient client = client();

		Viewer created = client.createViewer(WS, new NewViewer("ann@example.com", "Ann", "Lee"));
		client.assignProject(WS, created.id(), 102);
		client.assignProject(WS, created.id(), 105);
		client.unassignProject(WS, created.id(), 105);
		Viewer read = client.viewer(WS, created.id());
		Viewer found = client.findViewerByEmail(WS, "ANN@example.com").orElseThrow();
		client.deleteViewer(WS, created.id());
		Viewer archived = client.viewers(WS).filter(v -> v.id() == created.id()).findFirst().orElseThrow();
		client.restoreViewer(WS, created.id());

		assertThat(created.email()).isEqualTo("ann@example.com");
		assertThat(read.projects()).containsExactly(new ProjectRef(102, "Project 102"));
		assertThat(read.memberSince()).isNotNull();
		assertThat(found.id()).isEqualTo(created.id());
		assertThat(archived.archived()).isTrue();
		SandboxViewer stored = this.sandbox.store().viewerByEmail(WS, "ann@example.com").orElseThrow();
		assertThat(stored.archived()).isFalse();
		assertThat(stored.projectIds()).containsExactly(102L);
		assertThat(this.sandbox.requestLog().invitationsSent("ann@example.com")).isEqualTo(1);
		assertThat(this.sandbox.requestLog().all()).hasSize(9);
		assertThat(client.requestsSent()).isEqualTo(9);
	}

	@Test
	void readsProjectsAndWorkspaces() {
		sandbox();
		WebWorkClient client = client();

		List<Project> projects = client.projects(WS).toList();
		List<Workspace> workspaces = client.workspaces().toList();

		assertThat(projects).extracting(Project::id)
			.containsExactlyElementsOf(IntStream.rangeClosed(101, 110).mapToObj(Long::valueOf).toList());
		assertThat(projects.get(0).name()).isEqualTo("Project 101");
		assertThat(workspaces).extracting(Workspace::id, Workspace::name)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(1L, "Sandbox workspace"));
		assertThat(workspaces.get(0).role()).isNotBlank();
	}

	@Test
	void pagesWithPaginationMetaStopAtTheLastPage() {
		sandbox();
		addViewers(250);

		assertThat(client().viewers(WS)).hasSize(250);
		assertThat(this.sandbox.requestLog().count("GET", "/project-viewers")).isEqualTo(3);
	}

	@Test
	void pagesWithoutPaginationMetaStopAtAShortPage() {
		sandbox();
		this.sandbox.quirks(Quirks.parse("no-pagination"));
		addViewers(250);

		assertThat(client().viewers(WS)).hasSize(250);
		assertThat(this.sandbox.requestLog().count("GET", "/project-viewers")).isEqualTo(3);
	}

	@Test
	void pagesWithoutPaginationMetaStopAtAnEmptyPage() {
		sandbox();
		this.sandbox.quirks(Quirks.parse("no-pagination"));
		addViewers(200);

		assertThat(client().viewers(WS)).hasSize(200);
		assertThat(this.sandbox.requestLog().count("GET", "/project-viewers")).as("the third page is the empty one")
			.isEqualTo(3);
	}

	@Test
	void readsStringIds() {
		sandbox();
		this.sandbox.quirks(Quirks.parse("string-ids"));
		addViewers(120);
		WebWorkClient client = client();

		Viewer created = client.createViewer(WS, new NewViewer("bo@example.com", "Bo", "Li"));
		client.assignProject(WS, created.id(), 101);
		Viewer read = client.viewer(WS, created.id());

		assertThat(client.viewers(WS)).hasSize(121).extracting(Viewer::id).doesNotHaveDuplicates();
		assertThat(read.projects()).extracting(ProjectRef::projectId).containsExactly(101L);
		assertThat(client.projects(WS)).hasSize(10);
		assertThat(client.workspaces()).extracting(Workspace::id).containsExactly(1L);
	}

	@Test
	void aDuplicateEmailIsRejected() {
		sandbox();
		addViewers(1);

		RejectedApiException failure = catchThrowableOfType(RejectedApiException.class,
				() -> client().createViewer(WS, new NewViewer("viewer1@example.com", "V", "One")));

		assertThat(failure.status()).isEqualTo(400);
		assertThat(failure).hasMessage("POST /project-viewers → 400: The email has already been taken.");
		assertThat(this.sandbox.requestLog().invitationsSent()).isZero();
	}

	@Test
	void aDuplicateEmailAs422CarriesTheFieldErrors() {
		sandbox();
		this.sandbox.quirks(Quirks.parse("duplicate-as-422"));
		addViewers(1);

		RejectedApiException failure = catchThrowableOfType(RejectedApiException.class,
				() -> client().createViewer(WS, new NewViewer("viewer1@example.com", "V", "One")));

		assertThat(failure.status()).isEqualTo(422);
		assertThat(failure.fieldErrors()).containsKey("email");
		assertThat(failure.fieldErrors().get("email")).isNotEmpty();
	}

	@Test
	void repeatedWritesAreRejectedByPolicyOrAcceptedAsNoOps() {
		sandbox();
		SandboxViewer viewer = addViewers(1).get(0);
		WebWorkClient client = client();
		client.deleteViewer(WS, viewer.id());

		RejectedApiException twice = catchThrowableOfType(RejectedApiException.class,
				() -> client.deleteViewer(WS, viewer.id()));
		assertThat(twice.status()).isEqualTo(400);
		assertThat(catchThrowableOfType(RejectedApiException.class, () -> client.unassignProject(WS, viewer.id(), 103))
			.status()).isEqualTo(400);

		this.sandbox.quirks(Quirks.parse("repeats-are-no-ops"));
		client.deleteViewer(WS, viewer.id());
		client.restoreViewer(WS, viewer.id());
		client.restoreViewer(WS, viewer.id());
		assertThat(this.sandbox.store().viewerByEmail(WS, viewer.email()).orElseThrow().archived()).isFalse();
	}

	@Test
	void unknownViewersAndProjectsAreRejected() {
		sandbox();
		SandboxViewer viewer = addViewers(1).get(0);
		WebWorkClient client = client();

		assertThat(catchThrowableOfType(RejectedApiException.class, () -> client.viewer(WS, 999_999)).status())
			.isEqualTo(404);
		assertThat(catchThrowableOfType(RejectedApiException.class, () -> client.assignProject(WS, viewer.id(), 999))
			.status()).isEqualTo(404);
		assertThat(catchThrowableOfType(RejectedApiException.class,
				() -> client.createViewer(WS, new NewViewer("not-an-email", "", "")))
			.status()).isEqualTo(400);
		assertThat(this.sandbox.requestLog().all()).hasSize(3);
	}

	@Test
	void refusedTokensAndWorkspacesAreAuthErrorsSentOnce() {
		sandbox();
		WebWorkClient stranger = client("not-a-token", new RequestPacer(6000, this.time, this.time), 3,
				Duration.ofSeconds(5));

		AuthApiException unauthenticated = catchThrowableOfType(AuthApiException.class,
				() -> stranger.viewers(WS).toList());
		AuthApiException forbidden = catchThrowableOfType(AuthApiException.class, () -> client().viewers(2).toList());

		assertThat(unauthenticated.status()).isEqualTo(401);
		assertThat(unauthenticated.apiMessage()).isEqualTo("Unauthenticated.");
		assertThat(forbidden.status()).isEqualTo(403);
		assertThat(this.sandbox.requestLog().all()).hasSize(2);
	}

	@Test
	void serverErrorsAndDroppedConnectionsOnReadsAreRetried() {
		sandbox();
		addViewers(3);
		this.sandbox.faultPlan(
				FaultPlan.builder().onRequest(1, Fault.status(503)).onRequest(2, Fault.dropConnection()).build());

		assertThat(client().viewers(WS)).hasSize(3);
		assertThat(this.time.sleeps()).as("backoff after the 503").contains(Duration.ofMillis(500));
		assertThat(this.sandbox.requestLog().all()).extracting(LoggedRequest::status).containsExactly(503, 0, 200);
	}

	@Test
	void aCreateThatFailsAfterCommittingIsNotRepeatedAndCanBeReconciled() {
		sandbox();
		this.sandbox.faultPlan(FaultPlan.builder().onEmail("cy@example.com", Fault.commitThen500()).build());
		WebWorkClient client = client();

		TransientApiException failure = catchThrowableOfType(TransientApiException.class,
				() -> client.createViewer(WS, new NewViewer("cy@example.com", "Cy", "Ng")));

		assertThat(failure.status()).isEqualTo(500);
		assertThat(this.sandbox.requestLog().count("POST", "/project-viewers")).isEqualTo(1);
		assertThat(client.findViewerByEmail(WS, "cy@example.com")).isPresent();
		assertThat(this.sandbox.requestLog().invitationsSent("cy@example.com")).isEqualTo(1);
	}

	@Test
	void aCreateWhoseConnectionDropsIsNotRepeated() {
		sandbox();
		this.sandbox
			.faultPlan(FaultPlan.builder().onEndpoint("POST", "/project-viewers", 1, Fault.dropConnection()).build());

		TransientApiException failure = catchThrowableOfType(TransientApiException.class,
				() -> client().createViewer(WS, new NewViewer("di@example.com", "Di", "Ro")));

		assertThat(failure.status()).isZero();
		assertThat(this.sandbox.requestLog().count("POST", "/project-viewers")).isEqualTo(1);
	}

	@Test
	void aSlowAnswerTimesOutAsTransient() {
		sandbox();
		// far longer than the read timeout, so that it fires however loaded the machine;
		// closing the sandbox after the test cuts the wait short
		this.sandbox.faultPlan(FaultPlan.builder().onRequest(1, Fault.delay(Duration.ofMinutes(5))).build());
		WebWorkClient impatient = client(this.sandbox.token(), new RequestPacer(6000, this.time, this.time), 0,
				Duration.ofMillis(250));

		TransientApiException failure = catchThrowableOfType(TransientApiException.class,
				() -> impatient.viewer(WS, 1));

		assertThat(failure.status()).isZero();
		assertThat(failure.apiMessage()).startsWith("read timeout");
	}

	@Test
	void anInjectedRateLimitHoldsUntilRetryAfter() {
		sandbox();
		this.sandbox.faultPlan(FaultPlan.builder().onRequest(1, Fault.status(429, Duration.ofSeconds(12))).build());
		RequestPacer pacer = new RequestPacer(6000, this.time, this.time);
		Instant start = this.time.instant();

		assertThat(client(this.sandbox.token(), pacer, 3, Duration.ofSeconds(5)).projects(WS)).hasSize(10);

		assertThat(pacer.rateLimitedCount()).isEqualTo(1);
		assertThat(Duration.between(start, this.time.instant())).isGreaterThanOrEqualTo(Duration.ofSeconds(12));
		assertThat(this.sandbox.requestLog().all().get(1).at()).isAfterOrEqualTo(start.plusSeconds(12));
	}

	@Test
	void aClientPacedAtTheLimitIsNeverRateLimited() {
		sandbox(60);
		RequestPacer pacer = new RequestPacer(60, this.time, this.time);
		WebWorkClient client = client(this.sandbox.token(), pacer, 3, Duration.ofSeconds(5));

		// 75 requests at one per second cross the sandbox's 60-second window
		for (int i = 0; i < 75; i++) {
			client.projects(WS).findFirst();
		}

		assertThat(this.sandbox.requestLog().rateLimited()).isZero();
		assertThat(pacer.rateLimitedCount()).isZero();
		assertThat(this.sandbox.requestLog().all()).hasSize(75);
	}

	@Test
	void theServersLimitSlowsDownAClientConfiguredFaster() {
		sandbox(30);
		RequestPacer pacer = new RequestPacer(60, this.time, this.time);
		WebWorkClient client = client(this.sandbox.token(), pacer, 3, Duration.ofSeconds(5));

		for (int i = 0; i < 40; i++) {
			client.projects(WS).findFirst();
		}

		assertThat(pacer.interval()).isEqualTo(Duration.ofSeconds(2));
		assertThat(this.sandbox.requestLog().rateLimited()).isZero();
	}

	@Test
	void twoProcessesSharingATokenHonourTheSandboxes429s() {
		sandbox(60);
		RequestPacer first = new RequestPacer(60, this.time, this.time);
		RequestPacer second = new RequestPacer(60, this.time, this.time);
		WebWorkClient one = client(this.sandbox.token(), first, 4, Duration.ofSeconds(5));
		WebWorkClient other = client(this.sandbox.token(), second, 4, Duration.ofSeconds(5));

		// together they send two requests a second against a limit of one
		for (int i = 0; i < 40; i++) {
			assertThat(one.projects(WS).findFirst()).isPresent();
			assertThat(other.projects(WS).findFirst()).isPresent();
		}

		assertThat(this.sandbox.requestLog().rateLimited()).isPositive()
			.isEqualTo(first.rateLimitedCount() + second.rateLimitedCount());
	}

	private List<SandboxViewer> addViewers(int count) {
		return IntStream.rangeClosed(1, count)
			.mapToObj(i -> this.sandbox.store()
				.addViewer(WS, "viewer" + i + "@example.com", "Viewer", String.valueOf(i), "active", Set.of(101L)))
			.toList();
	}

}
