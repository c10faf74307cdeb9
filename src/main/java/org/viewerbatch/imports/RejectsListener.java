package org.viewerbatch.imports;

import org.springframework.batch.core.listener.SkipListener;

import org.viewerbatch.apply.RowPlan;
import org.viewerbatch.apply.RowRejectedException;
import org.viewerbatch.csv.CsvRow;

/**
 * Writes every skipped row, refused by validation, planning or the API, to the rejects
 * (or dry-run plan) file.
 */
final class RejectsListener implements SkipListener<CsvRow, RowPlan> {

	private final RejectSink sink;

	private final ImportProgress progress;

	RejectsListener(RejectSink sink, ImportProgress progress) {
		this.sink = sink;
		this.progress = progress;
	}

	@Override
	public void onSkipInProcess(CsvRow row, Throwable failure) {
		this.sink.rejected(row, rejection(failure));
		this.progress.rowDone();
	}

	/** The writer counted the row as done when the API refused it. */
	@Override
	public void onSkipInWrite(RowPlan plan, Throwable failure) {
		this.sink.rejected(plan.source(), rejection(failure));
	}

	private static RowRejectedException rejection(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof RowRejectedException rejection) {
				return rejection;
			}
		}
		throw new IllegalStateException("only rejected rows are skipped", failure);
	}

}
