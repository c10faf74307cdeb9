package org.viewerbatch.exports;

import java.io.IOException;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamWriter;

import org.viewerbatch.csv.CsvFileWriter;
import org.viewerbatch.csv.CsvOutputOptions;

/**
 * Writes export rows to a temporary file beside the target; {@link ExportCompletion}
 * renames it into place or deletes it when the step ends. Not final: it is a step-scoped
 * bean, which Spring proxies by subclassing (the csv writer it wraps is final and could
 * not be proxied itself).
 */
class ExportFileWriter implements ItemStreamWriter<ExportRow> {

	private final CsvFileWriter<ExportRow> csv;

	private final boolean toStandardOutput;

	ExportFileWriter(ExportRequest request) {
		this.toStandardOutput = request.output() == null;
		ExportFormat format = request.format();
		this.csv = new CsvFileWriter<>(request.output(), format.header(), format::cells,
				new CsvOutputOptions(',', request.excel(), request.formulaGuard()));
	}

	@Override
	public void open(ExecutionContext executionContext) {
		this.csv.open(executionContext);
	}

	@Override
	public void update(ExecutionContext executionContext) {
		this.csv.update(executionContext);
	}

	@Override
	public void write(Chunk<? extends ExportRow> rows) throws Exception {
		this.csv.write(rows);
		// System.out never throws, it only remembers a failed write: without this check
		// "--output - | head" would
		// go on reading every page of the workspace (at 60 requests a minute) into a
		// closed pipe
		if (this.toStandardOutput && System.out.checkError()) {
			throw new IOException("standard output was closed before the export was complete");
		}
	}

	@Override
	public void close() {
		this.csv.close();
	}

	/** Renames the complete file into place, replacing an existing one atomically. */
	void commit() {
		this.csv.commit();
	}

	/**
	 * Deletes the temporary file: nothing appears under the target name. Safe to call
	 * twice.
	 */
	void abort() {
		this.csv.abort();
	}

	long written() {
		return this.csv.written();
	}

}
