package org.viewerbatch.imports;

/**
 * One valid row of an assignments import file: one project of one viewer, named by email
 * or by id.
 *
 * @param email the viewer's email, "" when the row names it by {@code viewerId}
 * @param viewerId the viewer's id, {@code null} when the row names it by email (the email
 * wins when a file has both: an export of another workspace carries that workspace's ids)
 * @param projectId the project in this workspace (after --project-map)
 */
record AssignmentRow(long line, String email, Long viewerId, long projectId, Action action) {

	/** The viewer as the file names it, for duplicates and messages. */
	String viewerKey() {
		return this.email.isEmpty() ? "#" + this.viewerId : WorkspaceSnapshot.key(this.email);
	}

	/** What the row asks for. */
	enum Action {

		/** The viewer has the project (the default). */
		ASSIGN,

		/** The viewer does not have the project. */
		UNASSIGN

	}

}
