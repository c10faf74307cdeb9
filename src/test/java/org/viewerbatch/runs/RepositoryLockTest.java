package org.viewerbatch.runs;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The repository lock within one process; {@link RepositoryLockIT} holds it from another.
 */
class RepositoryLockTest {

	@TempDir
	Path home;

	@Test
	void aHeldLockIsRefusedAndCanBeTakenAgainOnceReleased() {
		Path dir = this.home.resolve("new/dir");
		try (RepositoryLock held = RepositoryLock.acquire(dir)) {
			assertThatExceptionOfType(RepositoryLockedException.class).isThrownBy(() -> RepositoryLock.acquire(dir))
				.withMessage("another viewer-batch run is using " + dir
						+ " (lock held); wait for it or use --job-repository");
		}
		RepositoryLock.acquire(dir).close();
	}

}
