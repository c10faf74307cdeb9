package org.viewerbatch.apply;

/**
 * Told what {@link PlanWriter} does: each change before it is sent and as soon as its
 * answer comes, each row as it finishes, and each row's result once its chunk is written.
 */
public interface ApplyListener {

	/**
	 * A change is about to be sent ({@code SENT}); called on the worker's thread.
	 * @return what the worker runs once the request has its slot under the rate limit,
	 * just before it leaves (e.g. wait until the change is recorded)
	 */
	Runnable changeSending(SentChange change);

	/** A change was answered, or failed; called on the worker's thread. */
	void changeAnswered(SentChange change);

	/** A row is done (applied or rejected); called on the worker's thread. */
	void rowDone();

	/**
	 * A row's result, once its whole chunk is written; called on the step's thread,
	 * inside the chunk's transaction.
	 */
	void rowApplied(RowResult result);

}
