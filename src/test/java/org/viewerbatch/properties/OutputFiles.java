package org.viewerbatch.properties;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

import org.viewerbatch.ledger.Outcome;

/**
 * What an import wrote: the results and rejects files, read as a user's spreadsheet reads
 * them, and the counts of its summary line on stderr.
 */
final class OutputFiles {

	private static final Pattern SUMMARY = Pattern.compile("(\\d+) rows(?: and (\\d+) active viewers the roster"
			+ " leaves out)?: created (\\d+), restored (\\d+), assigned (\\d+), unassigned (\\d+), unchanged (\\d+),"
			+ " deleted (\\d+), rejected (\\d+), (?:failed|not finished) (\\d+)");

	private OutputFiles() {
	}

	/** The records of a CSV file with a header; none when there is no such file. */
	static List<CSVRecord> records(Path file) {
		if (!Files.exists(file)) {
			return List.of();
		}
		try (Reader reader = Files.newBufferedReader(file)) {
			return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader).getRecords();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The {@code line} cell of each record. */
	static List<Long> lines(List<CSVRecord> records) {
		return records.stream().map((r) -> Long.valueOf(r.get("line"))).toList();
	}

	/** How many results rows have each outcome (a row may have several). */
	static Map<Outcome, Long> outcomes(List<CSVRecord> results) {
		Map<Outcome, Long> counts = new EnumMap<>(Outcome.class);
		for (Outcome outcome : Outcome.values()) {
			counts.put(outcome, 0L);
		}
		for (CSVRecord result : results) {
			for (String label : result.get("outcome").split("\\+")) {
				counts.merge(Outcome.valueOf(label.trim().toUpperCase(Locale.ROOT)), 1L, Long::sum);
			}
		}
		return counts;
	}

	/**
	 * The last summary line of {@code err}: the rows, the viewers a roster leaves out,
	 * then each outcome's count.
	 */
	static Optional<Summary> summary(String err) {
		Matcher matcher = SUMMARY.matcher(err);
		Summary last = null;
		while (matcher.find()) {
			Map<Outcome, Long> counts = new EnumMap<>(Outcome.class);
			Outcome[] outcomes = Outcome.values();
			for (int i = 0; i < outcomes.length; i++) {
				counts.put(outcomes[i], Long.valueOf(matcher.group(3 + i)));
			}
			last = new Summary(Long.parseLong(matcher.group(1)),
					(matcher.group(2) != null) ? Long.parseLong(matcher.group(2)) : 0, counts);
		}
		return Optional.ofNullable(last);
	}

	/** The counts of a summary line. */
	record Summary(long rows, long leftOut, Map<Outcome, Long> counts) {
	}

}
