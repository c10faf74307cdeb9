package org.viewerbatch.csv;

/**
 * How to write an output CSV file (always UTF-8).
 *
 * @param delimiter the field delimiter
 * @param excel write a UTF-8 byte order mark and CRLF line ends (otherwise no BOM and LF)
 * @param formulaGuard neutralise cells a spreadsheet would run as a formula (see
 * {@link FormulaGuard})
 */
public record CsvOutputOptions(char delimiter, boolean excel, boolean formulaGuard) {

	public CsvOutputOptions {
		if (delimiter == '"' || delimiter == '\r' || delimiter == '\n') {
			throw new IllegalArgumentException("the delimiter cannot be a quote or a line break");
		}
	}

	/** Comma, LF, no BOM, formula guard on. */
	public static CsvOutputOptions defaults() {
		return new CsvOutputOptions(',', false, true);
	}

}
