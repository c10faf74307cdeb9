package org.viewerbatch.imports;

import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * What the rows of an apply step are planned against: the checked input file and the
 * workspace as it is when the step starts (also when it starts again after a failure, so
 * rows applied before are seen as done).
 */
final class ImportBasis<R> {

	private final Supplier<CheckedFile<R>> check;

	private final Supplier<WorkspaceSnapshot> snapshot;

	private final BiConsumer<CheckedFile<R>, WorkspaceSnapshot> prepared;

	private CheckedFile<R> file;

	/**
	 * @param prepared told the file and the snapshot once both are read, before any row
	 * is planned (the job's {@link RowPlanner#prepare})
	 */
	ImportBasis(Supplier<CheckedFile<R>> check, Supplier<WorkspaceSnapshot> snapshot,
			BiConsumer<CheckedFile<R>, WorkspaceSnapshot> prepared) {
		this.check = check;
		this.snapshot = snapshot;
		this.prepared = prepared;
	}

	void prepare() {
		this.file = this.check.get();
		this.prepared.accept(this.file, this.snapshot.get());
	}

	CheckedFile<R> file() {
		return this.file;
	}

}
