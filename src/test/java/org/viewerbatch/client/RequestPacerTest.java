package org.viewerbatch.client;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RequestPacerTest {

	private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

	@Test
	void spacesRequestsEvenlyAtTheRate() {
		ManualTime time = ManualTime.auto(T0);
		RequestPacer pacer = new RequestPacer(60, time, time);
		List<Instant> sent = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			pacer.acquire();
			sent.add(time.instant());
		}
		assertThat(sent).containsExactly(T0, T0.plusSeconds(1), T0.plusSeconds(2), T0.plusSeconds(3));
		assertThat(pacer.requestsSent()).isEqualTo(4);
	}

	@Test
	void spacingFollowsTheConfiguredRate() {
		ManualTime time = ManualTime.auto(T0);
		RequestPacer pacer = new RequestPacer(120, time, time);
		pacer.acquire();
		pacer.acquire();
		pacer.acquire();
		assertThat(time.instant()).isEqualTo(T0.plusSeconds(1));
	}

	@Test
	void doesNotBurstAfterAnIdlePause() {
		ManualTime time = ManualTime.auto(T0);
		RequestPacer pacer = new RequestPacer(60, time, time);
		pacer.acquire();
		time.advance(Duration.ofSeconds(30));
		pacer.acquire();
		Instant afterPause = time.instant();
		pacer.acquire();
		assertThat(afterPause).isEqualTo(T0.plusSeconds(30));
		assertThat(time.instant()).isEqualTo(T0.plusSeconds(31));
	}

	@Test
	void aRateLimitedAnswerHoldsUntilRetryAfterHasPassed() {
		ManualTime time = ManualTime.auto(T0);
		RequestPacer pacer = new RequestPacer(60, time, time);
		pacer.acquire();
		pacer.rateLimited(Duration.ofSeconds(20));
		pacer.acquire();
		assertThat(time.instant()).isEqualTo(T0.plusSeconds(20));
		pacer.acquire();
		assertThat(time.instant()).as("no burst after the hold either").isEqualTo(T0.plusSeconds(21));
		assertThat(pacer.rateLimitedCount()).isEqualTo(1);
	}

	@Test
	void aShorterRetryAfterDoesNotShortenAHold() {
		ManualTime time = ManualTime.auto(T0);
		RequestPacer pacer = new RequestPacer(60, time, time);
		pacer.rateLimited(Duration.ofSeconds(20));
		pacer.rateLimited(Duration.ofSeconds(5));
		pacer.acquire();
		assertThat(time.instant()).isEqualTo(T0.plusSeconds(20));
		assertThat(pacer.rateLimitedCount()).isEqualTo(2);
	}

	@Test
	void aRateLimitedAnswerHoldsEveryWaitingThread() throws Exception {
		ManualTime time = ManualTime.manual(T0);
		RequestPacer pacer = new RequestPacer(60, time, time);
		pacer.acquire();
		pacer.rateLimited(Duration.ofSeconds(30));
		List<Instant> sent = Collections.synchronizedList(new ArrayList<>());
		ExecutorService threads = Executors.newFixedThreadPool(3);
		try {
			List<Future<?>> callers = new ArrayList<>();
			for (int i = 0; i < 3; i++) {
				callers.add(threads.submit(() -> {
					pacer.acquire();
					sent.add(time.instant());
				}));
			}
			awaitQuiet(time, sent, 3);
			assertThat(time.sleeping()).isEqualTo(3);
			time.advance(Duration.ofSeconds(29));
			awaitQuiet(time, sent, 3);
			assertThat(sent).as("nobody goes before Retry-After has passed").isEmpty();
			for (int second = 0; second < 3; second++) {
				time.advance(Duration.ofSeconds(1));
				awaitQuiet(time, sent, 3);
			}
			for (Future<?> caller : callers) {
				caller.get(5, TimeUnit.SECONDS);
			}
			assertThat(sent).containsExactly(T0.plusSeconds(30), T0.plusSeconds(31), T0.plusSeconds(32));
			assertThat(pacer.requestsSent()).isEqualTo(4);
		}
		finally {
			threads.shutdownNow();
		}
	}

	@Test
	void aServerLimitBelowOursSlowsThePaceDown() {
		ManualTime time = ManualTime.auto(T0);
		RequestPacer pacer = new RequestPacer(60, time, time);
		pacer.acquire();
		pacer.remaining(10, 30);
		pacer.acquire();
		assertThat(time.instant()).as("the slot promised at our pace moves too").isEqualTo(T0.plusSeconds(2));
		pacer.acquire();
		assertThat(time.instant()).isEqualTo(T0.plusSeconds(4));
	}

	@Test
	void aServerLimitAboveOursNeverSpeedsUp() {
		ManualTime time = ManualTime.auto(T0);
		RequestPacer pacer = new RequestPacer(60, time, time);
		pacer.remaining(500, 600);
		pacer.acquire();
		pacer.acquire();
		assertThat(time.instant()).isEqualTo(T0.plusSeconds(1));
		assertThat(pacer.interval()).isEqualTo(Duration.ofSeconds(1));
	}

	@Test
	void nothingRemainingWaitsAFullIntervalFromTheAnswer() {
		ManualTime time = ManualTime.auto(T0);
		RequestPacer pacer = new RequestPacer(60, time, time);
		pacer.acquire();
		time.advance(Duration.ofMillis(300));
		pacer.remaining(0, 60);
		pacer.acquire();
		assertThat(time.instant()).isEqualTo(T0.plusMillis(1300));
	}

	@Test
	void lateWakeUpsDoNotAddUp() {
		// every sleep overshoots by 2 ms: spaced from the send time, 101 requests at 10
		// ms would take 1.2 s, not 1 s
		org.viewerbatch.testsupport.MutableClock clock = new org.viewerbatch.testsupport.MutableClock(T0);
		RequestPacer pacer = new RequestPacer(6000, clock, duration -> clock.advance(duration.plusMillis(2)));
		for (int i = 0; i <= 100; i++) {
			pacer.acquire();
		}
		assertThat(Duration.between(T0, clock.instant())).isLessThanOrEqualTo(Duration.ofMillis(1002));
	}

	@Test
	void aLateCallerStartsANewGridInsteadOfCatchingUp() {
		org.viewerbatch.testsupport.MutableClock clock = new org.viewerbatch.testsupport.MutableClock(T0);
		RequestPacer pacer = new RequestPacer(60, clock, clock::advance);
		pacer.acquire();
		clock.advance(Duration.ofMillis(1700));
		pacer.acquire();
		pacer.acquire();
		assertThat(clock.instant()).as("one interval after the late one").isEqualTo(T0.plusMillis(2700));
	}

	@Test
	void aPacerForAServerLimitLeavesHeadroomForNetworkJitter() {
		ManualTime time = ManualTime.auto(T0);
		RequestPacer pacer = RequestPacer.forServerLimit(60, time, time);
		assertThat(pacer.interval()).isEqualTo(Duration.ofMillis(1020));
		for (int i = 0; i < 60; i++) {
			pacer.acquire();
		}
		assertThat(Duration.between(T0, time.instant())).as("60 requests span more than the server's minute")
			.isGreaterThan(Duration.ofMinutes(1));
	}

	@Test
	void theHeadroomIsTwoPercentAtTheDocumentedRateAndLessAtHigherOnes() {
		assertThat(RequestPacer.headroom(60)).isEqualTo(0.02);
		assertThat(RequestPacer.headroom(30)).as("never more than 2 %").isEqualTo(0.02);
		assertThat(RequestPacer.headroom(600)).isEqualTo(0.002);
		assertThat(RequestPacer.headroom(6000)).as("at least 0.2 %").isEqualTo(0.002);
		ManualTime time = ManualTime.auto(T0);
		assertThat(RequestPacer.forServerLimit(6000, time, time).interval())
			.isEqualTo(Duration.ofMillis(10).plusNanos(20_000));
	}

	@Test
	void anInterruptedWaitEndsWithCancellation() {
		RequestPacer pacer = new RequestPacer(1, ManualTime.auto(T0), duration -> {
			throw new InterruptedException();
		});
		pacer.acquire();
		try {
			assertThatThrownBy(pacer::acquire).isInstanceOf(CancellationException.class);
			assertThat(Thread.currentThread().isInterrupted()).isTrue();
		}
		finally {
			Thread.interrupted();
		}
	}

	@Test
	void refusesARateBelowOne() {
		assertThatThrownBy(() -> new RequestPacer(0, ManualTime.auto(T0), Sleeper.SYSTEM))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("at least 1");
	}

	/**
	 * Waits (on a condition, not a timer) until every caller either sleeps on the manual
	 * clock or has gone.
	 */
	private static void awaitQuiet(ManualTime time, List<Instant> sent, int callers) throws InterruptedException {
		BooleanSupplier quiet = () -> time.sleeping() + sent.size() == callers;
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (!quiet.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError(
						"callers did not settle: sleeping " + time.sleeping() + ", sent " + sent.size());
			}
			Thread.onSpinWait();
		}
	}

	@Test
	void aCallerWaitingForItsSlotWhenThePacerStopsIsNotLetThrough() {
		ManualTime time = ManualTime.auto(T0);
		AtomicReference<RequestPacer> pacer = new AtomicReference<>();
		// the stop comes while the second caller sleeps until its slot
		pacer.set(new RequestPacer(60, time, (duration) -> {
			time.advance(duration);
			pacer.get().stop();
		}));
		pacer.get().acquire();

		assertThatExceptionOfType(CancellationException.class).isThrownBy(pacer.get()::acquire)
			.withMessageContaining("stopping");
		assertThatExceptionOfType(CancellationException.class).isThrownBy(pacer.get()::acquire);
		assertThat(pacer.get().requestsSent()).isEqualTo(1);
	}

}
