package org.viewerbatch.imports;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.viewerbatch.apply.RowRejectedException;
import org.viewerbatch.imports.ViewerRow.Action;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ViewerRowParserTest {

	private final ViewerRowParser parser = new ViewerRowParser();

	@Test
	void readsEmailNamesProjectsAndAction() {
		ViewerRow row = this.parser.parse(Rows.viewer(2, " Ann@Example.com ", "Ann", "Lee", "101; 102|103", "DELETE"));
		assertThat(row.email()).isEqualTo("Ann@Example.com");
		assertThat(row.projects()).containsExactly(101L, 102L, 103L);
		assertThat(row.projectsGiven()).isTrue();
		assertThat(row.action()).isEqualTo(Action.DELETE);
	}

	@Test
	void emptyActionMeansUpsertAndRepeatedProjectsCountOnce() {
		ViewerRow row = this.parser.parse(Rows.viewer(2, "a@b.co", "", "", "101;101", ""));
		assertThat(row.action()).isEqualTo(Action.UPSERT);
		assertThat(row.projects()).containsExactly(101L);
	}

	@Test
	void aFileWithoutProjectsColumnSaysSo() {
		ViewerRow row = this.parser.parse(Rows.row(2, List.of("email"), "a@b.co"));
		assertThat(row.projectsGiven()).isFalse();
		assertThat(row.projects()).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "Ann Lee <Ann@Example.com>", "mailto:Ann@Example.com", "Ann@Example.com;",
			"Ann@Example.com,", "\"Lee, Ann\" <mailto:Ann@Example.com>;" })
	void readsTheFormsPastedFromAMailClientAsTheAddress(String cell) {
		assertThat(this.parser.parse(Rows.viewer(2, cell, "Ann", "Lee", "", "")).email()).isEqualTo("Ann@Example.com");
	}

	@Test
	void rejectsBadEmailsWithTheValue() {
		assertThatThrownBy(() -> this.parser.parse(Rows.viewer(7, "ann.example.com", "A", "B", "", "")))
			.isInstanceOfSatisfying(RowRejectedException.class, ex -> {
				assertThat(ex.line()).isEqualTo(7);
				assertThat(ex.error()).isEqualTo("invalid-email");
				assertThat(ex.getMessage()).contains("ann.example.com");
			});
		assertThatThrownBy(() -> this.parser.parse(Rows.viewer(8, "", "A", "B", "", ""))).hasMessageContaining("empty");
		assertThatThrownBy(() -> this.parser.parse(Rows.viewer(9, "a b@c.de", "A", "B", "", "")))
			.isInstanceOf(RowRejectedException.class);
	}

	@Test
	void rejectsWhatNoMailServerAcceptsAndSaysWhy() {
		assertThatThrownBy(() -> this.parser.parse(Rows.viewer(2, ".ann@example.com", "A", "B", "", "")))
			.hasMessageContaining("cannot start or end with a dot");
		assertThatThrownBy(() -> this.parser.parse(Rows.viewer(2, "ann..lee@example.com", "A", "B", "", "")))
			.hasMessageContaining("nor have two in a row");
		assertThatThrownBy(() -> this.parser.parse(Rows.viewer(2, "ann@-example.com", "A", "B", "", "")))
			.hasMessageContaining("cannot start or end with -");
		assertThatThrownBy(() -> this.parser.parse(Rows.viewer(2, "ann@example-.com", "A", "B", "", "")))
			.isInstanceOf(RowRejectedException.class);
		// what real addresses look like still passes
		for (String email : List.of("ann.lee+crm@mail.example.co.uk", "o'brien@example.ie", "jo@xn--mnchen-3ya.de",
				"zoë@müller.de", "a-b@sub-domain.example.com")) {
			assertThat(this.parser.parse(Rows.viewer(2, email, "A", "B", "", "")).email()).isEqualTo(email);
		}
	}

	@Test
	void rejectsProjectIdsThatAreNoPositiveNumbers() {
		assertThatThrownBy(() -> this.parser.parse(Rows.viewer(3, "a@b.co", "A", "B", "101;abc", "")))
			.isInstanceOfSatisfying(RowRejectedException.class,
					ex -> assertThat(ex.error()).isEqualTo("invalid-project-id"))
			.hasMessageContaining("'abc'");
		assertThatThrownBy(() -> this.parser.parse(Rows.viewer(3, "a@b.co", "A", "B", "-4", "")))
			.isInstanceOf(RowRejectedException.class);
	}

	@Test
	void rejectsUnknownActions() {
		assertThatThrownBy(() -> this.parser.parse(Rows.viewer(4, "a@b.co", "A", "B", "", "remove")))
			.isInstanceOfSatisfying(RowRejectedException.class,
					ex -> assertThat(ex.error()).isEqualTo("invalid-action"))
			.hasMessageContaining("upsert or delete");
	}

	@Test
	void rejectsARowShiftedByAnUnquotedDelimiter() {
		assertThatThrownBy(() -> this.parser.parse(Rows.row(5, List.of("email", "lastname"), "a@b.co", "Smith", " Jr")))
			.isInstanceOfSatisfying(RowRejectedException.class, ex -> assertThat(ex.error()).isEqualTo("invalid-row"));
	}

}
