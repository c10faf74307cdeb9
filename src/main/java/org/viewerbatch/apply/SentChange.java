package org.viewerbatch.apply;

import org.viewerbatch.ledger.LedgerChange.Result;

/**
 * A change the writer is sending for a row ({@link Result#SENT}, told before the request
 * leaves), or what came back for it.
 *
 * @param attempt numbers the changes of one writer: a change's answer has the number of
 * its {@code SENT}
 * @param viewerId the viewer changed (for a create, the one it made), else {@code null}
 * @param httpStatus the status of a refusal or an unclear answer, else {@code null}
 * @param answer the new viewer's id, the API's message or the failure
 */
public record SentChange(long attempt, long line, String email, Long viewerId, PlannedCall call, Result result,
		Integer httpStatus, String answer) {

	/**
	 * What a create sent beyond its operation (the email and names), else empty.
	 */
	public String sent() {
		if (this.call instanceof PlannedCall.CreateViewer create) {
			return "email=" + create.email() + ", firstname=" + nonNull(create.firstname()) + ", lastname="
					+ nonNull(create.lastname());
		}
		return "";
	}

	private static String nonNull(String value) {
		return (value != null) ? value : "";
	}

}
