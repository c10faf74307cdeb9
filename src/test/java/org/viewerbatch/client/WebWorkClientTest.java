package org.viewerbatch.client;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.web.client.RestClient;

import org.viewerbatch.client.StubApi.Received;
import org.viewerbatch.client.StubApi.Reply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The client against a scripted local HTTP server: the answers our own sandbox never
 * gives.
 */
class WebWorkClientTest {

	private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

	private static final String TOKEN = "tok-3f9a1c";

	private StubApi api;

	private ManualTime time;

	private RequestPacer pacer;

	@BeforeEach
	void start() throws Exception {
		this.api = new StubApi();
		this.time = ManualTime.auto(T0);
		this.pacer = new RequestPacer(6000, this.time, this.time);
	}

	@AfterEach
	void stop() {
		this.api.close();
	}

	private WebWorkClient client(int maxRetries, Duration readTimeout) {
		ApiProperties settings = new ApiProperties(this.api.apiUrl(), ApiToken.of(TOKEN), 6000, 4,
				Duration.ofSeconds(2), readTimeout, maxRetries, Duration.ofMillis(500));
		return new WebWorkClient(RestClient.builder(), settings, this.pacer, this.time);
	}

	private WebWorkClient client() {
		return client(3, Duration.ofSeconds(5));
	}

	@Test
	void readsViewersWithStringIdsUnknownFieldsUnknownStatusesAndEveryDateFormat() {
		this.api.respond(request -> Reply.json(200,
				"""
						{"success": true, "message": "ok", "data": [
						  {"id": "7", "email": "ann@example.com", "firstname": "Ann", "lastname": "Lee", "status": "active",
						   "member_since": "2024-01-15T10:30:00+02:00", "avatar": "x.png",
						   "projects": [{"project_id": "101", "project_name": "Project 101", "color": "red"}]},
						  {"id": 8, "email": "bo@example.com", "status": "suspended", "member_since": "2024-01-15 10:30:00"},
						  {"id": 9, "email": "cy@example.com", "status": null, "member_since": "2024-01-15 10:30:00.123456", "projects": null},
						  {"id": 10, "email": "di@example.com", "member_since": "2024-01-15"},
						  {"id": 11, "email": "ed@example.com", "member_since": "not a date", "status": "inactive"}
						], "meta": {"api_version": "2.0.0"}}
						"""));

		List<Viewer> viewers = client().viewers(1).toList();

		assertThat(viewers).extracting(Viewer::id).containsExactly(7L, 8L, 9L, 10L, 11L);
		assertThat(viewers.get(0)).isEqualTo(new Viewer(7, "ann@example.com", "Ann", "Lee", "active",
				Instant.parse("2024-01-15T08:30:00Z"), List.of(new ProjectRef(101, "Project 101"))));
		assertThat(viewers.get(1).status()).isEqualTo("suspended");
		assertThat(viewers.get(1).memberSince()).isEqualTo(Instant.parse("2024-01-15T10:30:00Z"));
		assertThat(viewers.get(2).memberSince()).isEqualTo(Instant.parse("2024-01-15T10:30:00.123456Z"));
		assertThat(viewers.get(2).projects()).isEmpty();
		assertThat(viewers.get(2).status()).isNull();
		assertThat(viewers.get(3).memberSince()).isEqualTo(Instant.parse("2024-01-15T00:00:00Z"));
		assertThat(viewers.get(4).memberSince()).isNull();
		assertThat(viewers).filteredOn(Viewer::archived).extracting(Viewer::id).containsExactly(11L);
		assertThat(this.api.received()).singleElement().satisfies(request -> {
			assertThat(request.method()).isEqualTo("GET");
			assertThat(request.path()).isEqualTo("/api/v2/project-viewers");
			assertThat(query(request)).containsEntry("workspace_id", "1")
				.containsEntry("page", "1")
				.containsEntry("per_page", "100");
			assertThat(request.authorization()).isEqualTo("Bearer " + TOKEN);
		});
	}

	@Test
	void pagingStopsAtTheLastPageTheServerAnnounces() {
		this.api.respond(request -> {
			int page = Integer.parseInt(query(request).get("page"));
			return Reply.json(200, page(viewersFrom((page - 1) * 100 + 1, 100), page, 2));
		});

		List<Viewer> viewers = client().viewers(1).toList();

		assertThat(viewers).hasSize(200);
		assertThat(this.api.count()).as("a full last page is not followed by a probe").isEqualTo(2);
	}

