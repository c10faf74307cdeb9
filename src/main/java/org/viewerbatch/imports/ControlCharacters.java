package org.viewerbatch.imports;

import org.viewerbatch.apply.RowRejectedException;
import org.viewerbatch.csv.CsvRow;

/**
 * Control characters (C0, DEL, C1) have no place in any cell of an input file: they are
 * invisible in a spreadsheet, a NUL cuts a value short in other systems, and an ESC
 * sequence changes what a terminal shows of a message. A row that holds one in a value is
 * rejected ({@value #ERROR}) before anything reads its values. The columns that
 * {@code --map "Column="} drops, and those a rejects file adds, are not read, so not
 * checked.
 */
final class ControlCharacters {

	static final String ERROR = "control-character";

	private ControlCharacters() {
	}

	/**
	 * Rejects the row when a value the reader keeps holds a control character; the
	 * whitespace around a value (tabs and line breaks too) is not part of it.
	 */
	static void refuse(CsvRow row) {
		row.values().forEach((column, value) -> {
			int at = first(value);
			if (at >= 0) {
				throw RowRejectedException.invalid(row.line(), ERROR,
						"column '" + column + "' holds the control character " + visible(value.substring(at, at + 1))
								+ " (character " + (at + 1) + "); no name, address or id has one: remove it");
			}
		});
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
