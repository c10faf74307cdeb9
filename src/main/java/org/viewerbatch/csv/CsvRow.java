package org.viewerbatch.csv;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One data record of an input CSV file.
 *
 * @param line physical line where the record starts (header = line 1; blank lines and
 * line breaks inside quoted values are counted)
 * @param values canonical lower-case column → trimmed value ("" when the row is short);
 * ignored columns are absent
 * @param header the header names as written in the file (spaces around them removed, a
 * formula guard taken off)
 * @param rawValues the values as written in the file (spaces around unquoted values
 * removed, a formula guard taken off), in file order; may be shorter or longer than the
 * header
 */
public record CsvRow(long line, Map<String, String> values, List<String> header, List<String> rawValues) {

	public CsvRow {
		values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
		header = List.copyOf(header);
		rawValues = List.copyOf(rawValues);
	}

	/**
	 * The trimmed value of a canonical column (matched case-insensitively), "" when
	 * absent.
	 */
	public String get(String column) {
		return this.values.getOrDefault(column.toLowerCase(Locale.ROOT), "");
	}

	/**
	 * Whether the row has non-blank values beyond the last header column, which usually
	 * means an unquoted delimiter inside a value (e.g. {@code Smith, Jr}) shifted the
	 * row; trailing empty cells do not count.
	 */
	public boolean hasExtraValues() {
		return this.rawValues.stream().skip(this.header.size()).anyMatch((value) -> !value.isBlank());
	}

}
