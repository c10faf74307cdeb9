package org.viewerbatch.testsupport;

import java.time.Clock;
import java.time.Instant;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

import org.viewerbatch.client.Sleeper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One fake clock for a job test: give {@link #CLOCK} to the sandbox too, and the client's
 * pacing and retry sleeps advance it instead of waiting ({@link MutableClock#sleep}), so
 * a run at the real 60 requests a minute takes no real time.
 */
@TestConfiguration(proxyBeanMethods = false)
public class FakeTime {

	public static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-03-02T09:00:00Z"));

	@Bean
	@Primary
	Clock testClock() {
		return CLOCK;
	}

	/** Advances {@link #CLOCK}; a sleep for a negative time is a bug of the caller. */
	@Bean
	@Primary
	Sleeper testSleeper() {
		return (duration) -> {
			assertThat(duration.isNegative()).as("a sleep of %s", duration).isFalse();
			CLOCK.sleep(duration);
		};
	}

}
