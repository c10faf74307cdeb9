package org.viewerbatch.testsupport;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MutableClockTest {

	@Test
	void standsStillUntilAdvancedAndZoneViewsShareTheTime() {
		MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
		var paris = clock.withZone(ZoneId.of("Europe/Paris"));

		clock.advance(Duration.ofSeconds(61));

		assertThat(clock.instant()).isEqualTo(Instant.parse("2026-01-01T00:01:01Z"));
		assertThat(paris.instant()).isEqualTo(clock.instant());
		assertThat(paris.getZone()).isEqualTo(ZoneId.of("Europe/Paris"));
		assertThat(clock.millis()).isEqualTo(Instant.parse("2026-01-01T00:01:01Z").toEpochMilli());
	}

	@Test
	void aSleepMovesTheClockToItsEndAndNeverBack() {
		Instant start = Instant.parse("2026-03-02T09:00:00Z");
		MutableClock clock = new MutableClock(start);

		clock.sleep(Duration.ofSeconds(2));
		clock.sleep(Duration.ofSeconds(1));
		assertThat(clock.instant()).isEqualTo(start.plusSeconds(3));

		// a sleep that ended before the clock's time (another thread moved it further)
		// leaves it there
		clock.sleep(Duration.ofSeconds(-1));
		assertThat(clock.instant()).isEqualTo(start.plusSeconds(3));
	}

}
