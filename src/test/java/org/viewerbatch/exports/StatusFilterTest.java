package org.viewerbatch.exports;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.viewerbatch.client.Viewer;

import static org.assertj.core.api.Assertions.assertThat;

class StatusFilterTest {

	@Test
	void keepsListedStatusesWhateverTheirCaseAndDropsTheRest() {
		StatusFilter filter = new StatusFilter(Set.of("active", "left"));

		assertThat(filter.process(row("Active"))).isNotNull();
		assertThat(filter.process(row("left"))).isNotNull();
		assertThat(filter.process(row("inactive"))).isNull();
		assertThat(filter.process(row(null))).isNull();
	}

	@Test
	void noStatusKeepsEveryRowEvenOneWithoutStatus() {
		StatusFilter filter = new StatusFilter(Set.of());

		ExportRow unknown = row(null);
		assertThat(filter.process(unknown)).isSameAs(unknown);
		assertThat(filter.process(row("suspended"))).isNotNull();
	}

	private static ExportRow row(String status) {
		return new ExportRow(new Viewer(1, "a@example.com", "A", "B", status, null, List.of()), null);
	}

}
