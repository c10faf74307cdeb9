package org.viewerbatch.imports;

import java.util.List;

import org.springframework.batch.infrastructure.item.ItemProcessor;

import org.viewerbatch.apply.Replanner;
import org.viewerbatch.apply.RowPlan;
import org.viewerbatch.csv.CsvRow;

/**
 * Plans each row of one import job against the checked file and the workspace snapshot,
 * and plans a row again when the writer finds its viewer after all.
 */
interface RowPlanner<R> extends ItemProcessor<CsvRow, RowPlan>, Replanner {

	/**
	 * Told the checked file and a fresh snapshot at every step start, before the first
	 * row is planned: a job that plans rows against the whole file (e.g. what --sync
	 * leaves out) works it out here, and may refuse the run.
	 */
	void prepare(CheckedFile<R> file, WorkspaceSnapshot workspace);

	/**
	 * What the rows this job adds after the file's are about (the emails of the viewers
	 * --archive-missing archives); none by default. Asked after {@link #prepare} at the
	 * step's first start only: a restart goes on with the same ones.
	 */
	default List<String> addedKeys() {
		return List.of();
	}

	/**
	 * The rows for {@code keys}, numbered after the file's last line, to be planned like
	 * the file's.
	 */
	default List<CsvRow> addedRows(List<String> keys) {
		return List.of();
	}

}
