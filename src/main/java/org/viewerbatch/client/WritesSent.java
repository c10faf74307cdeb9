package org.viewerbatch.client;

/**
 * The changes this process has sent to the API, counted as they leave (a retried one
 * once): what a stopped run says it did.
 *
 * @param changes creates, restores, archives, assigns and unassigns sent
 * @param invitations creates the API answered as done: one invitation each
 * @param unanswered changes whose answer a stop did not await: they may have happened
 */
public record WritesSent(long changes, long invitations, long unanswered) {

	/** Those sent since {@code earlier}. */
	public WritesSent since(WritesSent earlier) {
		return new WritesSent(this.changes - earlier.changes, this.invitations - earlier.invitations,
				this.unanswered - earlier.unanswered);
	}

}
