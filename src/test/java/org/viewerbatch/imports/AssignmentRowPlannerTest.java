package org.viewerbatch.imports;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.viewerbatch.apply.RowPlan;
import org.viewerbatch.apply.RowRejectedException;
import org.viewerbatch.client.Project;
import org.viewerbatch.client.ProjectRef;
import org.viewerbatch.client.Viewer;
import org.viewerbatch.csv.CsvRow;
import org.viewerbatch.csv.InputFileException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AssignmentRowPlannerTest {

	private static final List<String> COLUMNS = List.of("viewer_id", "email", "project_id", "action");

	private static final List<Project> PROJECTS = List.of(new Project(101, "P101", 1), new Project(102, "P102", 1),
			new Project(103, "P103", 1));

	private static final List<Viewer> VIEWERS = List.of(viewer(7, "ann@x.io", "active", 101, 102, 103),
			viewer(8, "bob@x.io", "inactive", 101));

	private static Viewer viewer(long id, String email, String status, long... projects) {
		List<ProjectRef> refs = Arrays.stream(projects).mapToObj(p -> new ProjectRef(p, "P" + p)).toList();
		return new Viewer(id, email, "A", "B", status, null, refs);
	}

	private static CsvRow row(long line, String viewerId, String email, String project, String action) {
		return Rows.row(line, COLUMNS, viewerId, email, project, action);
	}

	private static AssignmentRowPlanner planner(boolean sync, long maxUnassigns, CsvRow... rows) {
		AssignmentRowParser parser = new AssignmentRowParser(ProjectMap.NONE);
		Map<Long, AssignmentRow> valid = new HashMap<>();
		Map<Long, RowRejectedException> rejections = new HashMap<>();
		for (CsvRow row : rows) {
			try {
				valid.put(row.line(), parser.parse(row));
			}
			catch (RowRejectedException ex) {
				rejections.put(row.line(), ex);
			}
		}
		AssignmentRowPlanner planner = new AssignmentRowPlanner(1, sync, maxUnassigns, Path.of("access.csv"));
		planner.prepare(new CheckedFile<>(COLUMNS, rows.length, valid, rejections, Set.of()),
				new WorkspaceSnapshot(VIEWERS, PROJECTS));
		return planner;
	}

	@Test
	void theSameViewerByEmailAndByIdWithTheSameProjectIsADuplicate() throws Exception {
		CsvRow byEmail = row(2, "", "ann@x.io", "101", "unassign");
		CsvRow byId = row(3, "7", "", "101", "assign");
		AssignmentRowPlanner planner = planner(false, 0, byEmail, byId);

		assertThat(planner.process(byEmail).describeCalls()).isEqualTo("unassign 101");
		assertThatThrownBy(() -> planner.process(byId)).isInstanceOfSatisfying(RowRejectedException.class,
				rejection -> assertThat(rejection).hasMessageStartingWith("duplicate of line 2"));
	}

	@Test
	void syncCountsTheRowsOfAViewerByEmailAndByIdTogether() throws Exception {
		CsvRow byEmail = row(2, "", "ann@x.io", "101", "");
		CsvRow byId = row(5, "7", "", "102", "");
		AssignmentRowPlanner planner = planner(true, 1, byEmail, byId);

		assertThat(planner.process(byEmail).describeCalls()).isEqualTo("unassign 103");
		assertThat(planner.process(byId).describeCalls()).isEqualTo("none");
	}

	@Test
	void syncLeavesAViewerAloneWhenOneOfItsRowsCouldNotBeRead() throws Exception {
		CsvRow first = row(2, "", "ann@x.io", "101", "");
		CsvRow garbled = row(3, "7", "", "10x", "");
		AssignmentRowPlanner planner = planner(true, 0, first, garbled);

		RowPlan plan = planner.process(first);

		assertThat(plan.calls()).isEmpty();
		assertThat(plan.detail())
			.isEqualTo("other projects kept: --sync skips this viewer, its row on line 3 was" + " rejected");
	}

	@Test
	void syncLeavesArchivedViewersAloneAndCountsAgainstMaxUnassigns() {
		CsvRow archived = row(2, "", "bob@x.io", "102", "");
		CsvRow ann = row(3, "", "ann@x.io", "101", "");
		assertThatThrownBy(() -> planner(true, 1, archived, ann)).isInstanceOf(InputFileException.class)
			.hasMessageContaining("--sync would unassign 2 projects from 1 viewers");
		assertThatThrownBy(() -> planner(true, 2, archived, ann).process(archived)).isInstanceOfSatisfying(
				RowRejectedException.class, rejection -> assertThat(rejection.error()).isEqualTo("archived-viewer"));
	}

}
