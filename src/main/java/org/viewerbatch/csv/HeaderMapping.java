package org.viewerbatch.csv;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The columns of a file's header resolved to canonical names: trimmed, case-insensitive,
 * after {@code --map}, and the usual other names ({@link HeaderAliases}). Blank and
 * ignored columns are dropped; duplicates, unknown map sources and missing required
 * columns are refused.
 */
final class HeaderMapping {

	private final List<String> header;

	/** Canonical name per header position, {@code null} where the column is dropped. */
	private final List<String> canonical;

	private HeaderMapping(List<String> header, List<String> canonical) {
		this.header = List.copyOf(header);
		this.canonical = Collections.unmodifiableList(canonical);
	}

	static HeaderMapping resolve(Path file, long line, List<String> header, Map<String, String> columnMap,
			Set<String> required, Set<String> ignored) {
		List<String> found = header.stream().map(String::trim).toList();
		if (found.stream().allMatch(String::isEmpty)) {
			throw new InputFileException(file, line,
					"the first line has no column names; expected a header line such as email,firstname,lastname");
		}
		Map<String, String> map = new HashMap<>();
		columnMap.forEach((source, target) -> map.put(key(source), key(target)));
		Set<String> unused = new HashSet<>(map.keySet());
		List<String> canonical = new ArrayList<>();
		Map<String, Integer> positions = new HashMap<>();
		for (int i = 0; i < found.size(); i++) {
			String name = found.get(i);
			String column = map.containsKey(key(name)) ? map.get(key(name))
					: HeaderAliases.canonical(name).orElse(key(name));
			unused.remove(key(name));
			if (column.isEmpty() || ignored.contains(column)) {
				canonical.add(null);
				continue;
			}
			Integer other = positions.putIfAbsent(column, i);
			if (other != null) {
				throw new InputFileException(file, line, "two columns are '" + column + "': '" + found.get(other)
						+ "' (column " + (other + 1) + ") and '" + name + "' (column " + (i + 1)
						+ "); remove one, or tell which with --map \"" + name + "=\" (an empty name ignores it)");
			}
			canonical.add(column);
		}
		if (!unused.isEmpty()) {
			String unknown = columnMap.keySet()
				.stream()
				.filter((source) -> unused.contains(key(source)))
				.map((source) -> "'" + source + "'")
				.collect(Collectors.joining(", "));
			throw new InputFileException(file, line,
					"--map names " + unknown + ", not in the header; found " + found + delimiterHint(found));
		}
		List<String> missing = required.stream()
			.map(HeaderMapping::key)
			.filter((column) -> !positions.containsKey(column))
			.sorted()
			.toList();
		if (!missing.isEmpty()) {
			throw new InputFileException(file, line, "missing column" + (missing.size() > 1 ? "s " : " ")
					+ missing.stream().map((column) -> "'" + column + "'").collect(Collectors.joining(", "))
					+ "; found " + found + "; use --map \"Your Column=" + missing.get(0) + "\"" + delimiterHint(found));
		}
		return new HeaderMapping(header, canonical);
	}

	/**
	 * A one-column header that contains another delimiter usually means the delimiter
	 * given is wrong.
	 */
	private static String delimiterHint(List<String> found) {
		if (found.size() == 1 && found.get(0).matches(".*[,;\t].*")) {
			return "; the header was read as a single column: check --delimiter";
		}
		return "";
	}

	static String key(String name) {
		return name.trim().toLowerCase(Locale.ROOT);
	}

	List<String> header() {
		return this.header;
	}

	List<String> columns() {
		return this.canonical.stream().filter((column) -> column != null).toList();
	}

	/**
	 * Which header names became another column, e.g. {@code 'E-Mail Address' → email}:
	 * what the summary says it understood.
	 */
	List<String> renamed() {
		List<String> renamed = new ArrayList<>();
		for (int i = 0; i < this.canonical.size(); i++) {
			String column = this.canonical.get(i);
			String name = this.header.get(i).trim();
			if (column != null && !column.equals(key(name))) {
				renamed.add("'" + name + "' → " + column);
			}
		}
		return renamed;
	}

	/**
	 * Canonical column → value without the whitespace around it, "" for a short row (the
	 * raw cells come with their formula guard already taken off). A control character
	 * that is no whitespace (NUL, ESC) stays, even at either end, for the import to
	 * reject.
	 */
	Map<String, String> values(List<String> raw) {
		Map<String, String> values = new LinkedHashMap<>();
		for (int i = 0; i < this.canonical.size(); i++) {
			String column = this.canonical.get(i);
			if (column != null) {
				values.put(column, (i < raw.size()) ? raw.get(i).strip() : "");
			}
		}
		return values;
	}

}
