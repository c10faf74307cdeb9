package org.viewerbatch.imports;

import java.util.List;

import org.springframework.batch.infrastructure.item.ExecutionContext;

import org.viewerbatch.csv.CsvRecordText;

/**
 * What the check step leaves in the job's ExecutionContext for the publish step, which
 * may run in a later execution: the input's header as written in the file (the rejects
 * file repeats it), how many rows it has (the summary's total) and which of its names
 * were read as other columns.
 */
final class CheckedInput {

	private static final String HEADER = "input.header";

	private static final String ROWS = "input.rows";

	private static final String RENAMED = "input.renamed";

	private CheckedInput() {
	}

	static void save(ExecutionContext jobContext, CheckedFile<?> file) {
		jobContext.putString(HEADER, CsvRecordText.format(file.header()));
		jobContext.putLong(ROWS, file.rows());
		jobContext.putString(RENAMED, CsvRecordText.format(file.renamed()));
	}

	/**
	 * The summary's line on the header names it read as other columns, e.g.
	 * {@code columns read as: 'E-Mail Address' → email}, or empty.
	 */
	static List<String> renamed(ExecutionContext jobContext) {
		String text = jobContext.getString(RENAMED, "");
		return text.isEmpty() ? List.of() : List.of("columns read as: " + String.join(", ", CsvRecordText.parse(text)));
	}

	static List<String> header(ExecutionContext jobContext) {
		return CsvRecordText.parse(jobContext.getString(HEADER, ""));
	}

	static long rows(ExecutionContext jobContext) {
		return jobContext.getLong(ROWS, 0L);
	}

}
