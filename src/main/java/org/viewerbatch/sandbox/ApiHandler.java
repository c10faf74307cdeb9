package org.viewerbatch.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Serves {@code /api/v2/}: numbers each request, applies the fault plan and latency,
 * authenticates, rate-limits, runs the call, logs it, and answers.
 *
 * <p>
 * Injected status faults and dropped connections stand for failures in front of the
 * application (a proxy, the network): they come before authentication and the rate limit
 * and change nothing. A commit-then-500 runs the call in full and only replaces its
 * answer.
 */
final class ApiHandler implements HttpHandler {

	static final String PREFIX = "/api/v2";

	private static final Pattern VIEWER_PATH = Pattern.compile("/project-viewers/(\\d+)");

	private final ApiCalls calls;

	private final SandboxStore store;

	private final RateLimiter rateLimiter;

	private final RequestLog log;

	private final JsonBodies json;

	private final Clock clock;

	private final Duration latency;

	private final Pause pause;

	private final Supplier<FaultPlan> faultPlan;

	/**
	 * Guards request numbering together with the fault decision, so that counting rules
	 * see requests in order.
	 */
	private final Object numbering = new Object();

	private long received;

	ApiHandler(ApiCalls calls, SandboxStore store, RateLimiter rateLimiter, RequestLog log, JsonBodies json,
			Clock clock, Duration latency, Pause pause, Supplier<FaultPlan> faultPlan) {
		this.calls = calls;
		this.store = store;
		this.rateLimiter = rateLimiter;
		this.log = log;
		this.json = json;
		this.clock = clock;
		this.latency = latency;
		this.pause = pause;
		this.faultPlan = faultPlan;
	}

	long received() {
		synchronized (this.numbering) {
			return this.received;
		}
	}

	@Override
	public void handle(HttpExchange exchange) throws IOException {
		try {
			serve(exchange);
		}
		finally {
			// without a response sent, closing the exchange closes the connection: that
			// is the dropped connection
			exchange.close();
		}
	}

	private void serve(HttpExchange exchange) throws IOException {
		Instant at = this.clock.instant();
		String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
		String path = exchange.getRequestURI().getPath().substring(PREFIX.length());
		String rawQuery = exchange.getRequestURI().getRawQuery();
		Map<String, String> query = parseQuery(rawQuery);
		byte[] bytes;
		try (InputStream in = exchange.getRequestBody()) {
			bytes = in.readAllBytes();
		}
		String token = bearer(exchange.getRequestHeaders().getFirst("Authorization"));
		JsonNode body = null;
		boolean malformed = false;
		if (bytes.length > 0) {
			try {
				body = this.json.read(bytes);
			}
			catch (JacksonException ex) {
				malformed = true;
			}
		}
		Matcher viewerPath = VIEWER_PATH.matcher(path);
		Facts facts = new Facts(at, method, path, rawQuery, RequestLog.redact(token), field(body, query, "email"),
				viewerPath.lookingAt() ? number(viewerPath.group(1)) : null, number(field(body, query, "project_id")));

		long seq;
		FaultPlan.Decision decision;
		synchronized (this.numbering) {
			seq = ++this.received;
			decision = this.faultPlan.get().decide(new FaultPlan.RequestFacts(seq, method, path, facts.email()));
		}
		sleep(this.latency.plus(decision.stall()));
		if (!decision.delay().isZero()) {
			this.pause.pause(decision.delay());
		}

		Fault fault = decision.fault();
		if (fault instanceof Fault.Before before) {
			before.action().run();
		}
		if (fault instanceof Fault.DropConnection) {
			this.log.record(facts.logged(seq, null, 0, true), false);
			return;
		}
		if (fault instanceof Fault.Status injected) {
			Reply reply = new Reply(injected.code(), this.json.error(reason(injected.code())), new LinkedHashMap<>(),
					null, false);
			if (injected.retryAfter() != null) {
				reply.headers().put("Retry-After", Long.toString(seconds(injected.retryAfter())));
			}
			this.log.record(facts.logged(seq, null, reply.status(), true), false);
			send(exchange, reply);
			return;
		}
		Reply reply = answer(method, path, query, token, body, malformed);
		if (fault instanceof Fault.CommitThen500) {
			this.log.record(facts.logged(seq, reply.viewerId(), 500, true), reply.invitationSent());
			send(exchange, new Reply(500, this.json.error(reason(500)), reply.headers(), reply.viewerId(), false));
			return;
		}
		this.log.record(facts.logged(seq, reply.viewerId(), reply.status(), false), reply.invitationSent());
		send(exchange, reply);
	}

