package org.viewerbatch;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SmokeTest {
	@Test
	void builds() {
		assertThat(ViewerBatchApplication.class).isNotNull();
	}
}
