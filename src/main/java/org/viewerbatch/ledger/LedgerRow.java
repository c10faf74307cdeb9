package org.viewerbatch.ledger;

import java.util.List;

/**
 * What became of one input row of a job, as the ledger keeps it: the row's results line,
 * its rejection (with the row as written, for the rejects file), or in a dry run its
 * plan.
 *
 * @param executionId the execution that recorded the row
 * @param outcome the results file's outcome ({@code created+assigned}), {@code rejected},
 * or the outcomes a plan would have
 * @param detail the results file's detail, a rejection's message, or a plan's actions
 * @param error a rejection's error code ({@code invalid-email}), else {@code null}
 * @param httpStatus the status of the API's refusal of a rejected row, else {@code null}
 * @param source a rejected row's values as written in the file, else empty
 */
public record LedgerRow(long instanceId, long executionId, long line, Kind kind, String email, Long viewerId,
		String outcome, int requests, String detail, String error, Integer httpStatus, List<String> source) {

	public LedgerRow {
		detail = (detail != null) ? detail : "";
		source = List.copyOf(source);
	}

	/** What a ledger row records. */
	public enum Kind {

		/** A row applied (its outcome may be {@code unchanged}). */
		APPLIED,

		/** A row refused by validation, planning or the API. */
		REJECTED,

		/** A dry run's plan for the row. */
		PLANNED

	}

}
