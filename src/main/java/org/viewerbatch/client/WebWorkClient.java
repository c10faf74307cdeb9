package org.viewerbatch.client;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

/**
 * The WebWork Tracker API (project viewers, projects, workspaces) over Spring's {@code RestClient} on the JDK
 * {@code HttpClient}. Every request goes through the shared {@link RequestPacer}. Transient failures are retried
 * here with exponential backoff, except for {@link #createViewer}, which is sent exactly once.
 */
public final class WebWorkClient {

	static final int PER_PAGE = 100;

	private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

	private static final String VIEWERS = "project-viewers";

	private static final Logger requestLog = LoggerFactory.getLogger("org.viewerbatch.client.requests");

	private static final Logger logger = LoggerFactory.getLogger(WebWorkClient.class);

	private final RestClient restClient;

	private final ApiSettings settings;

	private final RequestPacer pacer;

	private final Sleeper sleeper;

	private final JsonMapper json = JsonMapper.shared();

	public WebWorkClient(RestClient.Builder builder, ApiSettings settings, RequestPacer pacer, Sleeper sleeper) {
		this.settings = settings;
		this.pacer = pacer;
		this.sleeper = sleeper;
		this.restClient = builder.clone()
			.requestFactory(ClientHttpRequestFactoryBuilder.jdk()
				// HTTP/1.1: no h2c upgrade attempt on plain http, and the sandbox speaks HTTP/1.1 only
				.withHttpClientCustomizer(client -> client.version(HttpClient.Version.HTTP_1_1))
				.build(HttpClientSettings.defaults().withTimeouts(settings.connectTimeout(), settings.readTimeout())))
			.build();
	}

	/** All viewers of the workspace (archived ones too when the API lists them), read lazily in pages of 100. */
	public Stream<Viewer> viewers(long workspaceId) {
		return pages(ApiCall.get(VIEWERS, Map.of("workspace_id", workspaceId)), Viewer::fromJson, Viewer::id);
	}

	/** The viewer with exactly this email (compared trimmed and case-insensitively), if the API lists one. */
	public Optional<Viewer> findViewerByEmail(long workspaceId, String email) {
		String wanted = email.trim().toLowerCase(Locale.ROOT);
		Map<String, Object> query = new LinkedHashMap<>();
		query.put("workspace_id", workspaceId);
		query.put("email", email.trim());
		// the filter is not trusted to be exact: a server that ignores it or matches loosely is read on until a match
		return pages(ApiCall.get(VIEWERS, query), Viewer::fromJson, Viewer::id)
			.filter(viewer -> viewer.email() != null && viewer.email().trim().toLowerCase(Locale.ROOT).equals(wanted))
			.findFirst();
	}

	/** One viewer by id. */
	public Viewer viewer(long workspaceId, long viewerId) {
		ApiCall call = ApiCall.get(VIEWERS + "/" + viewerId, Map.of("workspace_id", workspaceId));
		return withRetries(call, answer -> readViewer(call, answer)
			.orElseThrow(() -> new RejectedApiException(call.describe(), answer.status(), "the answer carries no viewer",
					Map.of())));
	}

