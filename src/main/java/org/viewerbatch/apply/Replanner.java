package org.viewerbatch.apply;

import org.viewerbatch.client.Viewer;

/**
 * Plans a row again against a viewer the snapshot did not show (found by a look-up after
 * a create), so the writer can finish the row without creating it.
 */
@FunctionalInterface
public interface Replanner {

	RowPlan replan(RowPlan plan, Viewer existing);

}
