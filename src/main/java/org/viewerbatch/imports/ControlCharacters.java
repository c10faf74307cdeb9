package org.viewerbatch.imports;

import java.util.List;

import org.viewerbatch.apply.RowRejectedException;
import org.viewerbatch.csv.CsvRow;

/**
 * Control characters (C0, DEL, C1) have no place in any cell of an input file: they are
 * invisible in a spreadsheet, a NUL cuts a value short in other systems, and an ESC
 * sequence changes what a terminal shows of a message. A row that holds one is rejected
 * ({@value #ERROR}) before anything reads its values.
 */
final class ControlCharacters {

	static final String ERROR = "control-character";

	private ControlCharacters() {
	}

	/**
	 * Rejects the row when one of its cells holds a control character; the columns a
	 * rejects file adds are left out, since the reader drops them.
	 */
	static void refuse(CsvRow row) {
		List<String> cells = row.rawValues();
		for (int i = 0; i < cells.size(); i++) {
			String cell = cells.get(i);
			int at = first(cell);
			String column = (i < row.header().size()) ? row.header().get(i) : null;
			if (at < 0 || (column != null && ResultFiles.isRejectColumn(column))) {
				continue;
			}
			throw RowRejectedException.invalid(row.line(), ERROR,
					((column != null) ? "column '" + column + "'" : "value " + (i + 1) + ", after the last column,")
							+ " holds the control character " + visible(cell.substring(at, at + 1)) + " (character "
							+ (at + 1) + "), which a spreadsheet does not show; remove it");
		}
	}

	/** The index of the text's first control character, -1 when it has none. */
	static int first(String text) {
		for (int i = 0; i < text.length(); i++) {
			if (Character.isISOControl(text.charAt(i))) {
				return i;
			}
		}
		return -1;
	}

	/** The text with each control character shown as {@code U+XXXX}. */
	static String visible(String text) {
		StringBuilder visible = new StringBuilder(text.length());
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			visible.append(Character.isISOControl(c) ? String.format("U+%04X", (int) c) : String.valueOf(c));
		}
		return visible.toString();
	}

}
