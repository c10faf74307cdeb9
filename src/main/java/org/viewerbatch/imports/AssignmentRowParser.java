package org.viewerbatch.imports;

import java.util.Locale;

import org.viewerbatch.apply.RowRejectedException;
import org.viewerbatch.csv.CsvRow;
import org.viewerbatch.imports.AssignmentRow.Action;

/**
 * Checks one row of an assignments file on its own: the viewer (an email, or else a
 * {@code viewer_id}), the project id (rewritten by the project map) and the action.
 * Whether the viewer and the project exist depends on the workspace, so the planner
 * checks that.
 */
final class AssignmentRowParser implements FileCheck.RowParser<AssignmentRow> {

	private final ProjectMap projectMap;

	AssignmentRowParser(ProjectMap projectMap) {
		this.projectMap = projectMap;
	}

	@Override
	public AssignmentRow parse(CsvRow row) {
		long line = row.line();
		if (row.hasExtraValues()) {
			throw RowRejectedException.invalid(line, "invalid-row", "the row has more values than the header has"
					+ " columns: a value with the delimiter in it must be quoted");
		}
		String email = row.get("email");
		Long viewerId = null;
		if (!email.isEmpty()) {
			email = EmailAddress.read(line, email).address();
		}
		else if (!row.get("viewer_id").isEmpty()) {
			viewerId = positive(line, row.get("viewer_id"), "invalid-viewer-id", "viewer id");
		}
		else {
			throw RowRejectedException.invalid(line, "missing-viewer",
					"the row names no viewer: its email and" + " viewer_id are both empty");
		}
		try {
			return new AssignmentRow(line, email, viewerId, projectId(line, row.get("project_id")),
					action(line, row.get("action")));
		}
		catch (RowRejectedException ex) {
			throw new RejectedForViewer(ex, email.isEmpty() ? "#" + viewerId : WorkspaceSnapshot.key(email));
		}
	}

	private long projectId(long line, String cell) {
		if (cell.isEmpty()) {
			throw RowRejectedException.invalid(line, "invalid-project-id", "the project_id is empty");
		}
		return this.projectMap.map(line, positive(line, cell, "invalid-project-id", "project id"));
	}

	/**
	 * A row whose viewer could be read but not the rest: what the file wants for that
	 * viewer is not fully known, so --sync leaves its other projects alone.
	 */
	static final class RejectedForViewer extends RowRejectedException {

		private final String viewerKey;

		RejectedForViewer(RowRejectedException rejection, String viewerKey) {
			super(rejection.line(), rejection.error(), rejection.httpStatus(), rejection.getMessage(), null);
			this.viewerKey = viewerKey;
		}

		/** The viewer as {@link AssignmentRow#viewerKey()} names it. */
		String viewerKey() {
			return this.viewerKey;
		}

	}

	private static long positive(long line, String cell, String error, String what) {
		try {
			long value = Long.parseLong(cell);
			if (value > 0) {
				return value;
			}
		}
		catch (NumberFormatException ex) {
			// rejected below with the value
		}
		throw RowRejectedException.invalid(line, error, what + " '" + cell + "' is not a positive number");
	}

	private static Action action(long line, String cell) {
		String action = cell.toLowerCase(Locale.ROOT);
		if (action.isEmpty() || action.equals("assign")) {
			return Action.ASSIGN;
		}
		if (action.equals("unassign")) {
			return Action.UNASSIGN;
		}
		throw RowRejectedException.invalid(line, "invalid-action", "action '" + cell + "' is not assign or unassign");
	}

}
