package org.viewerbatch.client;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.viewerbatch.client.RequestTimeline.Minute;

import static org.assertj.core.api.Assertions.assertThat;

class RequestTimelineTest {

	private static final Instant START = Instant.parse("2026-12-03T02:00:30Z");

	@Test
	void countsEachRequest429AndRetryInTheMinuteOfTheRunItCameIn() throws InterruptedException {
		ManualTime time = ManualTime.auto(START);
		RequestPacer pacer = new RequestPacer(6000, time, time);
		pacer.acquire();
		RequestTimeline timeline = pacer.startTimeline();
		pacer.acquire();
		pacer.acquire();
		time.sleep(Duration.ofSeconds(59));
		pacer.acquire();
		pacer.rateLimited(Duration.ZERO);
		pacer.failedTransiently();
		time.sleep(Duration.ofSeconds(91));
		pacer.acquire();

		List<Minute> minutes = timeline.minutes(START.plusSeconds(170));

		// the request before the timeline started is another run's, although it came at
		// the same instant; the minute without any is a pause
		assertThat(minutes).containsExactly(new Minute(3, 1, 1), new Minute(0, 0, 0), new Minute(1, 0, 0));
	}

	@Test
	void aRunShorterThanAMinuteHasOneMinute() {
		RequestTimeline timeline = new RequestTimeline(START);
		timeline.sent(START.plusSeconds(3));

		assertThat(timeline.minutes(START.plusSeconds(4))).containsExactly(new Minute(1, 0, 0));
		assertThat(new RequestTimeline(START).minutes(START)).containsExactly(new Minute(0, 0, 0));
	}

	@Test
	void theMinutesAreKeptAsTextAndReadBack() {
		List<Minute> minutes = List.of(new Minute(58, 1, 2), new Minute(0, 0, 0), new Minute(60, 0, 0));

		assertThat(Minute.format(minutes)).isEqualTo("58/1/2 0/0/0 60/0/0");
		assertThat(Minute.parse(Minute.format(minutes))).isEqualTo(minutes);
		assertThat(Minute.parse("")).isEmpty();
		assertThat(Minute.parse(null)).isEmpty();
	}

}
