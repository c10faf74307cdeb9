package org.viewerbatch.imports;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
import org.viewerbatch.csv.InputFileException;
import org.viewerbatch.imports.ViewerRow.Action;

/**
 * Plans each row of a viewers file against the workspace snapshot: create (and assign
 * each project), restore (and assign the missing ones), assign missing projects, unassign
 * the others (--sync-projects only), archive ({@code action=delete}), or nothing at all
 * when the viewer is already as the row wants it.
 * <p>
 * With --archive-missing the file is the whole roster: every active viewer it does not
 * name is archived too, by a row added after the file's. A viewer named on a rejected row
 * is named all the same (what the file wants for it is not known), and every archive
 * counts against --max-deletes, checked against the snapshot before any write.
 * <p>
 * The rows of an undo say each viewer's whole state: a delete row's projects are the ones
 * its archived viewer keeps. The API changes projects only on an active viewer, so the
 * projects are changed before the archive, and an archived viewer whose projects differ
 * is restored for it first.
 */
final class ViewerRowPlanner implements RowPlanner<ViewerRow> {

	/** How many of the viewers to archive a refusal names. */
	private static final int NAMED_IN_REFUSAL = 10;

	private final boolean syncProjects;

	private final boolean undo;

	private final Roster roster;

	private CheckedFile<ViewerRow> file;

	private WorkspaceSnapshot workspace;

	/** The active viewers the file does not name, by email, when the file is a roster. */
	private List<String> missing = List.of();

	/** Line → the row added for a viewer the file does not name. */
	private final Map<Long, ViewerRow> added = new HashMap<>();

	/**
	 * @param undo the rows are an undo's: a delete row wants its viewer archived with
	 * exactly its projects
	 * @param roster the file is the whole roster ({@code --archive-missing});
	 * {@code null} when it is not
	 */
	ViewerRowPlanner(boolean syncProjects, boolean undo, Roster roster) {
		this.syncProjects = syncProjects;
		this.undo = undo;
		this.roster = roster;
	}

	/**
	 * An input file that is the workspace's whole roster: {@code file} for messages, and
	 * the most viewers the run may archive.
	 */
	record Roster(Path file, long maxDeletes) {
	}

	@Override
	public void prepare(CheckedFile<ViewerRow> checked, WorkspaceSnapshot snapshot) {
		this.file = checked;
		this.workspace = snapshot;
		if (this.roster == null) {
			return;
		}
		this.missing = snapshot.viewers()
			.stream()
			.filter((viewer) -> !viewer.archived() && viewer.email() != null)
			.map((viewer) -> WorkspaceSnapshot.key(viewer.email()))
			.filter((email) -> !checked.emails().contains(email))
			.sorted()
			.toList();
		guardArchives(checked);
	}

	/** Every archive, of a delete row or of a viewer the file leaves out, is bounded. */
	private void guardArchives(CheckedFile<ViewerRow> checked) {
		long deletes = checked.valid().values().stream().filter((row) -> row.action() == Action.DELETE).count();
		long archives = deletes + this.missing.size();
		if (archives > this.roster.maxDeletes()) {
			throw new InputFileException(this.roster.file(), 0,
					archives + " viewers would be archived (" + this.missing.size()
							+ " active viewers the file does not name, " + deletes
							+ " rows with action=delete), more than --max-deletes " + this.roster.maxDeletes()
							+ "; nothing was sent. The first of them: "
							+ String.join(", ", this.missing.stream().limit(NAMED_IN_REFUSAL).toList())
							+ ". Check that the file is the whole roster, or raise --max-deletes to run it");
		}
	}

	@Override
	public List<String> addedKeys() {
		return this.missing;
	}

	@Override
	public List<CsvRow> addedRows(List<String> emails) {
		this.added.clear();
		List<CsvRow> rows = new ArrayList<>();
		long line = this.file.lastLine();
		for (String email : emails) {
			line++;
			this.added.put(line, new ViewerRow(line, email, "", "", List.of(), false, Action.DELETE));
			Map<String, String> values = Map.of("email", email, "action", "delete");
			List<String> raw = this.file.columns().stream().map((column) -> values.getOrDefault(column, "")).toList();
			rows.add(new CsvRow(line, values, this.file.header(), raw));
		}
		return rows;
	}

	@Override
	public RowPlan process(CsvRow source) {
		RowRejectedException rejection = this.file.rejections().get(source.line());
		if (rejection != null) {
			throw rejection;
		}
		ViewerRow row = row(source.line());
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
		return plan(row(plan.line()), plan.source(), existing);
	}

	/** The file's valid row on that line, or the row added there. */
	private ViewerRow row(long line) {
		ViewerRow row = this.file.valid().get(line);
		return (row != null) ? row : this.added.get(line);
	}

	private RowPlan plan(ViewerRow row, CsvRow source, Viewer existing) {
		if (this.added.containsKey(row.line())) {
			RowPlan archive = planDelete(row, source, existing);
			return new RowPlan(source, archive.email(), archive.viewerId(), archive.calls(),
					"not in the roster (--archive-missing)"
							+ (archive.detail().isEmpty() ? "" : ": " + archive.detail()));
		}
		if (row.action() == Action.DELETE) {
			return (this.undo && row.projectsGiven()) ? planArchivedWith(row, source, existing)
					: planDelete(row, source, existing);
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
		calls.addAll(projectCalls(row, existing, this.syncProjects && row.projectsGiven()));
		return new RowPlan(source, row.email(), existing.id(), calls, nameDifference(row, existing));
	}

	/**
	 * The assigns of the row's missing projects, then, with {@code sync}, the unassigns
	 * of the others.
	 */
	private static List<PlannedCall> projectCalls(ViewerRow row, Viewer existing, boolean sync) {
		List<PlannedCall> calls = new ArrayList<>();
		Set<Long> current = projectIds(existing);
		row.projects().stream().filter(id -> !current.contains(id)).forEach(id -> calls.add(new AssignProject(id)));
		if (sync) {
			current.stream()
				.filter(id -> !row.projects().contains(id))
				.sorted()
				.forEach(id -> calls.add(new UnassignProject(id)));
		}
		return calls;
	}

	/**
	 * An undo's delete row: the viewer ends archived with exactly the row's projects, in
	 * the fewest requests the API accepts (it refuses project changes on an archived
	 * viewer).
	 */
	private static RowPlan planArchivedWith(ViewerRow row, CsvRow source, Viewer existing) {
		if (existing == null) {
			return planDelete(row, source, existing);
		}
		List<PlannedCall> projects = projectCalls(row, existing, true);
		if (existing.archived() && projects.isEmpty()) {
			return planDelete(row, source, existing);
		}
		List<PlannedCall> calls = new ArrayList<>();
		if (existing.archived()) {
			calls.add(new RestoreViewer());
		}
		calls.addAll(projects);
		calls.add(new ArchiveViewer());
		return new RowPlan(source, row.email(), existing.id(), calls,
				existing.archived() ? "restored to change its projects, then archived again" : "");
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
