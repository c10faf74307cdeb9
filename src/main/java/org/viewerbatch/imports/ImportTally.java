package org.viewerbatch.imports;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

import org.viewerbatch.apply.Outcome;

/**
 * Counts of what happened to the rows, as the summary gives them.
 */
final class ImportTally {

	private final Map<Outcome, Long> counts = new EnumMap<>(Outcome.class);

	private long rows;

	private long requests;

	ImportTally() {
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

}
