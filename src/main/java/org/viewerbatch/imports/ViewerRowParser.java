package org.viewerbatch.imports;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.viewerbatch.apply.RowRejectedException;
import org.viewerbatch.csv.CsvRow;
import org.viewerbatch.imports.ViewerRow.Action;

/**
 * Checks one row of a viewers file on its own: the email (see {@link EmailAddress}), the
 * project ids, the action. Whether the names are needed depends on the workspace (only
 * new viewers need them), so the planner checks that.
 */
final class ViewerRowParser implements FileCheck.RowParser<ViewerRow> {

	private static final Pattern PROJECT_SEPARATORS = Pattern.compile("[;|,]");

	private final ProjectMap projectMap;

	ViewerRowParser() {
		this(ProjectMap.NONE);
	}

	/**
	 * @param projectMap rewrites the row's project ids (an id it does not name rejects
	 * the row)
	 */
	ViewerRowParser(ProjectMap projectMap) {
		this.projectMap = projectMap;
	}

	@Override
	public ViewerRow parse(CsvRow row) {
		long line = row.line();
		if (row.hasExtraValues()) {
			throw RowRejectedException.invalid(line, "invalid-row", "the row has more values than the header has"
					+ " columns: a value with the delimiter in it must be quoted");
		}
		String email = EmailAddress.read(line, row.get("email")).address();
		return new ViewerRow(line, email, row.get("firstname").trim(), row.get("lastname").trim(),
				projects(line, row.get("projects")), row.values().containsKey("projects"),
				action(line, row.get("action")));
	}

	private List<Long> projects(long line, String cell) {
		List<Long> ids = new ArrayList<>();
		for (String part : PROJECT_SEPARATORS.split(cell.trim())) {
			String id = part.trim();
			if (id.isEmpty()) {
				continue;
			}
			try {
				long value = Long.parseLong(id);
				if (value <= 0) {
					throw new NumberFormatException();
				}
				long mapped = this.projectMap.map(line, value);
				if (!ids.contains(mapped)) {
					ids.add(mapped);
				}
			}
			catch (NumberFormatException ex) {
				throw RowRejectedException.invalid(line, "invalid-project-id",
						"project id '" + id + "' is not a positive number (separate ids with ';' or '|')");
			}
		}
		return ids;
	}

	private static Action action(long line, String cell) {
		String action = cell.trim().toLowerCase(Locale.ROOT);
		if (action.isEmpty() || action.equals("upsert")) {
			return Action.UPSERT;
		}
		if (action.equals("delete")) {
			return Action.DELETE;
		}
		throw RowRejectedException.invalid(line, "invalid-action",
				"action '" + cell.trim() + "' is not upsert or delete");
	}

}
