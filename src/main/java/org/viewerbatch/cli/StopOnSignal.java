package org.viewerbatch.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntConsumer;

import sun.misc.Signal;
import sun.misc.SignalHandler;

import org.viewerbatch.runs.StopRequest;

/**
 * While a job runs, the first SIGTERM or SIGINT asks it to stop (and prints nothing yet):
 * the process ends within seconds, whatever the API is doing ({@link StopRequest}); a
 * second one ends it at once.
 * <p>
 * Handled here rather than in a shutdown hook: after a hook the JVM exits with 143 or 130
 * whatever the hook does, and a stopped run exits with 1 like any run that ended
 * part-way.
 */
final class StopOnSignal implements AutoCloseable {

	private static final List<String> SIGNALS = List.of("TERM", "INT");

	private final StopRequest stop;

	private final AtomicBoolean received = new AtomicBoolean();

	private final Map<Signal, SignalHandler> previous = new LinkedHashMap<>();

	private final IntConsumer halt;

	/**
	 * @param halt ends the process with the exit code given, at once
	 */
	StopOnSignal(StopRequest stop, IntConsumer halt) {
		this.stop = stop;
		this.halt = halt;
	}

	/** Handles SIGTERM and SIGINT until closed. */
	static StopOnSignal install(StopRequest stop) {
		StopOnSignal handler = new StopOnSignal(stop, Runtime.getRuntime()::halt);
		for (String name : SIGNALS) {
			Signal signal = new Signal(name);
			try {
				handler.previous.put(signal, Signal.handle(signal, handler::handle));
			}
			catch (IllegalArgumentException ex) {
				// the JVM keeps this signal (e.g. -Xrs): its default behaviour stays
			}
		}
		return handler;
	}

	void handle(Signal signal) {
		if (this.received.compareAndSet(false, true)) {
			this.stop.request("SIG" + signal.getName());
		}
		else {
			// the user insists: no waiting for requests in flight, no clean-up
			this.halt.accept(128 + signal.getNumber());
		}
	}

	/** Puts back the handlers that were there before. */
	@Override
	public void close() {
		this.previous.forEach(Signal::handle);
		this.previous.clear();
	}

}
