package org.viewerbatch.apply;

/**
 * Rows that the API kept from finishing (5xx, timeouts, resets, a create still in doubt)
 * through every round of an apply step: the run fails, and the same command goes on with
 * them.
 */
public final class RowsUnfinishedException extends RuntimeException {

	RowsUnfinishedException(int rows, String lastReason) {
		super(rows + ((rows == 1) ? " row" : " rows") + " could not be applied because the API kept failing"
				+ (lastReason.isEmpty() ? "" : " (the last answer: " + lastReason + ")")
				+ "; nothing was rejected for it: run the same command again");
	}

}
