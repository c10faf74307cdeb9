package org.viewerbatch.client;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.viewerbatch.client.RequestTimeline.Minute;

import static org.assertj.core.api.Assertions.assertThat;

class RequestTimelineTest {

	private static final Instant START = Instant.parse("2026-12-03T02:00:30Z");

	@Test
	void countsEachRequest429AndRetryInTheMinuteOfTheRunItCameIn() {
		RequestTimeline timeline = new RequestTimeline();
		timeline.sent(START);
		int mark = timeline.mark();
		timeline.sent(START);
		timeline.sent(START);
		timeline.sent(START.plusSeconds(59));
		timeline.rateLimited(START.plusSeconds(59));
		timeline.retried(START.plusSeconds(59));
		timeline.sent(START.plusSeconds(150));

		List<Minute> minutes = timeline.minutes(mark, START, START.plusSeconds(170));

		// the request before the mark is another run's, although it came at the same
		// instant; the minute without any is a pause
		assertThat(minutes).containsExactly(new Minute(3, 1, 1), new Minute(0, 0, 0), new Minute(1, 0, 0));
	}

	@Test
	void aRunShorterThanAMinuteHasOneMinute() {
		RequestTimeline timeline = new RequestTimeline();
		timeline.sent(START.plusSeconds(3));

		assertThat(timeline.minutes(0, START, START.plusSeconds(4))).containsExactly(new Minute(1, 0, 0));
		assertThat(new RequestTimeline().minutes(0, START, START)).containsExactly(new Minute(0, 0, 0));
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
