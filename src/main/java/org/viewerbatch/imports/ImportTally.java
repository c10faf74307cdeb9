package org.viewerbatch.imports;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

import org.viewerbatch.ledger.LedgerRow;
import org.viewerbatch.ledger.LedgerRow.Kind;
import org.viewerbatch.ledger.Outcome;
import org.viewerbatch.ledger.RecordedRows;

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

	/** The counts of the rows recorded so far. */
	static ImportTally of(RecordedRows rows) {
		ImportTally tally = new ImportTally();
		for (LedgerRow row : rows.rows()) {
			tally.row((row.kind() == Kind.REJECTED) ? Set.of(Outcome.REJECTED) : Outcome.parse(row.outcome()),
					row.requests());
		}
		return tally;
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
