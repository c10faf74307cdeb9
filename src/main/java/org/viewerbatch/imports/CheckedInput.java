package org.viewerbatch.imports;

import java.util.List;

import org.springframework.batch.infrastructure.item.ExecutionContext;

import org.viewerbatch.csv.CsvRecordText;

/**
 * What the check step leaves in the job's ExecutionContext for the publish step, which
 * may run in a later execution: the input's header as written in the file (the rejects
 * file repeats it) and how many rows it has (the summary's total).
 */
final class CheckedInput {

	private static final String HEADER = "input.header";

	private static final String ROWS = "input.rows";

	private CheckedInput() {
	}

	static void save(ExecutionContext jobContext, CheckedFile<?> file) {
		jobContext.putString(HEADER, CsvRecordText.format(file.header()));
		jobContext.putLong(ROWS, file.rows());
	}

	static List<String> header(ExecutionContext jobContext) {
		return CsvRecordText.parse(jobContext.getString(HEADER, ""));
	}

	static long rows(ExecutionContext jobContext) {
		return jobContext.getLong(ROWS, 0L);
	}

}
