package org.viewerbatch.csv;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * A CSV file rendered whole from records already known (a run's results, from the
 * ledger): written beside its target and moved into place ({@link AtomicFile}), so a
 * reader sees the old file or the new one, never half of one. Every cell, header
 * included, goes through the {@link FormulaGuard}: these files are opened in
 * spreadsheets, and {@link CsvRowReader} takes the guard off again.
 */
public final class RenderedCsvFile {

	private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setRecordSeparator("\n").get();

	private RenderedCsvFile() {
	}

	/**
	 * Writes the header and the records, each cell guarded, then each comment as a
	 * {@code # } line.
	 * @throws IOException when the file cannot be written or moved into place (the target
	 * is then left as it was)
	 */
	public static void write(Path target, List<String> header, Iterable<List<String>> records, List<String> comments)
			throws IOException {
		try (AtomicFile file = AtomicFile.beside(target)) {
			try (Writer writer = Files.newBufferedWriter(file.temp(), StandardCharsets.UTF_8);
					CSVPrinter printer = new CSVPrinter(writer, FORMAT)) {
				printer.printRecord(header.stream().map(FormulaGuard::guard));
				for (List<String> record : records) {
					printer.printRecord(record.stream().map(FormulaGuard::guard));
				}
				printer.flush();
				for (String comment : comments) {
					writer.append("# ").append(comment).append('\n');
				}
			}
			file.commit();
		}
	}

}
