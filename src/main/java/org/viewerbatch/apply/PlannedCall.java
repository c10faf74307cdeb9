package org.viewerbatch.apply;

import org.viewerbatch.client.ProjectRef;
import org.viewerbatch.client.Viewer;
import org.viewerbatch.client.WebWorkClient;
import org.viewerbatch.ledger.Outcome;

/**
 * One API request that a row's plan needs, in the order the row needs them.
 */
public sealed interface PlannedCall {

	/** The outcome this call gives a row in the results file. */
	Outcome outcome();

	/**
	 * What the call does, as the ledger names it: {@code create}, {@code restore},
	 * {@code assign}, {@code unassign} or {@code archive}.
	 */
	String operation();

	/** The project assigned or unassigned, else {@code null}. */
	default Long project() {
		return null;
	}

	/** A short description for the plan file, e.g. {@code assign 101}. */
	default String describe() {
		return (project() != null) ? operation() + " " + project() : operation();
	}

	/**
	 * Creates the viewer; sends an invitation, so it is never repeated without a look-up
	 * first.
	 */
	record CreateViewer(String email, String firstname, String lastname) implements PlannedCall {

		@Override
		public Outcome outcome() {
			return Outcome.CREATED;
		}

		@Override
		public String operation() {
			return "create";
		}

	}

	/**
	 * A call on an existing viewer; the API has no idempotency key, so each one can be
	 * checked afterwards.
	 */
	sealed interface ViewerChange extends PlannedCall {

		/**
		 * Sends the call; {@code whenPaced} runs once it has its slot under the rate
		 * limit, before it leaves.
		 */
		void send(WebWorkClient client, long workspaceId, long viewerId, Runnable whenPaced);

		/**
		 * Whether the viewer, as the API shows it now, already has what this call would
		 * do.
		 */
		boolean holds(Viewer viewer);

	}

	/** Restores an archived viewer. */
	record RestoreViewer() implements ViewerChange {

		@Override
		public Outcome outcome() {
			return Outcome.RESTORED;
		}

		@Override
		public String operation() {
			return "restore";
		}

		@Override
		public void send(WebWorkClient client, long workspaceId, long viewerId, Runnable whenPaced) {
			client.restoreViewer(workspaceId, viewerId, whenPaced);
		}

		@Override
		public boolean holds(Viewer viewer) {
			return !viewer.archived();
		}

	}

	/** Gives the viewer access to one project. */
	record AssignProject(long projectId) implements ViewerChange {

		@Override
		public Outcome outcome() {
			return Outcome.ASSIGNED;
		}

		@Override
		public String operation() {
			return "assign";
		}

		@Override
		public Long project() {
			return this.projectId;
		}

		@Override
		public void send(WebWorkClient client, long workspaceId, long viewerId, Runnable whenPaced) {
			client.assignProject(workspaceId, viewerId, this.projectId, whenPaced);
		}

		@Override
		public boolean holds(Viewer viewer) {
			return hasProject(viewer, this.projectId);
		}

	}

	/** Takes one project away from the viewer. */
	record UnassignProject(long projectId) implements ViewerChange {

		@Override
		public Outcome outcome() {
			return Outcome.UNASSIGNED;
		}

		@Override
		public String operation() {
			return "unassign";
		}

		@Override
		public Long project() {
			return this.projectId;
		}

		@Override
		public void send(WebWorkClient client, long workspaceId, long viewerId, Runnable whenPaced) {
			client.unassignProject(workspaceId, viewerId, this.projectId, whenPaced);
		}

		@Override
		public boolean holds(Viewer viewer) {
			return !hasProject(viewer, this.projectId);
		}

	}

	/** Archives the viewer (the API's soft delete). */
	record ArchiveViewer() implements ViewerChange {

		@Override
		public Outcome outcome() {
			return Outcome.DELETED;
		}

		@Override
		public String operation() {
			return "archive";
		}

		@Override
		public void send(WebWorkClient client, long workspaceId, long viewerId, Runnable whenPaced) {
			client.deleteViewer(workspaceId, viewerId, whenPaced);
		}

		@Override
		public boolean holds(Viewer viewer) {
			return viewer.archived();
		}

	}

	private static boolean hasProject(Viewer viewer, long projectId) {
		return viewer.projects() != null
				&& viewer.projects().stream().map(ProjectRef::projectId).anyMatch(id -> id == projectId);
	}

}
