package org.viewerbatch.client;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Waits for a while; injected so that tests move a fake clock instead of really waiting.
 */
@FunctionalInterface
public interface Sleeper {

	/** Really sleeps (nothing for a zero or negative duration). */
	Sleeper SYSTEM = duration -> TimeUnit.NANOSECONDS.sleep(duration.toNanos());

	void sleep(Duration duration) throws InterruptedException;

}
