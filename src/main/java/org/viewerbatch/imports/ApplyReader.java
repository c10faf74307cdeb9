package org.viewerbatch.imports;

import java.util.Arrays;
import java.util.List;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

import org.viewerbatch.csv.CsvRow;
import org.viewerbatch.csv.CsvRowReader;

/**
 * The rows of an apply step: the input file's, then the rows its planner adds for what
 * the file does not name (the viewers --archive-missing archives). What the added rows
 * are about is fixed at the step's first start and kept in its ExecutionContext, so that
 * a restart goes on with the same rows, in the same order, from where it stopped.
 */
final class ApplyReader implements ItemStreamReader<CsvRow> {

	private static final String ADDED = "added.keys";

	private static final String ADDED_READ = "added.read";

	private final CsvRowReader file;

	private final RowPlanner<?> planner;

	private List<String> keys = List.of();

	private List<CsvRow> added = List.of();

	private int addedRead;

	ApplyReader(CsvRowReader file, RowPlanner<?> planner) {
		this.file = file;
		this.planner = planner;
	}

	@Override
	public void open(ExecutionContext executionContext) {
		this.file.open(executionContext);
		String kept = executionContext.getString(ADDED, null);
		this.keys = (kept != null) ? keys(kept) : this.planner.addedKeys();
		this.added = this.planner.addedRows(this.keys);
		this.addedRead = executionContext.getInt(ADDED_READ, 0);
	}

	@Override
	public CsvRow read() throws Exception {
		CsvRow row = this.file.read();
		if (row != null) {
			return row;
		}
		return (this.addedRead < this.added.size()) ? this.added.get(this.addedRead++) : null;
	}

	@Override
	public void update(ExecutionContext executionContext) {
		this.file.update(executionContext);
		executionContext.putString(ADDED, String.join("\n", this.keys));
		executionContext.putInt(ADDED_READ, this.addedRead);
	}

	@Override
	public void close() {
		this.file.close();
	}

	private static List<String> keys(String kept) {
		return kept.isEmpty() ? List.of() : Arrays.asList(kept.split("\n"));
	}

}
