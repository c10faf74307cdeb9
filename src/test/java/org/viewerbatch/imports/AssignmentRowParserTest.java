package org.viewerbatch.imports;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.viewerbatch.apply.RowRejectedException;
import org.viewerbatch.csv.CsvRow;
import org.viewerbatch.imports.AssignmentRow.Action;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AssignmentRowParserTest {

	private static final List<String> EXPORT = List.of("viewer_id", "email", "project_id", "project_name");

	private final AssignmentRowParser parser = new AssignmentRowParser(ProjectMap.NONE);

	private static CsvRow row(String email, String project, String action) {
		return Rows.row(4, List.of("email", "project_id", "action"), email, project, action);
	}

	@Test
	void anEmptyActionAssigns() {
		assertThat(this.parser.parse(row(" Ann@Example.com ", "101", "")))
			.isEqualTo(new AssignmentRow(4, "Ann@Example.com", null, 101, Action.ASSIGN));
		assertThat(this.parser.parse(row("ann@example.com", "101", "UNASSIGN")).action()).isEqualTo(Action.UNASSIGN);
	}

	@ParameterizedTest
	@ValueSource(strings = { "Ann Lee <Ann@Example.com>", "mailto:Ann@Example.com", "Ann@Example.com;",
			"Ann@Example.com,", "\"Lee, Ann\" <mailto:Ann@Example.com>;" })
	void readsTheFormsPastedFromAMailClientAsTheAddress(String cell) {
		AssignmentRow row = this.parser.parse(row(cell, "101", ""));
		assertThat(row.email()).isEqualTo("Ann@Example.com");
		assertThat(row.viewerKey()).isEqualTo("ann@example.com");
	}

	@Test
	void theEmailWinsOverTheViewerIdOfAnExport() {
		AssignmentRow row = this.parser.parse(Rows.row(4, EXPORT, "77", "ann@example.com", "101", "Website"));
		assertThat(row.email()).isEqualTo("ann@example.com");
		assertThat(row.viewerId()).isNull();
		assertThat(row.viewerKey()).isEqualTo("ann@example.com");
		AssignmentRow byId = this.parser.parse(Rows.row(5, EXPORT, "77", "", "101", "Website"));
		assertThat(byId.viewerId()).isEqualTo(77);
		assertThat(byId.viewerKey()).isEqualTo("#77");
	}

	@Test
	void eachMistakeIsNamed() {
		assertRejected(row("", "101", ""), "missing-viewer",
				"the row names no viewer: its email and viewer_id are both empty");
		assertRejected(row("ann", "101", ""), "invalid-email", "'ann' is not an email address (it has no @)");
		assertRejected(row("ann@example.com", "", ""), "invalid-project-id", "the project_id is empty");
		assertRejected(row("ann@example.com", "-3", ""), "invalid-project-id",
				"project id '-3' is not a positive number");
		assertRejected(row("ann@example.com", "101", "grant"), "invalid-action",
				"action 'grant' is not assign or unassign");
		assertRejected(Rows.row(4, EXPORT, "x1", "", "101", ""), "invalid-viewer-id",
				"viewer id 'x1' is not a positive number");
	}

	private void assertRejected(CsvRow row, String error, String message) {
		assertThatThrownBy(() -> this.parser.parse(row)).isInstanceOfSatisfying(RowRejectedException.class,
				rejection -> {
					assertThat(rejection.error()).isEqualTo(error);
					assertThat(rejection).hasMessage(message);
					assertThat(rejection.line()).isEqualTo(4);
				});
	}

}