	@Test
	void pagingWithoutMetaStopsAtAShortPage() {
		this.api.respond(request -> {
			int page = Integer.parseInt(query(request).get("page"));
			return Reply.json(200, page((page == 1) ? viewersFrom(1, 100) : viewersFrom(101, 30), page, null));
		});

		assertThat(client().viewers(1).toList()).hasSize(130);
		assertThat(this.api.count()).isEqualTo(2);
	}

	@Test
	void pagingWithoutMetaStopsAtAnEmptyPage() {
		this.api.respond(request -> {
			int page = Integer.parseInt(query(request).get("page"));
			return Reply.json(200, page((page == 1) ? viewersFrom(1, 100) : "", page, null));
		});

		assertThat(client().viewers(1).toList()).hasSize(100);
		assertThat(this.api.count()).isEqualTo(2);
	}

	@Test
	void pagesAreReadOnlyWhenTheReaderGetsThere() {
		this.api.respond(request -> Reply.json(200, page(viewersFrom(1, 100), 1, 5)));
		WebWorkClient client = client();

		Stream<Viewer> viewers = client.viewers(1);
		assertThat(this.api.count()).isZero();
		assertThat(viewers.limit(3).toList()).hasSize(3);
		assertThat(this.api.count()).isEqualTo(1);
	}

	@Test
	void aViewerRepeatedOnTheNextPageIsListedOnce() {
		this.api.respond(request -> {
			int page = Integer.parseInt(query(request).get("page"));
			return Reply.json(200, page((page == 1) ? viewersFrom(1, 100) : viewersFrom(100, 3), page, 2));
		});

		assertThat(client().viewers(1).map(Viewer::id)).hasSize(102).doesNotHaveDuplicates();
	}

	@Test
	void findsAViewerByExactEmailIgnoringCaseAndEncodesThePlusSign() {
		this.api.respond(request -> Reply.json(200, page("""
				{"id": 1, "email": "ann.1@example.com"}, {"id": 2, "email": "ANN+1@Example.com"}""", 1, 1)));

		Optional<Viewer> found = client().findViewerByEmail(1, " ann+1@example.com ");

		assertThat(found).map(Viewer::id).contains(2L);
		assertThat(query(this.api.received().get(0))).containsEntry("email", "ann+1@example.com")
			.containsEntry("workspace_id", "1");
	}

	@Test
	void anEmailThatIsNotListedIsNotFound() {
		this.api.respond(request -> Reply.json(200, page("{\"id\": 1, \"email\": \"other@example.com\"}", 1, 1)));

		assertThat(client().findViewerByEmail(1, "ann@example.com")).isEmpty();
	}

	@Test
	void readsOneViewer() {
		this.api.respond(request -> Reply.json(200,
				"""
						{"success": true, "data": {"id": 5, "email": "a@example.com", "firstname": "A", "lastname": "B", "projects": [101, "102"]}}"""));

		Viewer viewer = client().viewer(1, 5);

		assertThat(viewer.projects()).containsExactly(new ProjectRef(101, null), new ProjectRef(102, null));
		assertThat(this.api.received().get(0).path()).isEqualTo("/api/v2/project-viewers/5");
		assertThat(query(this.api.received().get(0))).containsEntry("workspace_id", "1");
	}

	@Test
	void aViewerAnswerWithoutAViewerIsRejected() {
		this.api.respond(request -> Reply.json(200, "{\"success\": true, \"data\": {}}"));

		assertThatThrownBy(() -> client().viewer(1, 5)).isInstanceOf(RejectedApiException.class)
			.hasMessage("GET /project-viewers/5 → 200: the answer carries no viewer");
	}

	@Test
	void createsAViewerWithAJsonBody() {
		this.api.respond(request -> Reply.json(201,
				"""
						{"success": true, "message": "Project viewer created successfully",
						 "data": {"id": "42", "email": "ann@example.com", "firstname": "Ann", "lastname": "Lee", "status": "active", "projects": []}}"""));

		Viewer created = client().createViewer(1, new NewViewer("ann@example.com", "Ann", "Lee"));

		assertThat(created.id()).isEqualTo(42);
		Received request = this.api.received().get(0);
		assertThat(request.method()).isEqualTo("POST");
		assertThat(request.path()).isEqualTo("/api/v2/project-viewers");
		assertThat(request.body())
			.isEqualTo("{\"workspace_id\":1,\"email\":\"ann@example.com\",\"firstname\":\"Ann\",\"lastname\":\"Lee\"}");
	}

