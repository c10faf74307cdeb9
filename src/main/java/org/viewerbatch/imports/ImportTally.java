package org.viewerbatch.imports;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * Counts of what happened to the rows, kept in the step's ExecutionContext with the files
 * they describe, so that after a restart they still match the files.
 */
final class ImportTally {

	/** The outcomes of the results file, in the order the summary shows them. */
	static final List<String> OUTCOMES = List.of("created", "restored", "assigned", "unassigned", "unchanged",
			"deleted", "rejected", "failed");

	private final String prefix;

	private final Map<String, Long> counts = new LinkedHashMap<>();

	private long rows;

	private long requests;

	ImportTally(String prefix) {
		this.prefix = prefix;
		OUTCOMES.forEach(outcome -> this.counts.put(outcome, 0L));
	}

	/** One row with its outcome ({@code created+assigned} counts once in each). */
	synchronized void row(String outcome, int rowRequests) {
		this.rows++;
		this.requests += rowRequests;
		for (String part : outcome.split("\\+")) {
			this.counts.merge(part, 1L, Long::sum);
		}
	}

	synchronized long count(String outcome) {
		return this.counts.getOrDefault(outcome, 0L);
	}

	synchronized long rows() {
		return this.rows;
	}

	/** Requests sent for the rows themselves (not the snapshot's pages). */
	synchronized long requests() {
		return this.requests;
	}

	synchronized void restore(ExecutionContext context) {
		this.rows = context.getLong(this.prefix + "rows", 0L);
		this.requests = context.getLong(this.prefix + "requests", 0L);
		this.counts.replaceAll((outcome, count) -> context.getLong(this.prefix + outcome, 0L));
	}

	synchronized void save(ExecutionContext context) {
		context.putLong(this.prefix + "rows", this.rows);
		context.putLong(this.prefix + "requests", this.requests);
		this.counts.forEach((outcome, count) -> context.putLong(this.prefix + outcome, count));
	}

}
