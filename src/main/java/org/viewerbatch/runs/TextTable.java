package org.viewerbatch.runs;

import java.util.List;

/**
 * Rows of cells as plain text in aligned columns, two spaces apart, for a terminal; the
 * first row is the header.
 */
final class TextTable {

	private TextTable() {
	}

	static String render(List<List<String>> rows) {
		int columns = rows.stream().mapToInt(List::size).max().orElse(0);
		int[] widths = new int[columns];
		for (List<String> row : rows) {
			for (int i = 0; i < row.size(); i++) {
				widths[i] = Math.max(widths[i], row.get(i).length());
			}
		}
		StringBuilder table = new StringBuilder();
		for (List<String> row : rows) {
			StringBuilder line = new StringBuilder();
			for (int i = 0; i < row.size(); i++) {
				line.append(String.format("%-" + widths[i] + "s", row.get(i)));
				if (i < row.size() - 1) {
					line.append("  ");
				}
			}
			table.append(line.toString().stripTrailing()).append('\n');
		}
		return table.toString();
	}

}