	@Test
	void aCreateAnsweredWithEmptyDataLooksTheEmailUp() {
		this.api
			.respond(request -> request.method().equals("POST") ? Reply.json(201, "{\"success\": true, \"data\": {}}")
					: Reply.json(200, page("{\"id\": 43, \"email\": \"ann@example.com\"}", 1, 1)));

		Viewer created = client().createViewer(1, new NewViewer("ann@example.com", "Ann", "Lee"));

		assertThat(created.id()).isEqualTo(43);
		assertThat(this.api.received()).extracting(Received::method).containsExactly("POST", "GET");
	}

	@Test
	void aCreateAnsweredWithoutABodyLooksTheEmailUpInsteadOfFailing() {
		this.api.respond(request -> request.method().equals("POST") ? Reply.json(201, "")
				: Reply.json(200, page("{\"id\": 44, \"email\": \"ann@example.com\"}", 1, 1)));

		assertThat(client().createViewer(1, new NewViewer("ann@example.com", "Ann", "Lee")).id()).isEqualTo(44);
		assertThat(this.api.received()).extracting(Received::method).containsExactly("POST", "GET");
	}

	@Test
	void createIsNotRepeatedAfterAServerError() {
		this.api.respond(request -> Reply.json(503, "{\"success\": false, \"message\": \"Service Unavailable\"}"));

		TransientApiException failure = catchThrowableOfType(TransientApiException.class,
				() -> client().createViewer(1, new NewViewer("ann@example.com", "Ann", "Lee")));

		assertThat(failure.status()).isEqualTo(503);
		assertThat(failure).hasMessage("POST /project-viewers → 503: Service Unavailable");
		assertThat(this.api.count()).isEqualTo(1);
	}

	@Test
	void createIsNotRepeatedAfterADroppedConnection() {
		this.api.respond(request -> Reply.dropped());

		TransientApiException failure = catchThrowableOfType(TransientApiException.class,
				() -> client().createViewer(1, new NewViewer("ann@example.com", "Ann", "Lee")));

		assertThat(failure.status()).isZero();
		assertThat(failure.getMessage()).startsWith("POST /project-viewers → no response: ");
		assertThat(this.api.count()).isEqualTo(1);
	}

	@Test
	void createIsNotRepeatedAfterARateLimitButTheHoldApplies() {
		this.api
			.respond(request -> Reply.json(429, "{\"message\": \"Too Many Attempts.\"}", Map.of("Retry-After", "9")));

		TransientApiException failure = catchThrowableOfType(TransientApiException.class,
				() -> client().createViewer(1, new NewViewer("ann@example.com", "Ann", "Lee")));

		assertThat(failure.retryAfter()).contains(Duration.ofSeconds(9));
		assertThat(this.api.count()).isEqualTo(1);
		assertThat(this.pacer.rateLimitedCount()).isEqualTo(1);
		this.pacer.acquire();
		assertThat(this.time.instant()).isEqualTo(T0.plusSeconds(9));
	}

	@Test
	void writesSendTheirJsonBodyAndAcceptNullEmptyOrObjectData() {
		this.api.respond(request -> switch (request.path()) {
			case "/api/v2/project-viewers/5" -> Reply.json(200,
					"{\"success\": true, \"data\": null, \"message\": \"Project viewer deleted successfully\"}");
			case "/api/v2/project-viewers/5/restore" -> Reply.json(200, "{\"success\": true, \"data\": {}}");
			case "/api/v2/project-viewers/5/assign-project" ->
				Reply.json(200, "{\"success\": true, \"data\": {\"id\": 5, \"extra\": [1]}}");
			default -> Reply.json(204, "");
		});
		WebWorkClient client = client();

		client.deleteViewer(1, 5);
		client.restoreViewer(1, 5);
		client.assignProject(1, 5, 101);
		client.unassignProject(1, 5, 101);

		assertThat(this.api.received()).extracting(Received::method, Received::path, Received::body)
			.containsExactly(
					org.assertj.core.groups.Tuple.tuple("DELETE", "/api/v2/project-viewers/5", "{\"workspace_id\":1}"),
					org.assertj.core.groups.Tuple.tuple("POST", "/api/v2/project-viewers/5/restore",
							"{\"workspace_id\":1}"),
					org.assertj.core.groups.Tuple.tuple("POST", "/api/v2/project-viewers/5/assign-project",
							"{\"workspace_id\":1,\"project_id\":101}"),
					org.assertj.core.groups.Tuple.tuple("DELETE", "/api/v2/project-viewers/5/unassign-project",
							"{\"workspace_id\":1,\"project_id\":101}"));
		assertThat(client.requestsSent()).isEqualTo(4);
	}

