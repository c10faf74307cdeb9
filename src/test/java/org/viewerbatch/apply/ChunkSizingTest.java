package org.viewerbatch.apply;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ChunkSizingTest {

	@Test
	void atTheDocumentedRateAChunkStaysTwentyRows() {
		assertThat(ChunkSizing.forRate(1)).isEqualTo(20);
		assertThat(ChunkSizing.forRate(60)).isEqualTo(20);
	}

	@Test
	void atHigherRatesAChunkHoldsAboutTwentySecondsOfRequests() {
		// 6,000 a minute is 100 a second: 20 s of them at 2 a row
		assertThat(ChunkSizing.forRate(6000)).isEqualTo(1000);
		assertThat(ChunkSizing.forRate(600)).isEqualTo(100);
		assertThat(ChunkSizing.forRate(120)).isEqualTo(20);
	}

	@Test
	void veryHighRatesAreBounded() {
		assertThat(ChunkSizing.forRate(1_000_000)).isEqualTo(ChunkSizing.MAXIMUM);
		assertThat(ChunkSizing.forRate(Integer.MAX_VALUE)).isEqualTo(ChunkSizing.MAXIMUM);
	}

	@Test
	void aRateBelowOneIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> ChunkSizing.forRate(0));
	}

}
