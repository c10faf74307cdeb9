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

	private WorkspaceSnapshot workspace;

	public ImportBasis(Supplier<CheckedFile<R>> check, Supplier<WorkspaceSnapshot> snapshot) {
		this(check, snapshot, (file, workspace) -> {
		});
	}

	/**
	 * @param prepared told the file and the snapshot once both are read, before any row
	 * is planned: a job that plans rows against the whole file (e.g. what --sync leaves
	 * out) works it out there, and may refuse the run
	 */
	public ImportBasis(Supplier<CheckedFile<R>> check, Supplier<WorkspaceSnapshot> snapshot,
			BiConsumer<CheckedFile<R>, WorkspaceSnapshot> prepared) {
		this.check = check;
		this.snapshot = snapshot;
		this.prepared = prepared;
	}

	void prepare() {
		this.file = this.check.get();
		this.workspace = this.snapshot.get();
		this.prepared.accept(this.file, this.workspace);
	}

	public CheckedFile<R> file() {
		return this.file;
	}

	public WorkspaceSnapshot workspace() {
		return this.workspace;
	}

}
