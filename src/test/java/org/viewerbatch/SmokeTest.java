package org.viewerbatch;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SmokeTest {

	@Test
	void builds() {
		assertThat(ViewerBatchApplication.class).isNotNull();
	}

}
