package org.viewerbatch.sandbox;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Every API request the sandbox answered (or dropped), with the counters tests and
 * black-box runs check.
 */
public final class RequestLog {

	private static final Pattern ID_SEGMENT = Pattern.compile("/\\d+(?=/|$)");

	private final List<LoggedRequest> requests = new ArrayList<>();

	/** Committed creates per lower-case email: an invitation email went out for each. */
	private final Map<String, Long> invitations = new HashMap<>();

	/** All requests, in request-number order. */
	public synchronized List<LoggedRequest> all() {
		List<LoggedRequest> copy = new ArrayList<>(this.requests);
		copy.sort(Comparator.comparingLong(LoggedRequest::seq));
		return copy;
	}

	/**
	 * Requests whose method equals {@code method} and whose whole path (relative to
	 * /api/v2) matches {@code pathRegex}.
	 */
	public synchronized long count(String method, String pathRegex) {
		Pattern path = Pattern.compile(pathRegex);
		return this.requests.stream()
			.filter((r) -> r.method().equalsIgnoreCase(method) && path.matcher(r.path()).matches())
			.count();
	}

	/** All non-GET requests. */
	public synchronized long writes() {
		return this.requests.stream().filter((r) -> !r.method().equals("GET")).count();
	}

	/**
	 * Creates that committed for that email (case-insensitive), including those answered
	 * with an injected 500.
	 */
	public synchronized long invitationsSent(String email) {
		return this.invitations.getOrDefault(email.toLowerCase(Locale.ROOT), 0L);
	}

	/** All committed creates. */
	public synchronized long invitationsSent() {
		return this.invitations.values().stream().mapToLong(Long::longValue).sum();
	}

	/** 429s answered by the rate limiter (injected 429s are not counted). */
	public synchronized long rateLimited() {
		return this.requests.stream().filter((r) -> r.status() == 429 && !r.faulted()).count();
	}

	public synchronized void clear() {
		this.requests.clear();
		this.invitations.clear();
	}

	synchronized void record(LoggedRequest request, boolean invitationSent) {
		this.requests.add(request);
		if (invitationSent) {
			this.invitations.merge(request.email().toLowerCase(Locale.ROOT), 1L, Long::sum);
		}
	}

	/**
	 * Counts for {@code /__sandbox/stats}: per endpoint (ids shown as {id}), per email,
	 * invitations, 429s.
	 */
	synchronized Stats stats() {
		Map<String, Long> endpoints = new TreeMap<>();
		Map<String, Long> emails = new TreeMap<>();
		long faulted = 0;
		for (LoggedRequest request : this.requests) {
			endpoints.merge(request.method() + " " + ID_SEGMENT.matcher(request.path()).replaceAll("/{id}"), 1L,
					Long::sum);
			if (request.email() != null) {
				emails.merge(request.email().toLowerCase(Locale.ROOT), 1L, Long::sum);
			}
			if (request.faulted()) {
				faulted++;
			}
		}
		return new Stats(this.requests.size(), endpoints, emails, new TreeMap<>(this.invitations), invitationsSent(),
				rateLimited(), faulted);
	}

	/**
	 * A token shortened to its first four characters, or only the ellipsis when it is too
	 * short to hide anything.
	 */
	static String redact(String token) {
		if (token == null) {
			return null;
		}
		return token.length() >= 12 ? token.substring(0, 4) + "…" : "…";
	}

	record Stats(long requests, Map<String, Long> byEndpoint, Map<String, Long> byEmail,
			Map<String, Long> invitationsByEmail, long invitations, long rateLimited, long faulted) {
	}

}
