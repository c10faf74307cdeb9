package org.viewerbatch.imports;

import java.util.function.Supplier;

/**
 * What the rows of an apply step are planned against: the checked input file and the workspace as it is when the
 * step starts (also when it starts again after a failure, so rows applied before are seen as done).
 */
final class ImportBasis<R> {

	private final Supplier<CheckedFile<R>> check;

	private final Supplier<WorkspaceSnapshot> snapshot;

	private CheckedFile<R> file;

	private WorkspaceSnapshot workspace;

	public ImportBasis(Supplier<CheckedFile<R>> check, Supplier<WorkspaceSnapshot> snapshot) {
		this.check = check;
		this.snapshot = snapshot;
	}

	void prepare() {
		this.file = this.check.get();
		this.workspace = this.snapshot.get();
	}

	public CheckedFile<R> file() {
		return this.file;
	}

	public WorkspaceSnapshot workspace() {
		return this.workspace;
	}

}
