package org.viewerbatch.client;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpMethod;
import org.springframework.web.client.RestClient;

/**
 * The WebWork Tracker API (project viewers, projects, workspaces) over Spring's
 * {@code RestClient} on the JDK {@code HttpClient}. Every request goes through the shared
 * {@link RequestPacer}. Transient failures are retried here with exponential backoff,
 * except for {@link #createViewer}, which is sent exactly once.
 */
public final class WebWorkClient {

	static final int PER_PAGE = 100;

	private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

	private static final String VIEWERS = "project-viewers";

	private static final Logger logger = LoggerFactory.getLogger(WebWorkClient.class);

	/** Where pages are read ahead; daemon threads, which never keep the process alive. */
	private static final Executor READ_AHEAD = Executors.newCachedThreadPool((task) -> {
		Thread thread = new Thread(task, "viewer-batch-pages");
		thread.setDaemon(true);
		return thread;
	});

	private final ApiExchange exchange;

	private final ApiProperties settings;

	private final RequestPacer pacer;

	private final Sleeper sleeper;

	/** What the last retry was for, for the progress line of a run that waits. */
	private volatile String lastRetry;

	private final AtomicLong changesSent = new AtomicLong();

	private final AtomicLong invitations = new AtomicLong();

	private final AtomicLong unanswered = new AtomicLong();

	public WebWorkClient(RestClient.Builder builder, ApiProperties settings, RequestPacer pacer, Sleeper sleeper) {
		this.exchange = new ApiExchange(builder, settings, pacer);
		this.settings = settings;
		this.pacer = pacer;
		this.sleeper = sleeper;
	}

	/**
	 * All viewers of the workspace (archived ones too when the API lists them), read
	 * lazily in pages of 100, one page at a time: a reader that stops early costs no more
	 * pages.
	 */
	public Stream<Viewer> viewers(long workspaceId) {
		return pages(OutgoingRequest.get(VIEWERS, Map.of("workspace_id", workspaceId)), Viewer::fromJson, Viewer::id);
	}

	/**
	 * All viewers of the workspace, read in pages of 100 with as many pages ahead as
	 * requests may be in flight (each still paced): for a snapshot, which needs them all
	 * before it can start.
	 */
	public List<Viewer> allViewers(long workspaceId) {
		OutgoingRequest call = OutgoingRequest.get(VIEWERS, Map.of("workspace_id", workspaceId));
		return Pages
			.stream((page) -> page(call, page), item -> parsed(call, 200, () -> Viewer.fromJson(item)), Viewer::id,
					PER_PAGE, this.settings.concurrency(), READ_AHEAD)
			.toList();
	}

	/**
	 * The viewer with exactly this email (compared trimmed and case-insensitively), if
	 * the API lists one.
	 */
	public Optional<Viewer> findViewerByEmail(long workspaceId, String email) {
		String wanted = email.trim().toLowerCase(Locale.ROOT);
		Map<String, Object> query = new LinkedHashMap<>();
		query.put("workspace_id", workspaceId);
		query.put("email", email.trim());
		// the filter is not trusted to be exact: a server that ignores it or matches
		// loosely is read on until a match
		return pages(OutgoingRequest.get(VIEWERS, query), Viewer::fromJson, Viewer::id)
			.filter(viewer -> viewer.email() != null && viewer.email().trim().toLowerCase(Locale.ROOT).equals(wanted))
			.findFirst();
	}

	/** One viewer by id. */
	public Viewer viewer(long workspaceId, long viewerId) {
		OutgoingRequest call = OutgoingRequest.get(VIEWERS + "/" + viewerId, Map.of("workspace_id", workspaceId));
		return withRetries(call,
				answer -> readViewer(call, answer).orElseThrow(() -> new RejectedApiException(call.describe(),
						answer.status(), "the answer carries no viewer", Map.of())));
	}

	/**
	 * Creates a viewer, which sends an invitation email. Sent exactly once, never retried
	 * here: a create that failed transiently may still have happened, so the caller must
	 * look the email up ({@link #findViewerByEmail}) before creating again.
	 */
	public Viewer createViewer(long workspaceId, NewViewer viewer) {
		return createViewer(workspaceId, viewer, ApiExchange.NOTHING);
	}

