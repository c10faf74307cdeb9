package org.viewerbatch.client;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * A clock that only moves when told to, and a sleeper on it. In auto mode a sleep simply
 * moves the clock on (one thread); in manual mode a sleeping thread waits until the test
 * has advanced the clock past its wake-up time, so tests with several threads decide
 * exactly when each may go.
 */
final class ManualTime extends Clock implements Sleeper {

	private final boolean autoAdvance;

	private final List<Duration> sleeps = new ArrayList<>();

	private final Map<Object, Instant> wakeUps = new IdentityHashMap<>();

	private Instant now;

	private ManualTime(Instant start, boolean autoAdvance) {
		this.now = start;
		this.autoAdvance = autoAdvance;
	}

	static ManualTime auto(Instant start) {
		return new ManualTime(start, true);
	}

	static ManualTime manual(Instant start) {
		return new ManualTime(start, false);
	}

	@Override
	public synchronized Instant instant() {
		return this.now;
	}

	synchronized void advance(Duration duration) {
		this.now = this.now.plus(duration);
		// release the due sleepers before anyone can observe the new time, so "how many
		// still sleep" is exact
		this.wakeUps.values().removeIf(wakeUp -> !wakeUp.isAfter(this.now));
		notifyAll();
	}

	@Override
	public void sleep(Duration duration) throws InterruptedException {
		synchronized (this) {
			this.sleeps.add(duration);
			if (this.autoAdvance) {
				advance(duration);
				return;
			}
			Instant wakeUp = this.now.plus(duration);
			if (!wakeUp.isAfter(this.now)) {
				return;
			}
			Object me = new Object();
			this.wakeUps.put(me, wakeUp);
			try {
				while (this.wakeUps.containsKey(me)) {
					wait();
				}
			}
			finally {
				this.wakeUps.remove(me);
			}
		}
	}

	/** Threads currently sleeping (manual mode). */
	synchronized int sleeping() {
		return this.wakeUps.size();
	}

	synchronized List<Duration> sleeps() {
		return List.copyOf(this.sleeps);
	}

	synchronized Duration totalSlept() {
		return this.sleeps.stream().reduce(Duration.ZERO, Duration::plus);
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		throw new UnsupportedOperationException("a manual clock stays in UTC");
	}

}