	@Test
	void readsProjectsAndWorkspaces() {
		this.api.respond(request -> request.path().endsWith("/projects") ? Reply.json(200, page(
				"{\"id\": \"101\", \"name\": \"Project 101\", \"status\": \"1\"}, {\"id\": 102, \"name\": \"Project 102\"}",
				1, 1))
				: Reply.json(200, page(
						"{\"id\": 1, \"name\": \"Main\", \"role\": \"Owner\"}, {\"id\": 2, \"name\": \"Other\", \"role\": {\"name\": \"Executive manager\"}}",
						1, 1)));
		WebWorkClient client = client();

		assertThat(client.projects(1).toList()).containsExactly(new Project(101, "Project 101", 1),
				new Project(102, "Project 102", null));
		assertThat(client.workspaces().toList()).containsExactly(new Workspace(1, "Main", "Owner"),
				new Workspace(2, "Other", "Executive manager"));
		assertThat(query(this.api.received().get(0))).containsEntry("workspace_id", "1")
			.containsEntry("per_page", "100");
		assertThat(this.api.received().get(1).path()).isEqualTo("/api/v2/workspaces");
	}

	@Test
	void aLaravelValidationErrorIsRejectedWithItsFieldErrors() {
		this.api.respond(request -> Reply.json(422,
				"""
						{"message": "The given data was invalid.", "errors": {"email": ["The email has already been taken."], "firstname": "Too long."}}"""));

		RejectedApiException failure = catchThrowableOfType(RejectedApiException.class,
				() -> client().createViewer(1, new NewViewer("ann@example.com", "Ann", "Lee")));

		assertThat(failure.status()).isEqualTo(422);
		assertThat(failure.request()).isEqualTo("POST /project-viewers");
		assertThat(failure.apiMessage()).isEqualTo("The given data was invalid.");
		assertThat(failure.fieldErrors()).containsEntry("email", List.of("The email has already been taken."))
			.containsEntry("firstname", List.of("Too long."));
		assertThat(failure).hasMessage("POST /project-viewers → 422: The given data was invalid.");
	}

	@Test
	void clientErrorsAreRejectedAtOnceWithoutRetry() {
		this.api.respondInOrder(
				Reply.json(400, "{\"success\": false, \"message\": \"Project already assigned.\", \"error\": null}"),
				Reply.json(404, "{\"success\": false, \"message\": \"Project viewer not found.\"}"),
				Reply.json(409, ""));
		WebWorkClient client = client();

		assertThatThrownBy(() -> client.assignProject(1, 5, 101)).isInstanceOf(RejectedApiException.class)
			.hasMessage("POST /project-viewers/5/assign-project → 400: Project already assigned.");
		assertThatThrownBy(() -> client.restoreViewer(1, 6)).isInstanceOf(RejectedApiException.class)
			.hasMessage("POST /project-viewers/6/restore → 404: Project viewer not found.");
		assertThatThrownBy(() -> client.deleteViewer(1, 7)).isInstanceOf(RejectedApiException.class)
			.hasMessage("DELETE /project-viewers/7 → 409: Conflict");
		assertThat(this.api.count()).isEqualTo(3);
	}

	@Test
	void refusedTokensAndRightsAreAuthErrorsWithoutRetry() {
		this.api.respondInOrder(Reply.json(401, "{\"message\": \"Unauthenticated.\"}"),
				Reply.json(403, "{\"success\": false, \"message\": \"You do not have access to this workspace.\"}"));
		WebWorkClient client = client();

		AuthApiException unauthenticated = catchThrowableOfType(AuthApiException.class,
				() -> client.viewers(1).toList());
		AuthApiException forbidden = catchThrowableOfType(AuthApiException.class, () -> client.viewer(2, 5));

		assertThat(unauthenticated.status()).isEqualTo(401);
		assertThat(unauthenticated).hasMessage("GET /project-viewers → 401: Unauthenticated.");
		assertThat(forbidden.status()).isEqualTo(403);
		assertThat(this.api.count()).isEqualTo(2);
	}

