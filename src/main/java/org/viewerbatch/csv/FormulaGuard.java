package org.viewerbatch.csv;

import java.util.regex.Pattern;

/**
 * Neutralises spreadsheet formulas in CSV cells (OWASP "CSV injection"): a cell that
 * starts with {@code = + - @}, TAB or CR gets a leading {@code '} so that Excel,
 * LibreOffice and Google Sheets show it as text. Plain numbers such as {@code -2},
 * {@code +1.5} or {@code -1,5} are left alone: a spreadsheet can only read them as
 * numbers. A cell that already starts with {@code '} before such a character gets one
 * more, so that the import can take exactly one off again and an export, results or
 * rejects file reads back as it was. See
 * https://owasp.org/www-community/attacks/CSV_Injection
 * <p>
 * The one ambiguity: a cell typed by hand as {@code '} followed by one of those
 * characters (e.g. {@code '=x}) is read as if the guard had written it ({@code =x}). A
 * {@code '} before anything else ({@code 'plain}, {@code '-2}) is never taken off.
 */
public final class FormulaGuard {

	private static final String TRIGGERS = "=+-@\t\r";

	private static final Pattern PLAIN_NUMBER = Pattern.compile("[+-]?(\\d+([.,]\\d+)?|[.,]\\d+)([eE][+-]?\\d+)?");

	private FormulaGuard() {
	}

	/**
	 * The cell, prefixed with {@code '} when a spreadsheet would evaluate it;
	 * {@code null} stays {@code null}.
	 */
	public static String guard(String cell) {
		return needsGuard(cell) ? "'" + cell : cell;
	}

	/**
	 * Inverse of {@link #guard}: takes off the one {@code '} that it adds, and nothing
	 * else, so a file we wrote reads back with its original values.
	 */
	static String unguard(String cell) {
		return (cell.startsWith("'") && needsGuard(cell.substring(1))) ? cell.substring(1) : cell;
	}

	private static boolean needsGuard(String cell) {
		if (cell == null) {
			return false;
		}
		String formula = cell.replaceFirst("^'+", "");
		return !formula.isEmpty() && TRIGGERS.indexOf(formula.charAt(0)) >= 0
				&& !PLAIN_NUMBER.matcher(formula).matches();
	}

}
