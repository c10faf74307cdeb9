package org.viewerbatch.client;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CancellationException;

/**
 * Every thread waiting on the API (for its slot, a retry, an answer), so that a stop ends
 * those waits: a sleep at once, a wait for an answer once {@link #ANSWER_GRACE} has
 * passed (the request is then abandoned, its change left in doubt).
 * <p>
 * A waiting thread is interrupted only while it is registered here, and clears that
 * interrupt when it leaves: an interrupt of the stop never reaches other code (a write to
 * the job repository, say).
 */
final class ApiWaits {

	/**
	 * How long answers already on their way are awaited after a stop: most come within
	 * it, so fewer changes are left in doubt, and the process still ends well within the
	 * 10 s that a stop is given.
	 */
	static final Duration ANSWER_GRACE = Duration.ofSeconds(3);

	private final Sleeper sleeper;

	// guarded by this
	private final Set<Wait> waits = new HashSet<>();

	private volatile boolean stopped;

	// guarded by this: once set, no answer is awaited any more
	private boolean abandoning;

	/**
	 * @param sleeper measures the grace given to answers after a stop
	 */
	ApiWaits(Sleeper sleeper) {
		this.sleeper = sleeper;
	}

	boolean stopped() {
		return this.stopped;
	}

	/**
	 * Sleeps with {@code sleeper}, unless the run is stopping or stops meanwhile: then
	 * throws a {@link CancellationException} saying {@code what} was not done.
	 * @throws InterruptedException when something other than the stop interrupted the
	 * thread (its interrupt is left set)
	 */
	void sleep(Sleeper sleeper, Duration duration, String what) throws InterruptedException {
		Wait wait = enter(false, what);
		try {
			sleeper.sleep(duration);
		}
		catch (InterruptedException ex) {
			if (!wait.leave()) {
				throw ex;
			}
		}
		finally {
			wait.leave();
		}
		if (this.stopped) {
			throw stopping(what);
		}
	}

	/**
	 * The calling thread waits for an answer until the returned wait is closed; after a
	 * stop and its grace it is interrupted ({@link Wait#abandoned}).
	 */
	Wait awaitingAnswer(String what) {
		return enter(true, what);
	}

	/**
	 * The run is stopping: sleeps end now, and waits for an answer once the grace has
	 * passed; called once or more, from any thread.
	 */
	void stop() {
		synchronized (this) {
			if (this.stopped) {
				return;
			}
			this.stopped = true;
			this.waits.stream().filter((wait) -> !wait.forAnswer).forEach(Wait::interrupt);
		}
		Thread grace = new Thread(this::abandonAfterGrace, "stop-grace");
		grace.setDaemon(true);
		grace.start();
	}

	private void abandonAfterGrace() {
		try {
			this.sleeper.sleep(ANSWER_GRACE);
		}
		catch (InterruptedException ex) {
			// abandoned now, then
		}
		synchronized (this) {
			this.abandoning = true;
			this.waits.forEach(Wait::interrupt);
		}
	}

	private synchronized Wait enter(boolean forAnswer, String what) {
		// a request let through before the stop is still sent, unless its answer would
		// no longer be awaited
		if (forAnswer ? this.abandoning : this.stopped) {
			throw stopping(what);
		}
		Wait wait = new Wait(forAnswer);
		this.waits.add(wait);
		return wait;
	}

	private static CancellationException stopping(String what) {
		return new CancellationException("the run is stopping: " + what);
	}

	/** One thread's registered wait. */
	final class Wait implements AutoCloseable {

		private final Thread thread = Thread.currentThread();

		private final boolean forAnswer;

		// guarded by ApiWaits.this
		private boolean interrupted;

		private Wait(boolean forAnswer) {
			this.forAnswer = forAnswer;
		}

		/** Whether the stop interrupted this wait (for an answer: abandoned it). */
		boolean abandoned() {
			synchronized (ApiWaits.this) {
				return this.interrupted;
			}
		}

		private void interrupt() {
			this.interrupted = true;
			this.thread.interrupt();
		}

		@Override
		public void close() {
			leave();
		}

		/**
		 * Leaves: no interrupt of the stop comes after, and the one that came is cleared.
		 * @return whether the stop interrupted this wait
		 */
		boolean leave() {
			synchronized (ApiWaits.this) {
				if (ApiWaits.this.waits.remove(this) && this.interrupted) {
					Thread.interrupted();
				}
				return this.interrupted;
			}
		}

	}

}
