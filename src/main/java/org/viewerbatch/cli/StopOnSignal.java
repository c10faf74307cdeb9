package org.viewerbatch.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntConsumer;

import sun.misc.Signal;

import org.viewerbatch.runs.StopRequest;

/**
 * While a job runs, the first SIGTERM, SIGINT or SIGHUP (a closed terminal or ssh
 * session) asks it to stop (and prints nothing yet): the process ends within seconds,
 * whatever the API is doing ({@link StopRequest}). A second one ends it at once, exit 1,
 * with one line on stderr, after recording the run as ended (for at most
 * {@link #RECORD_LIMIT}) so that {@code jobs} does not show it running.
 * <p>
 * Handled here rather than in a shutdown hook: after a hook the JVM exits with 143 or 130
 * whatever the hook does, and a stopped run exits with 1 like any run that ended
 * part-way.
 */
final class StopOnSignal implements AutoCloseable {

	private static final List<String> SIGNALS = List.of("TERM", "INT", "HUP");

	/** How long a second signal waits for the run to be recorded as ended. */
	static final Duration RECORD_LIMIT = Duration.ofSeconds(3);

	private final StopRequest stop;

	private final AtomicBoolean received = new AtomicBoolean();

	private volatile boolean closed;

	private final PrintWriter err;

	private final Runnable recordEnded;

	private final IntConsumer halt;

	/**
	 * @param err where the second signal's line goes
	 * @param recordEnded records the run as ended in the job repository (run once, on a
	 * second signal, for at most {@link #RECORD_LIMIT})
	 * @param halt ends the process with the exit code given, at once
	 */
	StopOnSignal(StopRequest stop, PrintWriter err, Runnable recordEnded, IntConsumer halt) {
		this.stop = stop;
		this.err = err;
		this.recordEnded = recordEnded;
		this.halt = halt;
	}

	/** Handles SIGTERM, SIGINT and SIGHUP, from now until the process ends. */
	static StopOnSignal install(StopRequest stop, PrintWriter err, Runnable recordEnded) {
		StopOnSignal handler = new StopOnSignal(stop, err, recordEnded, Runtime.getRuntime()::halt);
		for (String name : SIGNALS) {
			Signal signal = new Signal(name);
			try {
				Signal.handle(signal, handler::handle);
			}
			catch (IllegalArgumentException ex) {
				// the JVM keeps this signal (e.g. -Xrs): its default behaviour stays
			}
		}
		return handler;
	}

	void handle(Signal signal) {
		if (this.closed) {
			// the run is over and recorded; the process only has its last lines to print
			this.halt.accept(ExitCodes.FAILED);
			return;
		}
		if (this.received.compareAndSet(false, true)) {
			this.stop.request("SIG" + signal.getName());
			return;
		}
		// the user insists: no waiting for requests in flight
		boolean recorded = recordEnded();
		this.err.println("viewer-batch: SIG" + signal.getName() + " again: ended at once"
				+ (recorded ? ", the run recorded as failed" : ", the run not recorded as ended (the next run does it)")
				+ "; a change in flight is looked up when the same command runs again");
		this.err.flush();
		this.halt.accept(ExitCodes.FAILED);
	}

	private boolean recordEnded() {
		Thread recording = new Thread(this.recordEnded, "record-ended");
		recording.setDaemon(true);
		recording.start();
		try {
			recording.join(RECORD_LIMIT.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		return !recording.isAlive();
	}

	/**
	 * The run is over: a signal from now on ends the process at once with exit 1 (the run
	 * is recorded already), instead of the JVM's 143 or 130.
	 */
	@Override
	public void close() {
		this.closed = true;
	}

}