	@Test
	void aRateLimitIsRetriedAfterRetryAfter() {
		this.api.respondInOrder(Reply.json(429, "{\"message\": \"Too Many Attempts.\"}", Map.of("Retry-After", "7")),
				Reply.json(200, page(viewersFrom(1, 2), 1, 1)));

		assertThat(client().viewers(1).toList()).hasSize(2);
		assertThat(this.api.count()).isEqualTo(2);
		assertThat(this.pacer.rateLimitedCount()).isEqualTo(1);
		assertThat(this.time.instant()).isEqualTo(T0.plusSeconds(7));
	}

	@Test
	void aServerErrorIsRetriedWithBackoff() {
		this.api.respondInOrder(Reply.json(503, "{\"message\": \"Service Unavailable\"}"),
				Reply.json(500, "{\"message\": \"Server Error\"}"), Reply.json(200, page(viewersFrom(1, 2), 1, 1)));

		assertThat(client().viewers(1).toList()).hasSize(2);
		assertThat(this.api.count()).isEqualTo(3);
		assertThat(this.time.sleeps()).contains(Duration.ofMillis(500), Duration.ofMillis(1000));
	}

	@Test
	void aServerErrorThatPersistsFailsAfterTheLastRetry() {
		this.api.respond(request -> Reply.json(502, "<html>Bad Gateway</html>"));

		TransientApiException failure = catchThrowableOfType(TransientApiException.class,
				() -> client(2, Duration.ofSeconds(5)).restoreViewer(1, 5));

		assertThat(failure).hasMessage("POST /project-viewers/5/restore → 502: <html>Bad Gateway</html>");
		assertThat(this.api.count()).isEqualTo(3);
		assertThat(this.time.sleeps()).containsSubsequence(Duration.ofMillis(500), Duration.ofMillis(1000));
	}

	@Test
	void aServiceUnavailableWithRetryAfterWaitsThatLong() {
		this.api.respondInOrder(Reply.json(503, "{}", Map.of("Retry-After", "5")), Reply.json(200, "{\"data\": null}"));

		client().deleteViewer(1, 5);

		assertThat(this.time.sleeps()).contains(Duration.ofSeconds(5));
		assertThat(this.pacer.rateLimitedCount()).isZero();
	}

	@Test
	void aDroppedConnectionOnAReadIsRetried() {
		this.api.respondInOrder(Reply.dropped(), Reply.json(200, page(viewersFrom(1, 2), 1, 1)));

		assertThat(client().viewers(1).toList()).hasSize(2);
		assertThat(this.api.received()).extracting(Received::method).containsOnly("GET").hasSizeGreaterThanOrEqualTo(2);
	}

	@Test
	void aReadTimeoutIsTransient() {
		this.api.respond(request -> Reply.noAnswer());

		TransientApiException failure = catchThrowableOfType(TransientApiException.class,
				() -> client(0, Duration.ofMillis(300)).viewer(1, 5));

		assertThat(failure.status()).isZero();
		assertThat(failure.apiMessage()).startsWith("read timeout: connected, but no answer");
		assertThat(failure.request()).isEqualTo("GET /project-viewers/5");
	}

	@Test
	void httpsToAServerThatNeverAnswersTheHandshakeIsAConnectTimeoutNotARefusal() {
		URI https = URI.create(this.api.apiUrl().toString().replace("http://", "https://"));
		ApiProperties settings = new ApiProperties(https, ApiToken.of(TOKEN), 6000, 4, Duration.ofSeconds(2),
				Duration.ofSeconds(5), 0, Duration.ofMillis(500));

		TransientApiException failure = catchThrowableOfType(TransientApiException.class,
				() -> new WebWorkClient(RestClient.builder(), settings, this.pacer, this.time).viewer(1, 5));

		// the JDK client counts the TLS handshake in the connect timeout: the server
		// waits for an HTTP request, the client for its handshake
		assertThat(failure.apiMessage()).startsWith("connect timeout: ")
			.contains("TLS handshake")
			.doesNotContain("refused");
	}

