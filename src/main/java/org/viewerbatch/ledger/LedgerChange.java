package org.viewerbatch.ledger;

import java.time.Instant;

/**
 * One change sent to the API for a row, recorded before it is sent and again when its
 * answer comes (not with the row's chunk): a run killed before its chunk commits still
 * leaves the changes it made, and those it left in doubt.
 *
 * @param attempt numbers the changes of one execution; the answer updates its change
 * @param operation {@code create}, {@code restore}, {@code assign}, {@code unassign} or
 * {@code archive}
 * @param projectId the project assigned or unassigned, else {@code null}
 * @param sent what was sent beyond the operation (a create's email and names), or empty
 * @param result whether the change happened
 * @param httpStatus the status of a refusal or an unclear answer; {@code null} for a
 * change done, or when no answer came
 * @param answer what came back: the new viewer's id, the API's message, the failure
 */
public record LedgerChange(long instanceId, long executionId, long attempt, long line, String email, Long viewerId,
		String operation, Long projectId, String sent, Result result, Integer httpStatus, String answer, Instant at) {

	public LedgerChange {
		sent = (sent != null) ? sent : "";
		answer = (answer != null) ? answer : "";
	}

	/** Whether a change happened. */
	public enum Result {

		/**
		 * Recorded before the request leaves; stays so when the process ended before the
		 * answer: in doubt, it may have happened.
		 */
		SENT,

		/** The API answered that it is done. */
		DONE,

		/** The API refused it: it did not happen. */
		REFUSED,

		/**
		 * No clear answer (5xx, timeout, reset): it may have happened; the run looks it
		 * up before anything else.
		 */
		UNCLEAR

	}

}
