package org.viewerbatch.exports;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.viewerbatch.client.ProjectRef;
import org.viewerbatch.client.Viewer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ExportFormatTest {

	private static final Viewer ANNA = new Viewer(42, "anna@example.com", "Anna", "Berg", "active",
			Instant.parse("2024-03-01T09:30:15.123456Z"),
			List.of(new ProjectRef(101, "Website"), new ProjectRef(205, "Audit 2024")));

	@Test
	void viewersRowJoinsProjectListsWithSemicolonsAndWritesMemberSinceInUtcSeconds() {
		List<ExportRow> rows = ExportFormat.VIEWERS.rows(ANNA).toList();

		assertThat(rows).hasSize(1);
		assertThat(ExportFormat.VIEWERS.cells(rows.get(0))).containsExactly("42", "anna@example.com", "Anna", "Berg",
				"active", "2024-03-01T09:30:15Z", "101;205", "Website;Audit 2024");
	}

	@Test
	void missingStatusMemberSinceAndProjectsBecomeEmptyCells() {
		Viewer bare = new Viewer(7, "bare@example.com", null, null, null, null, List.of());

		assertThat(ExportFormat.VIEWERS.cells(ExportFormat.VIEWERS.rows(bare).findFirst().orElseThrow()))
			.containsExactly("7", "bare@example.com", "", "", "", "", "", "");
	}

	@Test
	void assignmentsGiveOneRowPerProjectAndNoneForAViewerWithoutProjects() {
		List<List<String>> cells = ExportFormat.ASSIGNMENTS.rows(ANNA).map(ExportFormat.ASSIGNMENTS::cells).toList();

		assertThat(cells).containsExactly(List.of("42", "anna@example.com", "101", "Website"),
				List.of("42", "anna@example.com", "205", "Audit 2024"));
		assertThat(
				ExportFormat.ASSIGNMENTS.rows(new Viewer(7, "bare@example.com", "B", "C", "active", null, List.of())))
			.isEmpty();
	}

	@Test
	void headersMatchTheImportFormats() {
		assertThat(ExportFormat.VIEWERS.header()).containsExactly("id", "email", "firstname", "lastname", "status",
				"member_since", "projects", "project_names");
		assertThat(ExportFormat.ASSIGNMENTS.header()).containsExactly("viewer_id", "email", "project_id",
				"project_name");
	}

	@Test
	void formatOptionIsCaseInsensitiveAndAnUnknownOneNamesTheChoices() {
		assertThat(ExportFormat.fromOption(" Assignments ")).isEqualTo(ExportFormat.ASSIGNMENTS);
		assertThatIllegalArgumentException().isThrownBy(() -> ExportFormat.fromOption("xlsx"))
			.withMessage("unknown format 'xlsx'; use one of viewers, assignments");
	}

}
