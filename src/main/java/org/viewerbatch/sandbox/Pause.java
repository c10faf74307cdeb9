package org.viewerbatch.sandbox;

import java.time.Duration;

/**
 * How the sandbox keeps an answer back for a {@link Fault#delay delay}: a real sleep by
 * default; a test whose clock is fake passes one that moves that clock instead, so a slow
 * answer costs no real time.
 */
@FunctionalInterface
public interface Pause {

	/** Sleeps on the thread, for real. */
	Pause REAL = (duration) -> {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	};

	/** Keeps the calling thread's answer back for that long. */
	void pause(Duration duration);

}
