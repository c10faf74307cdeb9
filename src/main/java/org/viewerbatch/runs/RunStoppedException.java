package org.viewerbatch.runs;

import org.springframework.batch.core.job.JobInterruptedException;

/**
 * Work not done because the run was asked to stop; its cause is a
 * {@link JobInterruptedException} so that Spring Batch ends the step STOPPED, not FAILED.
 */
public final class RunStoppedException extends RuntimeException {

	RunStoppedException(String reason) {
		super("stopped by " + reason, new JobInterruptedException("stopped by " + reason));
	}

}
