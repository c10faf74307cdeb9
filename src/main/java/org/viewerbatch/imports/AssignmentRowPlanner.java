package org.viewerbatch.imports;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.viewerbatch.apply.PlannedCall;
import org.viewerbatch.apply.PlannedCall.AssignProject;
import org.viewerbatch.apply.PlannedCall.UnassignProject;
import org.viewerbatch.apply.RowPlan;
import org.viewerbatch.apply.RowRejectedException;
import org.viewerbatch.client.ProjectRef;
import org.viewerbatch.client.Viewer;
import org.viewerbatch.csv.CsvRow;
import org.viewerbatch.csv.InputFileException;
import org.viewerbatch.imports.AssignmentRow.Action;

/**
 * Plans each row of an assignments file against the workspace snapshot: assign or
 * unassign its project, or nothing when that already holds. Viewers are never created
 * here: a row for a viewer the workspace does not have, or has archived, is rejected with
 * what to do.
 * <p>
 * With --sync, the first row of each viewer also unassigns the projects that no row of
 * the file names for that viewer. That needs the whole file: {@link #prepare} gets it
 * (every row, judged by the check pass) with the snapshot before the first row is
 * planned, at every step start, so rows of one viewer may be spread through the file and
 * a restart plans what is left the same way. A viewer with a row rejected before its
 * project was known (a project id that is not a number, or not in the project map; an
 * unknown action) is left alone by --sync: what the file wants for it is not known.
 */
final class AssignmentRowPlanner implements RowPlanner<AssignmentRow> {

	private final long workspaceId;

	private final boolean sync;

	private final long maxUnassigns;

	private final Path inputFile;

	private CheckedFile<AssignmentRow> file;

	private WorkspaceSnapshot workspace;

	/**
	 * "viewer id/project id" → the first line that names the pair (by email or by id).
	 */
	private final Map<String, Long> firstLines = new HashMap<>();

	/** Line → the projects --sync takes away from that line's viewer. */
	private final Map<Long, List<Long>> syncUnassigns = new HashMap<>();

	/** Line → why --sync leaves that line's viewer alone. */
	private final Map<Long, String> syncSkipped = new HashMap<>();

	/**
	 * @param maxUnassigns the most projects --sync may unassign in one run; more refuses
	 * the run before any write
	 */
	AssignmentRowPlanner(long workspaceId, boolean sync, long maxUnassigns, Path inputFile) {
		this.workspaceId = workspaceId;
		this.sync = sync;
		this.maxUnassigns = maxUnassigns;
		this.inputFile = inputFile;
	}

	/**
	 * Learns the whole file and the workspace before the first row: which lines repeat a
	 * viewer and project another line names, and what --sync unassigns (refused when more
	 * than --max-unassigns).
	 */
	@Override
	public void prepare(CheckedFile<AssignmentRow> checked, WorkspaceSnapshot snapshot) {
		this.file = checked;
		this.workspace = snapshot;
		this.firstLines.clear();
		this.syncUnassigns.clear();
		this.syncSkipped.clear();
		Map<Long, Set<Long>> named = new HashMap<>();
		Map<Long, Long> firstRowOfViewer = new LinkedHashMap<>();
		List<AssignmentRow> rows = checked.valid()
			.values()
			.stream()
			.sorted(Comparator.comparingLong(AssignmentRow::line))
			.toList();
		for (AssignmentRow row : rows) {
			Viewer viewer = viewerOf(row).orElse(null);
			if (viewer == null || viewer.archived()) {
				continue;
			}
			named.computeIfAbsent(viewer.id(), id -> new HashSet<>()).add(row.projectId());
			this.firstLines.putIfAbsent(pair(viewer.id(), row.projectId()), row.line());
			if (snapshot.hasProject(row.projectId())) {
				firstRowOfViewer.putIfAbsent(viewer.id(), row.line());
			}
		}
		if (this.sync) {
			Map<Long, Long> incomplete = incompleteViewers(checked, snapshot);
			firstRowOfViewer.forEach((viewerId, line) -> {
				if (incomplete.containsKey(viewerId)) {
					this.syncSkipped.put(line, "other projects kept: --sync skips this viewer, its row on line "
							+ incomplete.get(viewerId) + " was rejected");
					return;
				}
				List<Long> extra = projectIds(snapshot.viewerById(viewerId).orElseThrow()).stream()
					.filter(id -> !named.get(viewerId).contains(id))
					.sorted()
					.toList();
				if (!extra.isEmpty()) {
					this.syncUnassigns.put(line, extra);
				}
			});
			guardUnassigns();
		}
	}

