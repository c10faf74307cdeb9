package org.viewerbatch.imports;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.viewerbatch.apply.RowRejectedException;
import org.viewerbatch.csv.CsvInputOptions;
import org.viewerbatch.csv.CsvRow;
import org.viewerbatch.csv.CsvRowReader;
import org.viewerbatch.csv.InputFileException;

/**
 * The project ids of another workspace rewritten to this one's
 * ({@code --project-map FILE}, a CSV file with the header {@code from,to}), for moving
 * viewers between workspaces. An id the map does not name is an error of its row, never
 * passed through as it is: in the other workspace the same number is a different project,
 * or none.
 */
final class ProjectMap {

	/** Without --project-map: every id stays as it is. */
	static final ProjectMap NONE = new ProjectMap(null, Map.of());

	private final Path file;

	private final Map<Long, Long> ids;

	private ProjectMap(Path file, Map<Long, Long> ids) {
		this.file = file;
		this.ids = Map.copyOf(ids);
	}

	/**
	 * Reads a map file: a header {@code from,to} (any case, any column order, other
	 * columns ignored), then one line per project. Several ids may map to the same one;
	 * one id mapped to two different ones is an error.
	 * @throws InputFileException with the map file, the line and the reason when it
	 * cannot be used
	 */
	static ProjectMap read(Path file) {
		Map<Long, Long> ids = new HashMap<>();
		Map<Long, Long> lines = new HashMap<>();
		try (Stream<CsvRow> rows = CsvRowReader.rows(file, CsvInputOptions.defaults(), Set.of(), Set.of())) {
			rows.forEach(row -> {
				if (!row.values().containsKey("from") || !row.values().containsKey("to")) {
					throw new InputFileException(file, 1,
							"a project map needs the header from,to; found " + row.header());
				}
				long from = projectId(file, row, "from");
				long to = projectId(file, row, "to");
				Long earlier = ids.putIfAbsent(from, to);
				if (earlier != null && earlier != to) {
					throw new InputFileException(file, row.line(), "project " + from + " is mapped to " + earlier
							+ " on line " + lines.get(from) + " and to " + to + " here; keep one of them");
				}
				lines.putIfAbsent(from, row.line());
			});
		}
		return new ProjectMap(file, ids);
	}

	private static long projectId(Path file, CsvRow row, String column) {
		String value = row.get(column);
		try {
			long id = Long.parseLong(value);
			if (id > 0) {
				return id;
			}
		}
		catch (NumberFormatException ex) {
			// reported below with the value
		}
		throw new InputFileException(file, row.line(), (value.isEmpty() ? "the '" + column + "' project id is empty"
				: "'" + value + "' in column '" + column + "' is not a project id (a positive number)"));
	}

	/**
	 * The id in this workspace for {@code projectId} of the file's row on {@code line}.
	 * @throws RowRejectedException when the map does not name the id
	 */
	long map(long line, long projectId) {
		if (this.file == null) {
			return projectId;
		}
		Long mapped = this.ids.get(projectId);
		if (mapped == null) {
			throw RowRejectedException.invalid(line, "unmapped-project",
					"project " + projectId + " is not in the project map " + this.file.getFileName() + " (add a line "
							+ projectId + ",<its id in this workspace>)");
		}
		return mapped;
	}

	int size() {
		return this.ids.size();
	}

}
