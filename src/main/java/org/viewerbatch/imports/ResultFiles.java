package org.viewerbatch.imports;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;

import org.springframework.batch.infrastructure.item.ExecutionContext;

import org.viewerbatch.apply.Outcome;
import org.viewerbatch.apply.RowRejectedException;
import org.viewerbatch.apply.RowResult;
import org.viewerbatch.csv.CsvRow;
import org.viewerbatch.csv.FormulaGuard;
import org.viewerbatch.csv.RestartableCsvFile;

/**
 * The results file (one line per applied row) and the rejects file (each rejected row
 * with its original columns, so it can be corrected and imported again as it is), with
 * the tally that matches them.
 */
final class ResultFiles implements ImportOutput {

	static final List<String> RESULTS_HEADER = List.of("line", "email", "viewer_id", "outcome", "requests", "detail");

	/** Added to a rejected row, and ignored when a rejects file is imported again. */
	public static final List<String> REJECT_COLUMNS = List.of("line", "error", "http_status", "message");

	private final RestartableCsvFile results;

	private final RestartableCsvFile rejects;

	private final Supplier<List<String>> inputHeader;

	private final ImportTally tally = new ImportTally("tally.");

	/**
	 * @param inputHeader the input file's header as written in the file (known once the
	 * file has been read)
	 */
	public ResultFiles(Path results, Path rejects, Supplier<List<String>> inputHeader) {
		this.results = new RestartableCsvFile("results", results, () -> RESULTS_HEADER);
		this.rejects = new RestartableCsvFile("rejects", rejects, this::rejectsHeader);
		this.inputHeader = inputHeader;
	}

	private List<String> rejectsHeader() {
		List<String> header = new ArrayList<>();
		for (String column : this.inputHeader.get()) {
			if (!isRejectColumn(column)) {
				header.add(column);
			}
		}
		header.addAll(REJECT_COLUMNS);
		return header;
	}

	private static boolean isRejectColumn(String column) {
		return Set.copyOf(REJECT_COLUMNS).contains(column.trim().toLowerCase(Locale.ROOT));
	}

	void applied(RowResult result) {
		this.results.append(List.of(Long.toString(result.line()), guard(result.email()),
				(result.viewerId() != null) ? Long.toString(result.viewerId()) : "", result.outcome(),
				Integer.toString(result.requests()), guard(result.detail())));
		this.tally.row(result.outcomes(), result.requests());
	}

	@Override
	public void rejected(CsvRow source, RowRejectedException rejection) {
		List<String> cells = new ArrayList<>();
		List<String> header = source.header();
		List<String> raw = source.rawValues();
		for (int i = 0; i < header.size(); i++) {
			if (!isRejectColumn(header.get(i))) {
				// the row's own values stay as they were, so the corrected file imports
				// as it is
				cells.add((i < raw.size()) ? raw.get(i) : "");
			}
		}
		cells.add(Long.toString(source.line()));
		cells.add(rejection.error());
		cells.add((rejection.httpStatus() != null) ? rejection.httpStatus().toString() : "");
		cells.add(guard(rejection.getMessage()));
		this.rejects.append(cells);
		this.tally.row(Set.of(Outcome.REJECTED), 0);
	}

	private static String guard(String cell) {
		return (cell != null) ? FormulaGuard.guard(cell) : "";
	}

	@Override
	public ImportTally tally() {
		return this.tally;
	}

	@Override
	public List<String> describe(boolean completed) {
		if (!completed) {
			return List.of("partial results: " + this.results.part(), "partial rejects: " + this.rejects.part());
		}
		List<String> files = new ArrayList<>(List.of("results: " + this.results.target()));
		if (this.rejects.records() > 0) {
			files.add("rejects: " + this.rejects.target());
		}
		return files;
	}

	@Override
	public void open(ExecutionContext executionContext) {
		this.tally.restore(executionContext);
		this.results.open(executionContext);
		this.rejects.open(executionContext);
	}

	@Override
	public void update(ExecutionContext executionContext) {
		this.results.update(executionContext);
		this.rejects.update(executionContext);
		this.tally.save(executionContext);
	}

	@Override
	public void close() {
		this.results.close();
		this.rejects.close();
	}

	/**
	 * Moves the completed files into place; without rejected rows, no rejects file (and
	 * none left from before).
	 */
	@Override
	public void publish(List<String> summary) {
		this.results.publish();
		if (this.rejects.records() > 0) {
			this.rejects.publish();
		}
		else {
			this.rejects.discard();
		}
	}

}