	/**
	 * Creates a viewer as {@link #createViewer(long, NewViewer)} does, running
	 * {@code whenPaced} once the request has its slot under the rate limit, just before
	 * it leaves (to record that it is being sent, while it waits for its slot anyway).
	 */
	public Viewer createViewer(long workspaceId, NewViewer viewer, Runnable whenPaced) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("workspace_id", workspaceId);
		body.put("email", viewer.email());
		body.put("firstname", viewer.firstname());
		body.put("lastname", viewer.lastname());
		OutgoingRequest call = OutgoingRequest.withBody(HttpMethod.POST, VIEWERS, body);
		Envelope answer;
		try {
			answer = this.exchange.send(call, counted(whenPaced));
		}
		catch (AbandonedRequestException ex) {
			this.unanswered.incrementAndGet();
			throw ex;
		}
		// only a 2xx gets here: the create happened
		this.invitations.incrementAndGet();
		// a 2xx without a readable viewer still means the create happened: find out which
		// id it got
		Optional<Viewer> created = answer.isJson() ? readViewer(call, answer) : Optional.empty();
		if (created.isPresent()) {
			Viewer sent = created.get();
			// some variants answer with a sparse object: what we sent fills the gaps
			return new Viewer(sent.id(), (sent.email() != null) ? sent.email() : viewer.email(),
					(sent.firstname() != null) ? sent.firstname() : viewer.firstname(),
					(sent.lastname() != null) ? sent.lastname() : viewer.lastname(), sent.status(), sent.memberSince(),
					sent.projects());
		}
		return findViewerByEmail(workspaceId, viewer.email())
			.orElseThrow(() -> new RejectedApiException(call.describe(), answer.status(),
					"the API accepted the viewer but returned no id, and the email is not in the list", Map.of()));
	}

	/** Archives (soft-deletes) a viewer. */
	public void deleteViewer(long workspaceId, long viewerId) {
		deleteViewer(workspaceId, viewerId, ApiExchange.NOTHING);
	}

	/** Archives a viewer, running {@code whenPaced} before the first attempt leaves. */
	public void deleteViewer(long workspaceId, long viewerId, Runnable whenPaced) {
		write(HttpMethod.DELETE, VIEWERS + "/" + viewerId, workspaceId, null, whenPaced);
	}

	/** Restores an archived viewer. */
	public void restoreViewer(long workspaceId, long viewerId) {
		restoreViewer(workspaceId, viewerId, ApiExchange.NOTHING);
	}

	/** Restores a viewer, running {@code whenPaced} before the first attempt leaves. */
	public void restoreViewer(long workspaceId, long viewerId, Runnable whenPaced) {
		write(HttpMethod.POST, VIEWERS + "/" + viewerId + "/restore", workspaceId, null, whenPaced);
	}

	/** Gives a viewer access to a project. */
	public void assignProject(long workspaceId, long viewerId, long projectId) {
		assignProject(workspaceId, viewerId, projectId, ApiExchange.NOTHING);
	}

	/** Gives access, running {@code whenPaced} before the first attempt leaves. */
	public void assignProject(long workspaceId, long viewerId, long projectId, Runnable whenPaced) {
		write(HttpMethod.POST, VIEWERS + "/" + viewerId + "/assign-project", workspaceId, projectId, whenPaced);
	}

	/** Takes a project away from a viewer. */
	public void unassignProject(long workspaceId, long viewerId, long projectId) {
		unassignProject(workspaceId, viewerId, projectId, ApiExchange.NOTHING);
	}

	/** Takes access away, running {@code whenPaced} before the first attempt leaves. */
	public void unassignProject(long workspaceId, long viewerId, long projectId, Runnable whenPaced) {
		write(HttpMethod.DELETE, VIEWERS + "/" + viewerId + "/unassign-project", workspaceId, projectId, whenPaced);
	}

	/** The projects of the workspace, read lazily in pages of 100. */
	public Stream<Project> projects(long workspaceId) {
		return pages(OutgoingRequest.get("projects", Map.of("workspace_id", workspaceId)), Project::fromJson,
				Project::id);
	}

	/** The workspaces of the token's user, read lazily in pages of 100. */
	public Stream<Workspace> workspaces() {
		return pages(OutgoingRequest.get("workspaces", Map.of()), Workspace::fromJson, Workspace::id);
	}

	/**
	 * The last failure that is being retried ({@code 503 … from POST …; retry 2 of 5}),
	 * if any.
	 */
	public Optional<String> lastRetry() {
		return Optional.ofNullable(this.lastRetry);
	}

	/** Requests sent by this process so far (all clients share the pacer). */
	public long requestsSent() {
		return this.pacer.requestsSent();
	}

	/** The changes this client has sent so far. */
	public WritesSent writesSent() {
		return new WritesSent(this.changesSent.get(), this.invitations.get(), this.unanswered.get());
	}

	private void write(HttpMethod method, String path, long workspaceId, Long projectId, Runnable whenPaced) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("workspace_id", workspaceId);
		if (projectId != null) {
			body.put("project_id", projectId);
		}
		try {
			// the answer's data (null, {} or an object) is not needed
			withRetries(OutgoingRequest.withBody(method, path, body), Function.identity(), counted(whenPaced));
		}
		catch (AbandonedRequestException ex) {
			this.unanswered.incrementAndGet();
			throw ex;
		}
	}

	/** Counts the change as sent once its request has its slot and leaves. */
	private Runnable counted(Runnable whenPaced) {
		return () -> {
			whenPaced.run();
			this.changesSent.incrementAndGet();
		};
	}

	private <T> Stream<T> pages(OutgoingRequest call, Function<JsonNode, T> parse, ToLongFunction<T> id) {
		return Pages.stream((page) -> page(call, page), item -> parsed(call, 200, () -> parse.apply(item)), id,
				PER_PAGE);
	}

	private Pages.Page page(OutgoingRequest call, int page) {
		OutgoingRequest paged = call.page(page, PER_PAGE);
		Envelope answer = withRetries(paged, sent -> requireJson(paged, sent));
		return new Pages.Page(parsed(paged, answer.status(), answer::items), answer.lastPage());
	}

	private Optional<Viewer> readViewer(OutgoingRequest call, Envelope answer) {
		JsonNode data = requireJson(call, answer).data();
		if (!data.isObject() || data.get("id") == null || data.get("id").isNull()) {
			return Optional.empty();
		}
		return Optional.of(parsed(call, answer.status(), () -> Viewer.fromJson(data)));
	}

	private Envelope requireJson(OutgoingRequest call, Envelope answer) {
		if (!answer.isJson()) {
			String text = answer.text().isBlank() ? "an empty body" : JsonValues.abbreviate(answer.text());
			throw new RejectedApiException(call.describe(), answer.status(),
					this.exchange.redact("the answer is not JSON (is the API URL right?): " + text), Map.of());
		}
		return answer;
	}

	private <T> T parsed(OutgoingRequest call, int status, Supplier<T> parse) {
		try {
			return parse.get();
		}
		catch (IllegalArgumentException ex) {
			throw new RejectedApiException(call.describe(), status,
					this.exchange.redact("unexpected answer: " + ex.getMessage()), Map.of());
		}
	}

	private <T> T withRetries(OutgoingRequest call, Function<Envelope, T> onSuccess) {
		return withRetries(call, onSuccess, ApiExchange.NOTHING);
	}

	/** {@code whenPaced} runs before the first attempt only: a retry is the same call. */
	private <T> T withRetries(OutgoingRequest call, Function<Envelope, T> onSuccess, Runnable whenPaced) {
		int retry = 0;
		while (true) {
			try {
				T answer = onSuccess.apply(this.exchange.send(call, (retry == 0) ? whenPaced : ApiExchange.NOTHING));
				if (retry > 0) {
					this.lastRetry = null;
				}
				return answer;
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
				this.lastRetry = ex.getMessage() + "; retry " + retry + " of " + this.settings.maxRetries();
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
			// a stop ends the pause at once
			this.pacer.waits().sleep(this.sleeper, wait, failure.request() + " is not retried");
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			CancellationException cancelled = new CancellationException(
					"interrupted while waiting to retry " + failure.request());
			cancelled.initCause(failure);
			throw cancelled;
		}
	}

}