	private Reply answer(String method, String path, Map<String, String> query, String token, JsonNode body,
			boolean malformed) {
		Map<String, String> headers = new LinkedHashMap<>();
		Long viewerId = null;
		try {
			Route.Match route = Route.resolve(method, path);
			viewerId = route.viewerId();
			Seed.Token known = (token == null) ? null : this.store.token(token).orElse(null);
			if (known == null) {
				throw new ApiError(401, "Unauthenticated.");
			}
			RateLimiter.Outcome limit = this.rateLimiter.acquire(token);
			if (limit.limit() > 0) {
				headers.put("X-RateLimit-Limit", Integer.toString(limit.limit()));
				headers.put("X-RateLimit-Remaining", Integer.toString(limit.remaining()));
			}
			if (!limit.allowed()) {
				headers.put("Retry-After", Long.toString(limit.retryAfterSeconds()));
				throw new ApiError(429, "Too Many Attempts.");
			}
			if (malformed) {
				throw new ApiError(400, "The request body is not valid JSON.");
			}
			ApiResponse response = this.calls.answer(new ApiRequest(route.route(), route.viewerId(), query, body),
					known);
			return new Reply(response.status(), response.body(), headers, response.viewerId(),
					response.invitationSent());
		}
		catch (ApiError error) {
			JsonNode errorBody = error.fieldErrors().isEmpty() ? this.json.error(error.getMessage())
					: this.json.validation(error.getMessage(), error.fieldErrors());
			return new Reply(error.status(), errorBody, headers, viewerId, false);
		}
		catch (RuntimeException ex) {
			// a bug in the sandbox must be visible to the caller, not hidden behind a
			// plausible answer
			JsonNode errorBody = this.json.error(reason(500)).put("error", ex.toString());
			return new Reply(500, errorBody, headers, viewerId, false);
		}
	}

	private void send(HttpExchange exchange, Reply reply) throws IOException {
		byte[] bytes = this.json.bytes(reply.body());
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		reply.headers().forEach(exchange.getResponseHeaders()::set);
		exchange.sendResponseHeaders(reply.status(), bytes.length);
		exchange.getResponseBody().write(bytes);
	}

	/** The latency and stalls are real time, whatever the clock. */
	private static void sleep(Duration duration) {
		if (!duration.isZero()) {
			Pause.REAL.pause(duration);
		}
	}

	static Map<String, String> parseQuery(String rawQuery) {
		Map<String, String> query = new LinkedHashMap<>();
		if (rawQuery == null || rawQuery.isEmpty()) {
			return query;
		}
		for (String pair : rawQuery.split("&")) {
			int equals = pair.indexOf('=');
			String name = decode(equals < 0 ? pair : pair.substring(0, equals));
			String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
			query.putIfAbsent(name, value);
		}
		return query;
	}

	private static String decode(String text) {
		try {
			return URLDecoder.decode(text, StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			return text;
		}
	}

	private static String bearer(String authorization) {
		if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
			return null;
		}
		String token = authorization.substring(7).trim();
		return token.isEmpty() ? null : token;
	}

	private static String field(JsonNode body, Map<String, String> query, String name) {
		if (body != null && body.isObject() && body.hasNonNull(name) && body.get(name).isValueNode()) {
			return body.get(name).asString();
		}
		return query.get(name);
	}

	private static Long number(String text) {
		return (text != null && text.trim().matches("\\d{1,18}")) ? Long.valueOf(text.trim()) : null;
	}

	private static long seconds(Duration duration) {
		return Math.max(0, (duration.toMillis() + 999) / 1000);
	}

	private static String reason(int status) {
		return switch (status) {
			case 429 -> "Too Many Attempts.";
			case 500 -> "Server Error.";
			case 502 -> "Bad Gateway.";
			case 503 -> "Service Unavailable.";
			case 504 -> "Gateway Timeout.";
			default -> "HTTP " + status + ".";
		};
	}

	/** What is known about a request before it is answered. */
	private record Facts(Instant at, String method, String path, String query, String token, String email,
			Long pathViewerId, Long projectId) {

		LoggedRequest logged(long seq, Long viewerId, int status, boolean faulted) {
			return new LoggedRequest(seq, this.at, this.method, this.path, this.query, this.token, this.email,
					(viewerId != null) ? viewerId : this.pathViewerId, this.projectId, status, faulted);
		}

	}

	private record Reply(int status, JsonNode body, Map<String, String> headers, Long viewerId,
			boolean invitationSent) {
	}

}
