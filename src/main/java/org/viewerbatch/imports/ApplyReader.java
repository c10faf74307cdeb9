package org.viewerbatch.imports;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

import org.viewerbatch.apply.DeferredRows;
import org.viewerbatch.csv.CsvRow;
import org.viewerbatch.csv.CsvRowReader;

/**
 * The rows of an apply step: the input file's, then the rows its planner adds for what
 * the file does not name (the viewers --archive-missing archives). What the added rows
 * are about is fixed at the step's first start and kept in its ExecutionContext, so that
 * a restart goes on with the same rows, in the same order, from where it stopped. Then
 * the rows the API kept from finishing, in the rounds of {@link DeferredRows}.
 */
final class ApplyReader implements ItemStreamReader<CsvRow> {

	private static final String ADDED = "added.keys";

	private static final String ADDED_READ = "added.read";

	private final CsvRowReader file;

	private final RowPlanner<?> planner;

	private final DeferredRows deferred;

	// a reader of the whole input from its first row, for rows deferred by an earlier
	// execution
	private final Supplier<CsvRowReader> reread;

	// the rows of the final pass not yet read, once it has started
	private Deque<CsvRow> deferredRows;

	private List<String> keys = List.of();

	private List<CsvRow> added = List.of();

	private int addedRead;

	ApplyReader(CsvRowReader file, RowPlanner<?> planner, DeferredRows deferred, Supplier<CsvRowReader> reread) {
		this.file = file;
		this.planner = planner;
		this.deferred = deferred;
		this.reread = reread;
	}

	@Override
	public void open(ExecutionContext executionContext) {
		this.file.open(executionContext);
		String kept = executionContext.getString(ADDED, null);
		this.keys = (kept != null) ? keys(kept) : this.planner.addedKeys();
		// kept at once: a run stopped before its first commit still saves its context,
		// and
		// its resumption must not work the rows out again from a workspace it has changed
		executionContext.putString(ADDED, String.join("\n", this.keys));
		this.added = this.planner.addedRows(this.keys);
		this.addedRead = executionContext.getInt(ADDED_READ, 0);
		this.deferredRows = null;
	}

	@Override
	public CsvRow read() throws Exception {
		CsvRow row = this.file.read();
		if (row != null) {
			return row;
		}
		if (this.addedRead < this.added.size()) {
			return this.added.get(this.addedRead++);
		}
		if (this.deferredRows == null) {
			this.deferredRows = new ArrayDeque<>(this.deferred.finalPass(this::rowsOn));
		}
		return this.deferredRows.pollFirst();
	}

	/** The input's rows on these lines, the file's and the added ones. */
	private Map<Long, CsvRow> rowsOn(List<Long> lines) {
		Set<Long> wanted = new HashSet<>(lines);
		Map<Long, CsvRow> rows = new HashMap<>();
		this.added.stream().filter(row -> wanted.contains(row.line())).forEach(row -> rows.put(row.line(), row));
		CsvRowReader again = this.reread.get();
		again.open(new ExecutionContext());
		try {
			for (CsvRow row = again.read(); row != null && rows.size() < wanted.size(); row = again.read()) {
				if (wanted.contains(row.line())) {
					rows.put(row.line(), row);
				}
			}
		}
		catch (Exception ex) {
			throw new IllegalStateException("cannot read the input again: " + ex.getMessage(), ex);
		}
		finally {
			again.close();
		}
		return rows;
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
