package org.viewerbatch.imports;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

import org.springframework.batch.infrastructure.item.ExecutionContext;

import org.viewerbatch.apply.Outcome;

/**
 * Counts of what happened to the rows, kept in the step's ExecutionContext with the files
 * they describe, so that after a restart they still match the files.
 */
final class ImportTally {

	private final String prefix;

	private final Map<Outcome, Long> counts = new EnumMap<>(Outcome.class);

	private long rows;

	private long requests;

	ImportTally(String prefix) {
		this.prefix = prefix;
		Arrays.stream(Outcome.values()).forEach(outcome -> this.counts.put(outcome, 0L));
	}

	/** One row with its outcome ({@code created+assigned} counts once in each). */
	synchronized void row(Set<Outcome> outcomes, int rowRequests) {
		this.rows++;
		this.requests += rowRequests;
		for (Outcome outcome : outcomes.isEmpty() ? Set.of(Outcome.UNCHANGED) : outcomes) {
			this.counts.merge(outcome, 1L, Long::sum);
		}
	}

	synchronized long count(Outcome outcome) {
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
		this.counts.replaceAll((outcome, count) -> context.getLong(this.prefix + outcome.label(), 0L));
	}

	synchronized void save(ExecutionContext context) {
		context.putLong(this.prefix + "rows", this.rows);
		context.putLong(this.prefix + "requests", this.requests);
		this.counts.forEach((outcome, count) -> context.putLong(this.prefix + outcome.label(), count));
	}

}
