package org.viewerbatch.imports;

import java.util.List;
import java.util.Map;

/**
 * The verdict on every line of an input file: the rows that can be planned, and the others with their reason.
 */
record CheckedFile<R>(List<String> header, long rows, Map<Long, R> valid, Map<Long, RowRejectedException> rejections) {

	public CheckedFile {
		header = List.copyOf(header);
		valid = Map.copyOf(valid);
		rejections = Map.copyOf(rejections);
	}

}
