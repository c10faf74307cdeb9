package org.viewerbatch.runs;

import java.util.List;

import org.viewerbatch.terminal.TerminalText;

/**
 * Rows of cells as plain text in aligned columns, two spaces apart, for a terminal; the
 * first row is the header. A cell's control characters are shown as escapes
 * ({@link TerminalText}): cells hold emails, file names and the API's answers.
 */
final class TextTable {

	private TextTable() {
	}

	static String render(List<List<String>> cells) {
		List<List<String>> rows = cells.stream()
			.map((row) -> row.stream().map(TerminalText::visible).toList())
			.toList();
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
