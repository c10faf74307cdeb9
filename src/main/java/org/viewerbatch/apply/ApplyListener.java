package org.viewerbatch.apply;

/**
 * Told what {@link PlanWriter} does: each change as soon as its answer comes, each row as
 * it finishes, and each row's result once its chunk is written.
 */
public interface ApplyListener {

	/** A change was sent and answered (or failed); called on the worker's thread. */
	void changeSent(SentChange change);

	/** A row is done (applied or rejected); called on the worker's thread. */
	void rowDone();

	/**
	 * A row's result, once its whole chunk is written; called on the step's thread,
	 * inside the chunk's transaction.
	 */
	void rowApplied(RowResult result);

}
