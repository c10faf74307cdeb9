package org.viewerbatch.imports;

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

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ViewerRowPlannerTest {

	private static final List<Project> PROJECTS = List.of(new Project(101, "P101", 1), new Project(102, "P102", 1),
			new Project(103, "P103", 1));

	private final Map<Long, CsvRow> rows = new HashMap<>();

	private ViewerRowPlanner planner(List<Viewer> viewers, boolean sync, CsvRow... csvRows) {
		return planner(viewers, sync, false, csvRows);
	}

	private ViewerRowPlanner planner(List<Viewer> viewers, boolean sync, boolean undo, CsvRow... csvRows) {
		ViewerRowParser parser = new ViewerRowParser();
		Map<Long, ViewerRow> valid = new HashMap<>();
		for (CsvRow row : csvRows) {
			this.rows.put(row.line(), row);
			valid.put(row.line(), parser.parse(row));
		}
		ViewerRowPlanner planner = new ViewerRowPlanner(sync, undo, null);
		planner.prepare(new CheckedFile<>(Rows.VIEWERS, csvRows.length, valid, Map.of(), Set.of()),
				new WorkspaceSnapshot(viewers, PROJECTS));
		return planner;
	}

	private static Viewer viewer(long id, String email, String status, long... projects) {
		List<ProjectRef> refs = java.util.Arrays.stream(projects).mapToObj(p -> new ProjectRef(p, "P" + p)).toList();
		return new Viewer(id, email, "Ann", "Lee", status, null, refs);
	}

	@Test
	void aNewViewerIsCreatedThenGivenEachProject() throws Exception {
		CsvRow row = Rows.viewer(2, "ann@x.io", "Ann", "Lee", "101;102", "");
		RowPlan plan = planner(List.of(), false, row).process(row);
		assertThat(plan.describeCalls()).isEqualTo("create; assign 101; assign 102");
		assertThat(plan.viewerId()).isNull();
	}

	@Test
	void aViewerInItsWantedStateCostsNothing() throws Exception {
		CsvRow row = Rows.viewer(2, "ANN@x.io", "Ann", "Lee", "101", "");
		RowPlan plan = planner(List.of(viewer(7, "ann@x.io", "active", 101)), false, row).process(row);
		assertThat(plan.calls()).isEmpty();
		assertThat(plan.viewerId()).isEqualTo(7);
		assertThat(plan.detail()).isEmpty();
	}

	@Test
	void anArchivedViewerIsRestoredBeforeItGetsTheMissingProjects() throws Exception {
		CsvRow row = Rows.viewer(2, "ann@x.io", "", "", "101;102", "");
		RowPlan plan = planner(List.of(viewer(7, "ann@x.io", "inactive", 101)), false, row).process(row);
		assertThat(plan.describeCalls()).isEqualTo("restore; assign 102");
	}

	@Test
	void extraProjectsAreUnassignedOnlyWithSyncProjects() throws Exception {
		CsvRow row = Rows.viewer(2, "ann@x.io", "Ann", "Lee", "101", "");
		List<Viewer> viewers = List.of(viewer(7, "ann@x.io", "active", 101, 103, 102));
		assertThat(planner(viewers, false, row).process(row).calls()).isEmpty();
		assertThat(planner(viewers, true, row).process(row).describeCalls()).isEqualTo("unassign 102; unassign 103");
	}

	@Test
	void syncProjectsLeavesProjectsAloneWhenTheFileHasNoProjectsColumn() throws Exception {
		CsvRow row = Rows.row(2, List.of("email"), "ann@x.io");
		RowPlan plan = planner(List.of(viewer(7, "ann@x.io", "active", 101)), true, row).process(row);
		assertThat(plan.calls()).isEmpty();
	}

	@Test
	void deleteArchivesAnActiveViewerAndNothingElse() throws Exception {
		CsvRow active = Rows.viewer(2, "ann@x.io", "", "", "", "delete");
		CsvRow archived = Rows.viewer(3, "bob@x.io", "", "", "", "delete");
		CsvRow missing = Rows.viewer(4, "cy@x.io", "", "", "", "delete");
		ViewerRowPlanner planner = planner(
				List.of(viewer(7, "ann@x.io", "active", 101), viewer(8, "bob@x.io", "inactive")), false, active,
				archived, missing);
		assertThat(planner.process(active).describeCalls()).isEqualTo("archive");
		assertThat(planner.process(archived).calls()).isEmpty();
		assertThat(planner.process(archived).detail()).contains("already archived");
		assertThat(planner.process(missing).calls()).isEmpty();
	}

	@Test
	void anUndosDeleteRowArchivesItsViewerWithExactlyItsProjectsChangedWhileActive() throws Exception {
		CsvRow active = Rows.viewer(2, "ann@x.io", "", "", "101;102", "delete");
		CsvRow archived = Rows.viewer(3, "bob@x.io", "", "", "101", "delete");
		CsvRow asWanted = Rows.viewer(4, "cy@x.io", "", "", "102", "delete");
		CsvRow none = Rows.viewer(5, "dee@x.io", "", "", "", "delete");
		CsvRow missing = Rows.viewer(6, "eve@x.io", "", "", "101", "delete");
		ViewerRowPlanner planner = planner(
				List.of(viewer(7, "ann@x.io", "active", 101, 103), viewer(8, "bob@x.io", "inactive", 101, 102, 103),
						viewer(9, "cy@x.io", "inactive", 102), viewer(10, "dee@x.io", "active")),
				true, true, active, archived, asWanted, none, missing);

		assertThat(planner.process(active).describeCalls()).isEqualTo("assign 102; unassign 103; archive");
		RowPlan restored = planner.process(archived);
		assertThat(restored.describeCalls()).isEqualTo("restore; unassign 102; unassign 103; archive");
		assertThat(restored.detail()).isEqualTo("restored to change its projects, then archived again");
		assertThat(planner.process(asWanted).calls()).isEmpty();
		assertThat(planner.process(asWanted).detail()).isEqualTo("already archived");
		assertThat(planner.process(none).describeCalls()).isEqualTo("archive");
		assertThat(planner.process(missing).calls()).isEmpty();
	}

	@Test
	void anImportsDeleteRowArchivesAsItIsEvenWithSyncProjectsAndProjects() throws Exception {
		CsvRow active = Rows.viewer(2, "ann@x.io", "", "", "101;102", "delete");
		CsvRow archived = Rows.viewer(3, "bob@x.io", "", "", "101", "delete");
		ViewerRowPlanner planner = planner(
				List.of(viewer(7, "ann@x.io", "active", 101, 103), viewer(8, "bob@x.io", "inactive", 101, 102)), true,
				active, archived);

		assertThat(planner.process(active).describeCalls()).isEqualTo("archive");
		assertThat(planner.process(archived).calls()).isEmpty();
	}

	@Test
	void aNewViewerWithoutNamesIsRejectedBeforeAnythingIsSent() {
		CsvRow row = Rows.viewer(5, "ann@x.io", "Ann", "", "101", "");
		assertThatThrownBy(() -> planner(List.of(), false, row).process(row))
			.isInstanceOfSatisfying(RowRejectedException.class, ex -> assertThat(ex.error()).isEqualTo("missing-name"));
	}

	@Test
	void anUnknownProjectIsRejectedWithItsId() {
		CsvRow row = Rows.viewer(5, "ann@x.io", "Ann", "Lee", "101;999", "");
		assertThatThrownBy(() -> planner(List.of(), false, row).process(row))
			.isInstanceOfSatisfying(RowRejectedException.class,
					ex -> assertThat(ex.error()).isEqualTo("unknown-project"))
			.hasMessageContaining("999");
	}

	@Test
	void aDifferentNameIsReportedNotApplied() throws Exception {
		CsvRow row = Rows.viewer(2, "ann@x.io", "Anne", "Lee", "101", "");
		RowPlan plan = planner(List.of(viewer(7, "ann@x.io", "active", 101)), false, row).process(row);
		assertThat(plan.calls()).isEmpty();
		assertThat(plan.detail()).contains("name differs").contains("'Ann Lee'").contains("'Anne Lee'");
	}

	@Test
	void aRowRejectedByTheFileCheckIsRejectedAgainWhenPlanned() {
		CsvRow row = Rows.viewer(4, "ann@x.io", "Ann", "Lee", "", "");
		ViewerRowPlanner planner = new ViewerRowPlanner(false, false, null);
		planner.prepare(
				new CheckedFile<>(Rows.VIEWERS, 1, Map.of(),
						Map.of(4L, RowRejectedException.invalid(4, "duplicate", "duplicate of line 2")), Set.of()),
				new WorkspaceSnapshot(List.of(), PROJECTS));
		assertThatThrownBy(() -> planner.process(row)).hasMessage("duplicate of line 2");
	}

	@Test
	void replanningAgainstAViewerFoundByLookUpDropsTheCreate() throws Exception {
		CsvRow row = Rows.viewer(2, "ann@x.io", "Ann", "Lee", "101;102", "");
		ViewerRowPlanner planner = planner(List.of(), false, row);
		RowPlan plan = planner.process(row);
		RowPlan again = planner.replan(plan, viewer(9, "ann@x.io", "active", 101));
		assertThat(again.describeCalls()).isEqualTo("assign 102");
		assertThat(again.viewerId()).isEqualTo(9);
	}

}
