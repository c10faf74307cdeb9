package org.viewerbatch.apply;

import java.util.Set;

import org.viewerbatch.ledger.Outcome;

/**
 * One line of the results file.
 */
public record RowResult(long line, String email, Long viewerId, Set<Outcome> outcomes, int requests, String detail) {

	public RowResult {
		outcomes = Set.copyOf(outcomes);
	}

	/** The results file's {@code outcome} cell, e.g. {@code created+assigned}. */
	public String outcome() {
		return Outcome.describe(this.outcomes);
	}

}
