package org.viewerbatch.sandbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Laravel-style throttle per token: a 60-second window opens with the first request,
 * allows {@code limit} requests, and answers the rest with the seconds until it closes.
 * Denied requests do not count.
 */
final class RateLimiter {

	static final Duration WINDOW = Duration.ofSeconds(60);

	private final int limit;

	private final Clock clock;

	private final Map<String, Window> windows = new HashMap<>();

	/** A limit of 0 or less turns the throttle off. */
	RateLimiter(int limit, Clock clock) {
		this.limit = limit;
		this.clock = clock;
	}

	synchronized Outcome acquire(String token) {
		if (this.limit <= 0) {
			return new Outcome(true, 0, 0, 0);
		}
		Instant now = this.clock.instant();
		Window window = this.windows.get(token);
		if (window == null || !now.isBefore(window.end)) {
			window = new Window(now.plus(WINDOW));
			this.windows.put(token, window);
		}
		if (window.hits >= this.limit) {
			long millis = Duration.between(now, window.end).toMillis();
			long retryAfter = Math.max(1, (millis + 999) / 1000);
			return new Outcome(false, this.limit, 0, retryAfter);
		}
		window.hits++;
		return new Outcome(true, this.limit, this.limit - window.hits, 0);
	}

	synchronized void reset() {
		this.windows.clear();
	}

	/**
	 * Whether the request may go on; {@code limit} 0 means no throttle (and no headers).
	 */
	record Outcome(boolean allowed, int limit, int remaining, long retryAfterSeconds) {
	}

	private static final class Window {

		private final Instant end;

		private int hits;

		Window(Instant end) {
			this.end = end;
		}

	}

}
