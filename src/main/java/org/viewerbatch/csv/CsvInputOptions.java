package org.viewerbatch.csv;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * How to read an input CSV file: delimiter ({@code null} = detected from the header line
 * among {@code ,} {@code ;} and TAB), encoding (used when the file has no byte order
 * mark) and the {@code --map} renames from source column to canonical column.
 */
public record CsvInputOptions(Character delimiter, Charset encoding, Map<String, String> columnMap) {

	private static final String MAP_EXAMPLE = "\"Source Column=email,Given Name=firstname\"";

	public CsvInputOptions {
		if (delimiter != null && (delimiter == '"' || delimiter == '\r' || delimiter == '\n')) {
			throw new IllegalArgumentException("the delimiter cannot be a quote or a line break");
		}
		encoding = (encoding != null) ? encoding : StandardCharsets.UTF_8;
		columnMap = (columnMap != null) ? Collections.unmodifiableMap(new LinkedHashMap<>(columnMap)) : Map.of();
	}

	/** Auto-detected delimiter, UTF-8, no renames. */
	public static CsvInputOptions defaults() {
		return new CsvInputOptions(null, StandardCharsets.UTF_8, Map.of());
	}

	/**
	 * Parses {@code "Source Column=email,Given Name=firstname"} into source → canonical
	 * (lower-case) names, in order; {@code "Notes="} maps a column to {@code ""}, which
	 * ignores it. Source names keep their spelling; they are matched trimmed and
	 * case-insensitively against the header.
	 * @throws IllegalArgumentException with the reason when the spec is empty or an entry
	 * is malformed or repeated
	 */
	public static Map<String, String> parseMap(String spec) {
		if (spec == null || spec.isBlank()) {
			throw new IllegalArgumentException("--map is empty; expected " + MAP_EXAMPLE);
		}
		Map<String, String> map = new LinkedHashMap<>();
		Map<String, String> sourceByTarget = new LinkedHashMap<>();
		Map<String, String> seenSources = new LinkedHashMap<>();
		for (String entry : spec.split(",")) {
			if (entry.isBlank()) {
				continue;
			}
			int equals = entry.lastIndexOf('=');
			if (equals < 0) {
				throw new IllegalArgumentException(
						"--map entry '" + entry.trim() + "' has no '='; expected " + MAP_EXAMPLE);
			}
			String source = entry.substring(0, equals).trim();
			String target = entry.substring(equals + 1).trim().toLowerCase(Locale.ROOT);
			if (source.isEmpty()) {
				throw new IllegalArgumentException(
						"--map entry '" + entry.trim() + "' needs a column name before '='; expected " + MAP_EXAMPLE
								+ " (\"Notes=\" ignores a column)");
			}
			String previous = seenSources.put(source.toLowerCase(Locale.ROOT), source);
			if (previous != null) {
				throw new IllegalArgumentException("--map names column '" + source + "' twice");
			}
			// any number of columns may be ignored
			String otherSource = target.isEmpty() ? null : sourceByTarget.put(target, source);
			if (otherSource != null) {
				throw new IllegalArgumentException(
						"--map maps both '" + otherSource + "' and '" + source + "' to '" + target + "'");
			}
			map.put(source, target);
		}
		if (map.isEmpty()) {
			throw new IllegalArgumentException("--map is empty; expected " + MAP_EXAMPLE);
		}
		return Collections.unmodifiableMap(map);
	}

	/**
	 * Parses a {@code --delimiter} value: {@code auto} (→ {@code null}), {@code tab} or
	 * {@code \t}, or one character.
	 * @throws IllegalArgumentException when the value is none of these
	 */
	public static Character parseDelimiter(String value) {
		if (value == null || value.equalsIgnoreCase("auto")) {
			return null;
		}
		if (value.equalsIgnoreCase("tab") || value.equals("\\t") || value.equals("\t")) {
			return '\t';
		}
		if (value.length() != 1 || value.equals("\"") || value.equals("\r") || value.equals("\n")) {
			throw new IllegalArgumentException(
					"--delimiter must be one character such as , or ; or the word tab or auto, not '" + value + "'");
		}
		return value.charAt(0);
	}

}
