package org.viewerbatch.client;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CancellationException;

/**
 * The one rate limiter of the process, shared by every thread that calls the API: it
 * spaces requests evenly at the configured rate (no burst, not even after a pause) and,
 * after a 429, holds every caller until its Retry-After has passed.
 * <p>
 * Slots lie on a grid: a caller that wakes a little late (a sleep overshoots) does not
 * push every later slot back, so a long run keeps the rate instead of drifting below it;
 * a caller that comes more than half an interval late (an idle pause, a hold) starts a
 * new grid from now, so nothing is ever caught up in a burst.
 * <p>
 * It also knows every thread waiting on the API ({@link ApiWaits}): {@link #stop} ends
 * their waits.
 */
public final class RequestPacer {

	private static final Duration MINUTE = Duration.ofMinutes(1);

	/**
	 * Requests a minute left unused by {@link #forServerLimit}: requests leave on time
	 * but arrive with network jitter, and a pace of exactly the limit lets jitter put one
	 * request too many in the server's window (seen at 60/min). At higher rates jitter
	 * moves more requests across the window's edge, so the room is also at least
	 * {@link #MIN_HEADROOM} of the limit, and never more than {@link #MAX_HEADROOM}.
	 */
	static final double HEADROOM_REQUESTS = 1.2;

	static final double MIN_HEADROOM = 0.002;

	static final double MAX_HEADROOM = 0.02;

	private final Clock clock;

	private final Sleeper sleeper;

	// guarded by this
	private Duration interval;

	// guarded by this: the earliest instant the next request may be sent
	private Instant nextSlot;

	// guarded by this: nobody sends before this instant (after a 429)
	private Instant holdUntil;

	// guarded by this: when the last request went
	private Instant lastSent;

	private long requestsSent;

	// once stopped, nobody is let through again
	private final ApiWaits waits;

	private long rateLimitedCount;

	// the run's timeline, once one has started
	private volatile RequestTimeline timeline;

	public RequestPacer(int requestsPerMinute, Clock clock, Sleeper sleeper) {
		if (requestsPerMinute < 1) {
			throw new IllegalArgumentException(
					"the rate limit must be at least 1 request per minute, not " + requestsPerMinute);
		}
		this.clock = clock;
		this.sleeper = sleeper;
		this.waits = new ApiWaits(sleeper);
		this.interval = MINUTE.dividedBy(requestsPerMinute);
		this.nextSlot = Instant.MIN;
		this.holdUntil = Instant.MIN;
		this.lastSent = Instant.MIN;
	}

	/**
	 * A pacer for a server that allows {@code serverLimit} requests a minute, paced a
	 * little below it (see {@link #headroom}).
	 */
	public static RequestPacer forServerLimit(int serverLimit, Clock clock, Sleeper sleeper) {
		RequestPacer pacer = new RequestPacer(serverLimit, clock, sleeper);
		pacer.interval = pacer.interval
			.plus(Duration.ofNanos(Math.round(pacer.interval.toNanos() * headroom(serverLimit))));
		return pacer;
	}

	/**
	 * The share of the server's limit left unused: 2 % (1.2 requests) at 60 a minute, 0.2
	 * % (12 requests, 120 ms of arrivals) at 6,000.
	 */
	static double headroom(int serverLimit) {
		return Math.min(MAX_HEADROOM, Math.max(MIN_HEADROOM, HEADROOM_REQUESTS / serverLimit));
	}

	/**
	 * Blocks until this caller may send one request. The slot is taken when the caller
	 * actually goes, so a hold set by a 429 while it waits applies to it too.
	 * Interruption ends the wait with a {@link CancellationException}, and so does
	 * {@link #stop}, at once.
	 */
	public void acquire() {
		while (true) {
			if (this.waits.stopped()) {
				throw new CancellationException("the run is stopping: no new request is sent");
			}
			Duration wait;
			synchronized (this) {
				Instant now = this.clock.instant();
				Instant earliest = later(this.nextSlot, this.holdUntil);
				if (!now.isBefore(earliest)) {
					// a slightly late wake-up keeps the grid; a late one restarts it from
					// now (never a catch-up burst)
					Instant slot = earliest.isBefore(now.minus(this.interval.dividedBy(2))) ? now : earliest;
					this.nextSlot = slot.plus(this.interval);
					this.lastSent = now;
					this.requestsSent++;
					RequestTimeline run = this.timeline;
					if (run != null) {
						run.sent(now);
					}
					return;
				}
				wait = Duration.between(now, earliest);
			}
			try {
				this.waits.sleep(this.sleeper, wait, "no new request is sent");
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new CancellationException("interrupted while waiting for the API rate limit");
			}
		}
	}

	/**
	 * Lets no request through any more (the run is stopping): callers waiting for a slot,
	 * a hold or a retry give up at once, later ones too; requests already let through
	 * have {@link ApiWaits#ANSWER_GRACE} for their answer, then are abandoned.
	 */
	public void stop() {
		this.waits.stop();
	}

	ApiWaits waits() {
		return this.waits;
	}

	/** A 429 was received: nobody sends before now + retryAfter. */
	public synchronized void rateLimited(Duration retryAfter) {
		this.rateLimitedCount++;
		RequestTimeline run = this.timeline;
		if (run != null) {
			run.rateLimited(this.clock.instant());
		}
		hold(retryAfter);
	}

	/**
	 * A request failed in a way that is retried (5xx, 429, no answer): by the client, or
	 * by the writer after a look-up.
	 */
	void failedTransiently() {
		RequestTimeline run = this.timeline;
		if (run != null) {
			run.retried(this.clock.instant());
		}
	}

	/**
	 * Counts the requests, 429s and retried failures from now on, by the minute, for the
	 * run that starts now.
	 */
	public RequestTimeline startTimeline() {
		RequestTimeline started = new RequestTimeline(this.clock.instant());
		this.timeline = started;
		return started;
	}

	/**
	 * Nobody sends before now + duration (e.g. a 503 with Retry-After); not counted as a
	 * 429.
	 */
	synchronized void hold(Duration duration) {
		Instant until = this.clock.instant().plus(duration);
		this.holdUntil = later(this.holdUntil, until);
	}

	/**
	 * What the server said of its budget ({@code X-RateLimit-Remaining}/{@code -Limit}).
	 * A server limit lower than ours slows the pace down to it (never up); with nothing
	 * left, the next request waits one full interval from now, which absorbs the network
	 * delay that would otherwise put it on the edge of the server's window.
	 */
	public synchronized void remaining(int remaining, int limit) {
		if (limit > 0) {
			Duration serverInterval = MINUTE.dividedBy(limit);
			if (serverInterval.compareTo(this.interval) > 0) {
				this.interval = serverInterval;
				// the slot already promised at the old pace is moved too
				this.nextSlot = later(this.nextSlot, this.lastSent.plus(this.interval));
			}
		}
		if (remaining <= 0) {
			this.nextSlot = later(this.nextSlot, this.clock.instant().plus(this.interval));
		}
	}

	/** Requests let through so far. */
	public synchronized long requestsSent() {
		return this.requestsSent;
	}

	/** 429 answers reported so far. */
	public synchronized long rateLimitedCount() {
		return this.rateLimitedCount;
	}

	/** The spacing currently applied between two requests. */
	synchronized Duration interval() {
		return this.interval;
	}

	Clock clock() {
		return this.clock;
	}

	private static Instant later(Instant a, Instant b) {
		return a.isAfter(b) ? a : b;
	}

}
