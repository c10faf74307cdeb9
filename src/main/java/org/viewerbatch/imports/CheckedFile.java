package org.viewerbatch.imports;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.viewerbatch.apply.RowRejectedException;

/**
 * The verdict on every line of an input file: the rows that can be planned, and the
 * others with their reason.
 *
 * @param header the header as written in the file
 * @param columns the canonical names of its columns (after --map), lower case
 * @param renamed the header names that became another column ({@code 'Surname' →
 * lastname}), for the summary
 */
record CheckedFile<R>(List<String> header, List<String> columns, long rows, Map<Long, R> valid,
		Map<Long, RowRejectedException> rejections, List<String> renamed) {

	public CheckedFile {
		header = List.copyOf(header);
		columns = List.copyOf(columns);
		valid = Map.copyOf(valid);
		rejections = Map.copyOf(rejections);
		renamed = List.copyOf(renamed);
	}

	/** A file read without --map: its columns are its header's names. */
	CheckedFile(List<String> header, long rows, Map<Long, R> valid, Map<Long, RowRejectedException> rejections) {
		this(header, header.stream().map(name -> name.trim().toLowerCase(Locale.ROOT)).toList(), rows, valid,
				rejections, List.of());
	}

}
