package org.viewerbatch.imports;

import org.viewerbatch.apply.RowRejectedException;
import org.viewerbatch.csv.CsvRow;

/**
 * Where rejected rows are written, with their original columns and the reason.
 */
interface RejectSink {

	void rejected(CsvRow source, RowRejectedException rejection);

}
