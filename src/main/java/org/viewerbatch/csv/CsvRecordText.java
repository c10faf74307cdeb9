package org.viewerbatch.csv;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * One CSV record as one string, for keeping a row's cells in a single column or value
 * (quotes, delimiters and line breaks inside cells survive the trip).
 */
public final class CsvRecordText {

	private CsvRecordText() {
	}

	public static String format(List<String> cells) {
		return CSVFormat.DEFAULT.format(cells.toArray());
	}

	/** The cells of a string made by {@link #format}. */
	public static List<String> parse(String text) {
		List<String> cells = new ArrayList<>();
		try (CSVParser parser = CSVParser.parse(new StringReader(text), CSVFormat.DEFAULT)) {
			for (CSVRecord record : parser) {
				record.forEach(cells::add);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return cells;
	}

}
