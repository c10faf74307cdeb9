package org.viewerbatch.apply;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Notices when the API refuses row after row with the same answer (the plan's seat limit,
 * a revoked permission): then the rest of the file would only spend the rate limit on the
 * same refusal.
 */
public final class RejectionStreak {

	private final int limit;

	private String key;

	private final Set<Long> lines = new LinkedHashSet<>();

	public RejectionStreak(int limit) {
		this.limit = limit;
	}

	/** A row got through with at least one request: the cause, if any, is gone. */
	synchronized void applied() {
		this.key = null;
		this.lines.clear();
	}

	/**
	 * A row was refused; each line counts once however often Spring Batch re-writes it.
	 */
	synchronized void refused(long line, String refusal) {
		if (refusal == null) {
			return;
		}
		if (!refusal.equals(this.key)) {
			this.key = refusal;
			this.lines.clear();
		}
		this.lines.add(line);
	}

	synchronized boolean tripped() {
		return this.lines.size() >= this.limit;
	}

	synchronized SystematicRejectionException failure() {
		List<Long> sorted = new ArrayList<>(this.lines);
		sorted.sort(null);
		return new SystematicRejectionException("stopped early: the API refused " + sorted.size()
				+ " rows in a row with the same answer (" + this.key + "), lines " + sorted
				+ "; the rest of the file would only spend the rate limit. Fix the cause (e.g. free seats on the plan,"
				+ " the token's permissions), then run the same command again to resume");
	}

}