	@Test
	void anAnswerThatIsNotJsonIsRejected() {
		this.api.respond(request -> Reply.json(200, "<html>Welcome</html>"));

		assertThatThrownBy(() -> client().viewers(1).toList()).isInstanceOf(RejectedApiException.class)
			.hasMessageContaining("the answer is not JSON (is the API URL right?): <html>Welcome</html>");
	}

	@Test
	void aRedirectIsReportedNotFollowed() {
		this.api.respond(
				request -> Reply.json(301, "", Map.of("Location", "https://elsewhere.example/api/v2/project-viewers")));

		assertThatThrownBy(() -> client().createViewer(1, new NewViewer("ann@example.com", "Ann", "Lee")))
			.isInstanceOf(RejectedApiException.class)
			.hasMessage("POST /project-viewers → 301: the API answered with a redirect to "
					+ "https://elsewhere.example/api/v2/project-viewers; check the API URL");
		assertThat(this.api.count()).isEqualTo(1);
	}

	@Test
	void aSuccessStatusThatSaysFailureIsRejected() {
		this.api.respond(request -> Reply.json(200, "{\"success\": false, \"message\": \"Project not found.\"}"));

		assertThatThrownBy(() -> client().assignProject(1, 5, 999)).isInstanceOf(RejectedApiException.class)
			.hasMessage("POST /project-viewers/5/assign-project → 200: Project not found.");
	}

	@Test
	void withoutATokenNothingIsSent() {
		ApiProperties settings = new ApiProperties(this.api.apiUrl(), null, 60, 4, Duration.ofSeconds(1),
				Duration.ofSeconds(1), 0, Duration.ofMillis(1));
		WebWorkClient client = new WebWorkClient(RestClient.builder(), settings, this.pacer, this.time);

		assertThatThrownBy(() -> client.deleteViewer(1, 5)).isInstanceOf(AuthApiException.class)
			.hasMessageContaining("no API token");
		assertThat(this.api.count()).isZero();
	}

	@Test
	void anApiUrlWithoutTrailingSlashStillReachesTheEndpoints() {
		ApiProperties settings = new ApiProperties(
				java.net.URI.create(this.api.apiUrl().toString().replaceAll("/$", "")), ApiToken.of(TOKEN), 60, 4,
				Duration.ofSeconds(1), Duration.ofSeconds(1), 0, Duration.ofMillis(1));

		new WebWorkClient(RestClient.builder(), settings, this.pacer, this.time).deleteViewer(1, 5);

		assertThat(this.api.received().get(0).path()).isEqualTo("/api/v2/project-viewers/5");
	}

	@Test
	void aRefusedConnectionIsTransientAndSaysSoInWords() throws Exception {
		int closedPort;
		try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		ApiProperties settings = new ApiProperties(java.net.URI.create("http://127.0.0.1:" + closedPort + "/api/v2/"),
				ApiToken.of(TOKEN), 60, 4, Duration.ofSeconds(1), Duration.ofSeconds(1), 0, Duration.ofMillis(1));

		assertThatThrownBy(
				() -> new WebWorkClient(RestClient.builder(), settings, this.pacer, this.time).viewers(1).toList())
			.isInstanceOf(TransientApiException.class)
			.hasMessage(
					"GET /project-viewers → no response: connection refused (is the API URL right and the server up?)");
	}

	static String viewersFrom(int firstId, int count) {
		return IntStream.range(firstId, firstId + count)
			.mapToObj(id -> "{\"id\": " + id + ", \"email\": \"v" + id
					+ "@example.com\", \"firstname\": \"V\", \"lastname\": \"" + id + "\"}")
			.collect(Collectors.joining(","));
	}

	static String page(String items, int page, Integer lastPage) {
		String pagination = (lastPage != null)
				? ", \"pagination\": {\"total\": 0, \"per_page\": 100, \"current_page\": " + page + ", \"last_page\": "
						+ lastPage + "}"
				: "";
		return "{\"success\": true, \"data\": [" + items + "], \"meta\": {\"api_version\": \"2.0.0\"" + pagination
				+ "}}";
	}

	static Map<String, String> query(Received request) {
		return Stream.of(request.query().split("&"))
			.map(pair -> pair.split("=", 2))
			.collect(Collectors.toMap(pair -> pair[0], pair -> URLDecoder.decode(pair[1], StandardCharsets.UTF_8)));
	}

}
