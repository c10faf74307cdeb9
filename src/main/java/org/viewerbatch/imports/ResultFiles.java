package org.viewerbatch.imports;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.viewerbatch.csv.RenderedCsvFile;
import org.viewerbatch.ledger.LedgerRow;
import org.viewerbatch.ledger.LedgerRow.Kind;
import org.viewerbatch.ledger.RecordedRows;

/**
 * The results file (one line per applied row) and the rejects file (each rejected row
 * with its original columns, so it can be corrected and imported again as it is),
 * rendered from the ledger when the run completes; {@link RenderedCsvFile} guards every
 * cell against formulas.
 */
final class ResultFiles {

	static final List<String> RESULTS_HEADER = List.of("line", "email", "viewer_id", "outcome", "requests", "detail");

	/** Added to a rejected row, and ignored when a rejects file is imported again. */
	public static final List<String> REJECT_COLUMNS = List.of("line", "error", "http_status", "message");

	private final Path results;

	private final Path rejects;

	ResultFiles(Path results, Path rejects) {
		this.results = results.toAbsolutePath().normalize();
		this.rejects = rejects.toAbsolutePath().normalize();
	}

	/**
	 * Writes both files from the rows (no rejects file without a rejected row, and none
	 * left from before), and says where they are.
	 * @param inputHeader the input file's header as written in the file
	 */
	List<String> publish(RecordedRows rows, List<String> inputHeader) {
		List<LedgerRow> rejected = rows.rows(Kind.REJECTED);
		write("results", this.results, RESULTS_HEADER,
				rows.rows(Kind.APPLIED).stream().map(ResultFiles::resultCells).toList());
		List<String> files = new ArrayList<>(List.of("results: " + this.results));
		if (rejected.isEmpty()) {
			try {
				Files.deleteIfExists(this.rejects);
			}
			catch (IOException ex) {
				throw new PublishException("rejects", this.rejects, ex);
			}
		}
		else {
			write("rejects", this.rejects, rejectsHeader(inputHeader),
					rejected.stream().map((row) -> rejectCells(row, inputHeader)).toList());
			files.add("rejects: " + this.rejects);
		}
		return files;
	}

	private static void write(String name, Path target, List<String> header, List<List<String>> records) {
		try {
			RenderedCsvFile.write(target, header, records, List.of());
		}
		catch (IOException ex) {
			throw new PublishException(name, target, ex);
		}
	}

	private static List<String> resultCells(LedgerRow row) {
		return List.of(Long.toString(row.line()), text(row.email()),
				(row.viewerId() != null) ? Long.toString(row.viewerId()) : "", row.outcome(),
				Integer.toString(row.requests()), text(row.detail()));
	}

	private static List<String> rejectsHeader(List<String> inputHeader) {
		List<String> header = new ArrayList<>();
		for (String column : inputHeader) {
			if (!isRejectColumn(column)) {
				header.add(column);
			}
		}
		header.addAll(REJECT_COLUMNS);
		return header;
	}

	private static List<String> rejectCells(LedgerRow row, List<String> inputHeader) {
		List<String> cells = new ArrayList<>();
		List<String> raw = row.source();
		for (int i = 0; i < inputHeader.size(); i++) {
			if (!isRejectColumn(inputHeader.get(i))) {
				// the row's own values stay as they were (guarded against formulas like
				// every cell, which the import takes off), so the file imports as it is
				cells.add((i < raw.size()) ? raw.get(i) : "");
			}
		}
		cells.add(Long.toString(row.line()));
		cells.add((row.error() != null) ? row.error() : "");
		cells.add((row.httpStatus() != null) ? row.httpStatus().toString() : "");
		cells.add(text(row.detail()));
		return cells;
	}

	static boolean isRejectColumn(String column) {
		return Set.copyOf(REJECT_COLUMNS).contains(column.trim().toLowerCase(Locale.ROOT));
	}

	/** The cell, "" for {@code null}; the file guards it against formulas. */
	static String text(String cell) {
		return (cell != null) ? cell : "";
	}

}
