package org.viewerbatch.undo;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.viewerbatch.client.ProjectRef;
import org.viewerbatch.client.Viewer;
import org.viewerbatch.imports.WorkspaceSnapshot;
import org.viewerbatch.ledger.LedgerChange;
import org.viewerbatch.ledger.LedgerChange.Result;

/**
 * What undoing a run takes, from the changes its ledger recorded and the workspace as it
 * is now: for every viewer the run changed, its whole state before the run, status and
 * projects (each project assigned taken away, each unassigned given back; the status it
 * had before the run's first status change), as one row of a viewers file that an undo's
 * import applies with the fewest requests: {@code upsert} is active with exactly those
 * projects, {@code delete} archived with exactly those. A viewer the run created is
 * archived as it is (it had no state before). Nothing is ever created, so nobody is
 * invited.
 * <p>
 * A viewer whose state now differs from what the run left, in what the run changed
 * (someone else changed it since), is a conflict: left alone, unless forced. A change the
 * run left in doubt that does not hold now did not happen: there is nothing of it to
 * undo.
 */
public final class UndoPlan {

	/** The header of the file the rows are written to. */
	public static final List<String> HEADER = List.of("email", "firstname", "lastname", "projects", "action");

	private final List<List<String>> rows;

	private final List<String> conflicts;

	private final long created;

	private UndoPlan(List<List<String>> rows, List<String> conflicts, long created) {
		this.rows = rows;
		this.conflicts = conflicts;
		this.created = created;
	}

	/**
	 * The plan for a run whose ledger has {@code changes}, against the workspace's
	 * viewers as they are {@code now}.
	 */
	public static UndoPlan of(List<LedgerChange> changes, WorkspaceSnapshot now, boolean force) {
		Map<String, List<LedgerChange>> byViewer = changes.stream()
			.filter((change) -> change.result() != Result.REFUSED && change.email() != null)
			.sorted(Comparator.comparing(LedgerChange::executionId).thenComparing(LedgerChange::attempt))
			.collect(Collectors.groupingBy((change) -> WorkspaceSnapshot.key(change.email()), LinkedHashMap::new,
					Collectors.toList()));
		List<List<String>> rows = new ArrayList<>();
		List<String> conflicts = new ArrayList<>();
		long created = 0;
		for (Map.Entry<String, List<LedgerChange>> entry : byViewer.entrySet()) {
			Viewer viewer = now.viewerByEmail(entry.getKey()).orElse(null);
			Effects effects = Effects.of(entry.getValue());
			if (viewer == null) {
				conflicts.add(entry.getKey() + ": no longer in the workspace (undo never creates a viewer)");
				continue;
			}
			List<String> changedSince = effects.changedSince(viewer);
			if (!changedSince.isEmpty() && !force) {
				conflicts.add(entry.getKey() + ": changed since the run (" + String.join("; ", changedSince)
						+ "): left alone; --force undoes it anyway");
				continue;
			}
			created += effects.created ? 1 : 0;
			rows.add(effects.undo(viewer));
		}
		return new UndoPlan(rows, conflicts, created);
	}

	/** One row per viewer to put back, in the order of {@link #HEADER}. */
	public List<List<String>> rows() {
		return this.rows;
	}

	/** The viewers left alone, each with why. */
	public List<String> conflicts() {
		return this.conflicts;
	}

	/** How many viewers the run created: archived by the undo, their invitations sent. */
	public long created() {
		return this.created;
	}

	/**
	 * What a run did to one viewer: the status before its first status change, its last
	 * status change, and each project's.
	 */
	private static final class Effects {

		/** {@code active} or {@code archived}: what the run found, when it changed it. */
		private String before;

		/** {@code active} or {@code archived}: what the run left, when it changed it. */
		private String status;

		private boolean statusDone;

		private boolean created;

		/** Project → whether the run left it assigned (true) or unassigned, and done. */
		private final Map<Long, Boolean> projects = new LinkedHashMap<>();

		private final Map<Long, Boolean> projectsDone = new LinkedHashMap<>();

		static Effects of(List<LedgerChange> changes) {
			Effects effects = new Effects();
			for (LedgerChange change : changes) {
				boolean done = change.result() == Result.DONE;
				switch (change.operation()) {
					case "create" -> {
						effects.created = true;
						effects.status(null, "active", done);
					}
					case "restore" -> effects.status("archived", "active", done);
					case "archive" -> effects.status("active", "archived", done);
					case "assign" -> effects.project(change.projectId(), true, done);
					case "unassign" -> effects.project(change.projectId(), false, done);
					default -> {
						// nothing else changes a viewer
					}
				}
			}
			return effects;
		}

		/**
		 * A status change from {@code from} to {@code to}: the planner sends one only to
		 * a viewer in {@code from}, so the first tells the status before the run.
		 */
		private void status(String from, String to, boolean done) {
			if (this.status == null) {
				this.before = from;
			}
			this.status = to;
			this.statusDone = done;
		}

		private void project(Long projectId, boolean assigned, boolean done) {
			if (projectId != null) {
				this.projects.put(projectId, assigned);
				this.projectsDone.put(projectId, done);
			}
		}

		/** What the run left that does not hold now, of what it surely did. */
		List<String> changedSince(Viewer viewer) {
			List<String> changed = new ArrayList<>();
			if (this.status != null && this.statusDone && !this.status.equals(status(viewer))) {
				changed.add("the run left it " + this.status + ", it is " + status(viewer));
			}
			Set<Long> has = projectIds(viewer);
			this.projects.forEach((projectId, assigned) -> {
				if (this.projectsDone.get(projectId) && has.contains(projectId) != assigned) {
					changed.add("the run " + (assigned ? "assigned" : "unassigned") + " project " + projectId
							+ ", which it " + (assigned ? "no longer has" : "has again"));
				}
			});
			return changed;
		}

		/**
		 * The row that puts the viewer back as it was before the run; one the run created
		 * is archived with the projects it has (the fewest requests).
		 */
		List<String> undo(Viewer viewer) {
			Set<Long> projects = projectIds(viewer);
			if (!this.created) {
				this.projects.forEach((projectId, assigned) -> {
					if (assigned) {
						projects.remove(projectId);
					}
					else {
						projects.add(projectId);
					}
				});
			}
			boolean archive = this.created
					|| ((this.before != null) ? this.before.equals("archived") : viewer.archived());
			return List.of(viewer.email(), "", "",
					projects.stream().map(String::valueOf).collect(Collectors.joining(";")),
					archive ? "delete" : "upsert");
		}

		private static String status(Viewer viewer) {
			return viewer.archived() ? "archived" : "active";
		}

		private static Set<Long> projectIds(Viewer viewer) {
			return viewer.projects().stream().map(ProjectRef::projectId).collect(Collectors.toCollection(TreeSet::new));
		}

	}

}
