package org.viewerbatch.runs;

import java.nio.file.Path;

/** Another viewer-batch run holds the lock of a job repository directory. */
public final class RepositoryLockedException extends RuntimeException {

	private final Path directory;

	RepositoryLockedException(Path directory) {
		super("another viewer-batch run is using " + directory + " (lock held); wait for it or use --job-repository");
		this.directory = directory;
	}

	public Path directory() {
		return this.directory;
	}

}
