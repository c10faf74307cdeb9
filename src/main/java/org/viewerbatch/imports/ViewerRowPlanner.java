package org.viewerbatch.imports;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.viewerbatch.apply.PlannedCall;
import org.viewerbatch.apply.PlannedCall.ArchiveViewer;
import org.viewerbatch.apply.PlannedCall.AssignProject;
import org.viewerbatch.apply.PlannedCall.CreateViewer;
import org.viewerbatch.apply.PlannedCall.RestoreViewer;
import org.viewerbatch.apply.PlannedCall.UnassignProject;
import org.viewerbatch.apply.RowPlan;
import org.viewerbatch.apply.RowRejectedException;
import org.viewerbatch.client.ProjectRef;
import org.viewerbatch.client.Viewer;
import org.viewerbatch.csv.CsvRow;
import org.viewerbatch.imports.ViewerRow.Action;

/**
 * Plans each row of a viewers file against the workspace snapshot: create (and assign
 * each project), restore (and assign the missing ones), assign missing projects, unassign
 * the others (--sync-projects only), archive ({@code action=delete}), or nothing at all
 * when the viewer is already as the row wants it.
 */
final class ViewerRowPlanner implements RowPlanner<ViewerRow> {

	private final boolean syncProjects;

	private CheckedFile<ViewerRow> file;

	private WorkspaceSnapshot workspace;

	ViewerRowPlanner(boolean syncProjects) {
		this.syncProjects = syncProjects;
	}

	@Override
	public void prepare(CheckedFile<ViewerRow> checked, WorkspaceSnapshot snapshot) {
		this.file = checked;
		this.workspace = snapshot;
	}

	@Override
	public RowPlan process(CsvRow source) {
		RowRejectedException rejection = this.file.rejections().get(source.line());
		if (rejection != null) {
			throw rejection;
		}
		ViewerRow row = this.file.valid().get(source.line());
		if (row == null) {
			throw new IllegalStateException("line " + source.line() + " was not in the file when it was checked");
		}
		List<Long> unknown = row.projects().stream().filter(id -> !this.workspace.hasProject(id)).toList();
		if (!unknown.isEmpty()) {
			throw RowRejectedException.invalid(row.line(), "unknown-project", "no project " + join(unknown)
					+ " in this workspace (check the ids with the workspace's project list)");
		}
		Viewer existing = this.workspace.viewerByEmail(row.email()).orElse(null);
		return plan(row, source, existing);
	}

	@Override
	public RowPlan replan(RowPlan plan, Viewer existing) {
		return plan(this.file.valid().get(plan.line()), plan.source(), existing);
	}

	private RowPlan plan(ViewerRow row, CsvRow source, Viewer existing) {
		if (row.action() == Action.DELETE) {
			return planDelete(row, source, existing);
		}
		if (existing == null) {
			if (row.firstname().isEmpty() || row.lastname().isEmpty()) {
				throw RowRejectedException.invalid(row.line(), "missing-name",
						"a new viewer needs a firstname and a lastname");
			}
			List<PlannedCall> calls = new ArrayList<>();
			calls.add(new CreateViewer(row.email(), row.firstname(), row.lastname()));
			row.projects().forEach(id -> calls.add(new AssignProject(id)));
			return new RowPlan(source, row.email(), null, calls, "");
		}
		List<PlannedCall> calls = new ArrayList<>();
		if (existing.archived()) {
			calls.add(new RestoreViewer());
		}
		Set<Long> current = projectIds(existing);
		row.projects().stream().filter(id -> !current.contains(id)).forEach(id -> calls.add(new AssignProject(id)));
		if (this.syncProjects && row.projectsGiven()) {
			current.stream()
				.filter(id -> !row.projects().contains(id))
				.sorted()
				.forEach(id -> calls.add(new UnassignProject(id)));
		}
		return new RowPlan(source, row.email(), existing.id(), calls, nameDifference(row, existing));
	}

	private static RowPlan planDelete(ViewerRow row, CsvRow source, Viewer existing) {
		if (existing == null) {
			return new RowPlan(source, row.email(), null, List.of(), "no such viewer: nothing to archive");
		}
		if (existing.archived()) {
			return new RowPlan(source, row.email(), existing.id(), List.of(), "already archived");
		}
		return new RowPlan(source, row.email(), existing.id(), List.of(new ArchiveViewer()), "");
	}

	/**
	 * The API cannot change a name, so a different one in the file is reported, not
	 * applied.
	 */
	private static String nameDifference(ViewerRow row, Viewer existing) {
		boolean differs = differs(row.firstname(), existing.firstname())
				|| differs(row.lastname(), existing.lastname());
		if (!differs) {
			return "";
		}
		return "name differs: the workspace has '"
				+ (nullToEmpty(existing.firstname()) + " " + nullToEmpty(existing.lastname())).trim() + "', the file '"
				+ (row.firstname() + " " + row.lastname()).trim() + "' (the API cannot change names)";
	}

	/** A name the file leaves empty is not a difference. */
	private static boolean differs(String fromFile, String fromApi) {
		return !fromFile.isEmpty() && !fromFile.equals(nullToEmpty(fromApi).trim());
	}

	private static Set<Long> projectIds(Viewer viewer) {
		return (viewer.projects() != null)
				? viewer.projects().stream().map(ProjectRef::projectId).collect(Collectors.toSet()) : Set.of();
	}

	private static String nullToEmpty(String text) {
		return (text != null) ? text : "";
	}

	private static String join(List<Long> ids) {
		return ids.stream().map(String::valueOf).collect(Collectors.joining(", "));
	}

}
