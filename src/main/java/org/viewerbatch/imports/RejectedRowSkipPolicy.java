package org.viewerbatch.imports;

import org.springframework.batch.core.step.skip.SkipLimitExceededException;
import org.springframework.batch.core.step.skip.SkipPolicy;

import org.viewerbatch.apply.RowRejectedException;

/**
 * Skips rejected rows (they go to the rejects file), up to the --skip-limit; nothing else
 * is ever skipped.
 */
final class RejectedRowSkipPolicy implements SkipPolicy {

	private final long limit;

	RejectedRowSkipPolicy(long limit) {
		this.limit = limit;
	}

	@Override
	public boolean shouldSkip(Throwable failure, long skipCount) throws SkipLimitExceededException {
		if (!isRejection(failure)) {
			return false;
		}
		// a negative count is Spring Batch asking whether the failure is skippable at all
		// (before a scan)
		if (skipCount < this.limit) {
			return true;
		}
		throw new SkipLimitExceededException(this.limit, failure);
	}

	private static boolean isRejection(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof RowRejectedException) {
				return true;
			}
		}
		return false;
	}

}