	/**
	 * Viewer id → the first line for it that was rejected before its project was known.
	 */
	private static Map<Long, Long> incompleteViewers(CheckedFile<AssignmentRow> checked, WorkspaceSnapshot snapshot) {
		Map<Long, Long> incomplete = new HashMap<>();
		checked.rejections()
			.values()
			.stream()
			.filter(AssignmentRowParser.RejectedForViewer.class::isInstance)
			.map(AssignmentRowParser.RejectedForViewer.class::cast)
			.sorted(Comparator.comparingLong(RowRejectedException::line))
			.forEach(rejection -> {
				String key = rejection.viewerKey();
				Optional<Viewer> viewer = key.startsWith("#") ? snapshot.viewerById(Long.parseLong(key.substring(1)))
						: snapshot.viewerByEmail(key);
				viewer.ifPresent(found -> incomplete.putIfAbsent(found.id(), rejection.line()));
			});
		return incomplete;
	}

	/**
	 * Taking projects away is what --sync can do by surprise (a file with one project per
	 * viewer): it is bounded.
	 */
	private void guardUnassigns() {
		long total = this.syncUnassigns.values().stream().mapToLong(List::size).sum();
		if (total > this.maxUnassigns) {
			throw new InputFileException(this.inputFile, 0,
					"--sync would unassign " + total + " projects from " + this.syncUnassigns.size()
							+ " viewers (the projects the file does not list for them), more than" + " --max-unassigns "
							+ this.maxUnassigns + "; check the file, or raise --max-unassigns to run it");
		}
	}

	@Override
	public RowPlan process(CsvRow source) {
		RowRejectedException rejection = this.file.rejections().get(source.line());
		if (rejection != null) {
			throw rejection;
		}
		AssignmentRow row = this.file.valid().get(source.line());
		if (row == null) {
			throw new IllegalStateException("line " + source.line() + " was not in the file when it was checked");
		}
		Viewer viewer = viewerOf(row).orElseThrow(() -> unknownViewer(row));
		if (viewer.archived()) {
			throw RowRejectedException.invalid(row.line(), "archived-viewer",
					"viewer " + viewer.id() + " (" + viewer.email()
							+ ") is archived; restore it first: import-viewers restores an archived viewer"
							+ " that its file lists");
		}
		if (!this.workspace.hasProject(row.projectId())) {
			throw RowRejectedException.invalid(row.line(), "unknown-project", "no project " + row.projectId()
					+ " in workspace " + this.workspaceId + " (check the ids with the workspace's project list)");
		}
		Long first = this.firstLines.get(pair(viewer.id(), row.projectId()));
		if (first != null && first != row.line()) {
			throw RowRejectedException.invalid(row.line(), "duplicate", "duplicate of line " + first
					+ " (the same viewer, by email on one line and by id on the other, and the same project)");
		}
		return plan(row, source, viewer);
	}

	@Override
	public RowPlan replan(RowPlan plan, Viewer existing) {
		return plan(this.file.valid().get(plan.line()), plan.source(), existing);
	}

	private RowPlan plan(AssignmentRow row, CsvRow source, Viewer viewer) {
		boolean has = projectIds(viewer).contains(row.projectId());
		List<PlannedCall> calls = new ArrayList<>();
		if (row.action() == Action.ASSIGN && !has) {
			calls.add(new AssignProject(row.projectId()));
		}
		if (row.action() == Action.UNASSIGN && has) {
			calls.add(new UnassignProject(row.projectId()));
		}
		List<Long> extra = this.syncUnassigns.getOrDefault(row.line(), List.of());
		extra.forEach(id -> calls.add(new UnassignProject(id)));
		String detail = extra.isEmpty() ? this.syncSkipped.getOrDefault(row.line(), "")
				: "unassigns " + join(extra) + ": the file does not list them for this viewer (--sync)";
		return new RowPlan(source, viewer.email(), viewer.id(), calls, detail);
	}

	private Optional<Viewer> viewerOf(AssignmentRow row) {
		return row.email().isEmpty() ? this.workspace.viewerById(row.viewerId())
				: this.workspace.viewerByEmail(row.email());
	}

	private RowRejectedException unknownViewer(AssignmentRow row) {
		if (row.email().isEmpty()) {
			return RowRejectedException.invalid(row.line(), "unknown-viewer", "no viewer with id " + row.viewerId()
					+ " in workspace " + this.workspaceId + "; check the id, or name the viewer by its email");
		}
		return RowRejectedException.invalid(row.line(), "unknown-viewer", "'" + row.email()
				+ "' is not a viewer of workspace " + this.workspaceId + "; import it with import-viewers first");
	}

	private static String pair(long viewerId, long projectId) {
		return viewerId + "/" + projectId;
	}

	private static Set<Long> projectIds(Viewer viewer) {
		return (viewer.projects() != null)
				? viewer.projects().stream().map(ProjectRef::projectId).collect(Collectors.toSet()) : Set.of();
	}

	private static String join(List<Long> ids) {
		return ids.stream().map(String::valueOf).collect(Collectors.joining(", "));
	}

}
