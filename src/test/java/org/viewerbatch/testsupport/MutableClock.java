package org.viewerbatch.testsupport;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that stands still until a test moves it; thread-safe, so the code under test
 * may read it from any thread.
 */
public final class MutableClock extends Clock {

	private final AtomicReference<Instant> now;

	private final ZoneId zone;

	public MutableClock(Instant start) {
		this(new AtomicReference<>(start), ZoneOffset.UTC);
	}

	private MutableClock(AtomicReference<Instant> now, ZoneId zone) {
		this.now = now;
		this.zone = zone;
	}

	/** Moves the clock forward (or back, with a negative duration). */
	public void advance(Duration duration) {
		this.now.updateAndGet((instant) -> instant.plus(duration));
	}

	/**
	 * A thread sleeps this long from now: the clock moves to the end of that sleep,
	 * unless a thread sleeping meanwhile has moved it further. Threads that sleep at once
	 * sleep side by side, as they do on a real clock, instead of one after the other.
	 */
	public void sleep(Duration duration) {
		Instant end = instant().plus(duration);
		this.now.updateAndGet((instant) -> instant.isAfter(end) ? instant : end);
	}

	public void set(Instant instant) {
		this.now.set(instant);
	}

	@Override
	public Instant instant() {
		return this.now.get();
	}

	@Override
	public ZoneId getZone() {
		return this.zone;
	}

	/** A view in another zone that shares this clock's time. */
	@Override
	public Clock withZone(ZoneId zone) {
		return new MutableClock(this.now, zone);
	}

	@Override
	public String toString() {
		return "MutableClock[" + instant() + "]";
	}

}
