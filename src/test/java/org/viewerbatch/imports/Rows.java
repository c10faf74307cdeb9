package org.viewerbatch.imports;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.viewerbatch.csv.CsvRow;

/** CSV rows for unit tests, as the csv package's reader would give them. */
final class Rows {

	private Rows() {
	}

	/** A row of the header {@code columns} with {@code values} in the same order. */
	static CsvRow row(long line, List<String> columns, String... values) {
		Map<String, String> map = new LinkedHashMap<>();
		for (int i = 0; i < columns.size(); i++) {
			map.put(columns.get(i).trim().toLowerCase(Locale.ROOT), (i < values.length) ? values[i].trim() : "");
		}
		return new CsvRow(line, map, columns, new ArrayList<>(List.of(values)));
	}

	static final List<String> VIEWERS = List.of("email", "firstname", "lastname", "projects", "action");

	static CsvRow viewer(long line, String email, String first, String last, String projects, String action) {
		return row(line, VIEWERS, email, first, last, projects, action);
	}

}