	/**
	 * Creates a viewer, which sends an invitation email. Sent exactly once, never retried here: a create that failed
	 * transiently may still have happened, so the caller must look the email up ({@link #findViewerByEmail}) before
	 * creating again.
	 */
	public Viewer createViewer(long workspaceId, NewViewer viewer) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("workspace_id", workspaceId);
		body.put("email", viewer.email());
		body.put("firstname", viewer.firstname());
		body.put("lastname", viewer.lastname());
		ApiCall call = ApiCall.withBody(HttpMethod.POST, VIEWERS, body);
		Envelope answer = send(call);
		Optional<Viewer> created = readViewer(call, answer);
		if (created.isPresent()) {
			Viewer sent = created.get();
			// some variants answer with a sparse object: what we sent fills the gaps
			return new Viewer(sent.id(), (sent.email() != null) ? sent.email() : viewer.email(),
					(sent.firstname() != null) ? sent.firstname() : viewer.firstname(),
					(sent.lastname() != null) ? sent.lastname() : viewer.lastname(), sent.status(), sent.memberSince(),
					sent.projects());
		}
		// "data": {} or null: the create happened (2xx) but did not say which id it got
		return findViewerByEmail(workspaceId, viewer.email())
			.orElseThrow(() -> new RejectedApiException(call.describe(), answer.status(),
					"the API accepted the viewer but returned no id, and the email is not in the list", Map.of()));
	}

	/** Archives (soft-deletes) a viewer. */
	public void deleteViewer(long workspaceId, long viewerId) {
		write(HttpMethod.DELETE, VIEWERS + "/" + viewerId, workspaceId, null);
	}

	/** Restores an archived viewer. */
	public void restoreViewer(long workspaceId, long viewerId) {
		write(HttpMethod.POST, VIEWERS + "/" + viewerId + "/restore", workspaceId, null);
	}

	/** Gives a viewer access to a project. */
	public void assignProject(long workspaceId, long viewerId, long projectId) {
		write(HttpMethod.POST, VIEWERS + "/" + viewerId + "/assign-project", workspaceId, projectId);
	}

	/** Takes a project away from a viewer. */
	public void unassignProject(long workspaceId, long viewerId, long projectId) {
		write(HttpMethod.DELETE, VIEWERS + "/" + viewerId + "/unassign-project", workspaceId, projectId);
	}

	/** The projects of the workspace, read lazily in pages of 100. */
	public Stream<Project> projects(long workspaceId) {
		return pages(ApiCall.get("projects", Map.of("workspace_id", workspaceId)), Project::fromJson, Project::id);
	}

	/** The workspaces of the token's user, read lazily in pages of 100. */
	public Stream<Workspace> workspaces() {
		return pages(ApiCall.get("workspaces", Map.of()), Workspace::fromJson, Workspace::id);
	}

	/** Requests sent by this process so far (all clients share the pacer). */
	public long requestsSent() {
		return this.pacer.requestsSent();
	}

	private void write(HttpMethod method, String path, long workspaceId, Long projectId) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("workspace_id", workspaceId);
		if (projectId != null) {
			body.put("project_id", projectId);
		}
		// the answer's data (null, {} or an object) is not needed
		withRetries(ApiCall.withBody(method, path, body), Function.identity());
	}

	private <T> Stream<T> pages(ApiCall call, Function<JsonNode, T> parse, ToLongFunction<T> id) {
		return Pages.stream(page -> {
			ApiCall paged = call.page(page, PER_PAGE);
			Envelope answer = withRetries(paged, sent -> requireJson(paged, sent));
			return new Pages.Page(parsed(paged, answer.status(), answer::items), answer.lastPage());
		}, item -> parsed(call, 200, () -> parse.apply(item)), id, PER_PAGE);
	}

	private Optional<Viewer> readViewer(ApiCall call, Envelope answer) {
		JsonNode data = requireJson(call, answer).data();
		if (!data.isObject() || data.get("id") == null || data.get("id").isNull()) {
			return Optional.empty();
		}
		return Optional.of(parsed(call, answer.status(), () -> Viewer.fromJson(data)));
	}

	private Envelope requireJson(ApiCall call, Envelope answer) {
		if (!answer.isJson()) {
			String text = answer.text().isBlank() ? "an empty body" : JsonValues.abbreviate(answer.text());
			throw new RejectedApiException(call.describe(), answer.status(),
					redact("the answer is not JSON (is the API URL right?): " + text), Map.of());
		}
		return answer;
	}

	private <T> T parsed(ApiCall call, int status, Supplier<T> parse) {
		try {
			return parse.get();
		}
		catch (IllegalArgumentException ex) {
			throw new RejectedApiException(call.describe(), status, redact("unexpected answer: " + ex.getMessage()), Map.of());
		}
	}

	private <T> T withRetries(ApiCall call, Function<Envelope, T> onSuccess) {
		int retry = 0;
		while (true) {
			try {
				return onSuccess.apply(send(call));
			}
			catch (TransientApiException ex) {
				if (retry >= this.settings.maxRetries()) {
					throw ex;
				}
				retry++;
				Duration wait = backoff(retry);
				if (ex.status() == 429 && ex.retryAfter().isPresent()) {
					// the pacer already holds every caller until Retry-After has passed
					wait = Duration.ZERO;
				}
				else if (ex.retryAfter().isPresent() && ex.retryAfter().get().compareTo(wait) > 0) {
					wait = ex.retryAfter().get();
				}
				logger.debug("{}; retry {} of {} in {} ms", ex.getMessage(), retry, this.settings.maxRetries(),
						wait.toMillis());
				pause(wait, ex);
			}
		}
	}

	private Duration backoff(int retry) {
		Duration delay = this.settings.retryDelay().multipliedBy(1L << Math.min(retry - 1, 20));
		return (delay.compareTo(MAX_BACKOFF) > 0) ? MAX_BACKOFF : delay;
	}

	private void pause(Duration wait, ApiException failure) {
		try {
			this.sleeper.sleep(wait);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			CancellationException cancelled = new CancellationException("interrupted while waiting to retry " + failure.request());
			cancelled.initCause(failure);
			throw cancelled;
		}
	}

	/** One attempt: paced, logged, and turned into an {@link Envelope} or a typed {@link ApiException}. */
	private Envelope send(ApiCall call) {
		ApiToken token = this.settings.token();
		if (token == null) {
			throw new AuthApiException(call.describe(), 0, "no API token configured");
		}
		var uri = call.uri(this.settings.url());
		String target = call.method().name() + " " + uri.getRawPath() + ((uri.getRawQuery() != null) ? "?" + uri.getRawQuery() : "");
		this.pacer.acquire();
		long started = System.nanoTime();
		Envelope answer;
		try {
			RestClient.RequestBodySpec request = this.restClient.method(call.method())
				.uri(uri)
				.header(HttpHeaders.AUTHORIZATION, "Bearer " + token.value())
				.accept(MediaType.APPLICATION_JSON);
			if (call.body() != null) {
				request.contentType(MediaType.APPLICATION_JSON).body(this.json.writeValueAsBytes(call.body()));
			}
			answer = request.exchange((clientRequest, response) -> read(response), true);
		}
		catch (ResourceAccessException ex) {
			String reason = redact(describe(ex));
			requestLog.debug("{} → no response: {} ({} ms)", redact(target), reason, millisSince(started));
			throw new TransientApiException(call.describe(), 0, reason, null, ex);
		}
		requestLog.debug("{} → {} ({} ms)", redact(target), answer.status(), millisSince(started));
		if (answer.rateLimitRemaining() != null) {
			this.pacer.remaining(answer.rateLimitRemaining(), (answer.rateLimitLimit() != null) ? answer.rateLimitLimit() : 0);
		}
		return check(call, answer);
	}

	private Envelope read(ClientHttpResponse response) throws IOException {
		HttpHeaders headers = response.getHeaders();
		byte[] bytes = response.getBody().readAllBytes();
		JsonNode body = null;
		if (bytes.length > 0) {
			try {
				body = this.json.readTree(bytes);
			}
			catch (JacksonException notJson) {
				// kept as text for the error message
			}
		}
		return new Envelope(response.getStatusCode().value(), headers.getFirst(HttpHeaders.RETRY_AFTER),
				intHeader(headers, "X-RateLimit-Remaining"), intHeader(headers, "X-RateLimit-Limit"), body,
				new String(bytes, StandardCharsets.UTF_8));
	}

	private Envelope check(ApiCall call, Envelope answer) {
		int status = answer.status();
		if (status >= 200 && status < 300) {
			if (answer.saysFailure()) {
				throw new RejectedApiException(call.describe(), status, message(answer), JsonValues.fieldErrors(answer.body().get("errors")));
			}
			return answer;
		}
		if (status == 401 || status == 403) {
			throw new AuthApiException(call.describe(), status, message(answer));
		}
		if (status == 429) {
			Duration retryAfter = answer.retryAfter(this.pacer.clock());
			this.pacer.rateLimited((retryAfter != null) ? retryAfter : this.settings.retryDelay());
			throw new TransientApiException(call.describe(), status, message(answer), retryAfter, null);
		}
		if (status == 408 || status >= 500) {
			throw new TransientApiException(call.describe(), status, message(answer), answer.retryAfter(this.pacer.clock()), null);
		}
		throw new RejectedApiException(call.describe(), status, message(answer),
				(answer.body() != null) ? JsonValues.fieldErrors(answer.body().get("errors")) : Map.of());
	}

	private String message(Envelope answer) {
		String message = answer.message();
		if (message == null || message.isBlank()) {
			message = answer.text().isBlank() ? null : JsonValues.abbreviate(answer.text().strip());
		}
		if (message == null) {
			HttpStatus status = HttpStatus.resolve(answer.status());
			message = (status != null) ? status.getReasonPhrase() : "HTTP " + answer.status();
		}
		return redact(message);
	}

	private String redact(String text) {
		ApiToken token = this.settings.token();
		return (token != null) ? token.redact(text) : text;
	}

	private static String describe(ResourceAccessException ex) {
		// the cause says what happened on the wire (reset, timeout, refused); RestClient's own message repeats the URL
		Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
		String message = cause.getMessage();
		return cause.getClass().getSimpleName() + ((message != null && !message.isBlank()) ? ": " + message : "");
	}

	private static Integer intHeader(HttpHeaders headers, String name) {
		String value = headers.getFirst(name);
		if (value == null) {
			return null;
		}
		try {
			return Integer.valueOf(value.trim());
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	private static long millisSince(long startedNanos) {
		return Duration.ofNanos(System.nanoTime() - startedNanos).toMillis();
	}

}
