package org.viewerbatch.apply;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RejectionStreakTest {

	@Test
	void trippsAfterTheSameRefusalForEnoughDifferentRows() {
		RejectionStreak streak = new RejectionStreak(3);
		streak.refused(2, "400 seat limit");
		streak.refused(3, "400 seat limit");
		streak.refused(3, "400 seat limit");
		assertThat(streak.tripped()).isFalse();
		streak.refused(4, "400 seat limit");
		assertThat(streak.tripped()).isTrue();
		assertThat(streak.failure()).hasMessageContaining("400 seat limit").hasMessageContaining("[2, 3, 4]");
	}

	@Test
	void aSuccessOrADifferentRefusalStartsOver() {
		RejectionStreak streak = new RejectionStreak(2);
		streak.refused(2, "400 a");
		streak.applied();
		streak.refused(3, "400 a");
		assertThat(streak.tripped()).isFalse();
		streak.refused(4, "400 b");
		assertThat(streak.tripped()).isFalse();
		streak.refused(5, null);
		streak.refused(6, "400 b");
		assertThat(streak.tripped()).isTrue();
	}

}
