package org.viewerbatch.imports;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.viewerbatch.apply.RowRejectedException;

/**
 * The verdict on every line of an input file: the rows that can be planned, and the
 * others with their reason.
 *
 * @param header the header as written in the file
 * @param columns the canonical names of its columns (after --map), lower case
 * @param renamed the header names that became another column ({@code 'Surname' →
 * lastname}), for the summary
 * @param emails every email the file names, on a valid row or a rejected one (the address
 * read from the cell, lower case)
 * @param unreadEmails the lines whose email cell is empty or holds no address: whom they
 * name is not known (an assignments row may name its viewer by viewer_id instead)
 */
record CheckedFile<R>(List<String> header, List<String> columns, long rows, Map<Long, R> valid,
		Map<Long, RowRejectedException> rejections, List<String> renamed, Set<String> emails, Set<Long> unreadEmails) {

	public CheckedFile {
		header = List.copyOf(header);
		columns = List.copyOf(columns);
		valid = Map.copyOf(valid);
		rejections = Map.copyOf(rejections);
		renamed = List.copyOf(renamed);
		emails = Set.copyOf(emails);
		unreadEmails = Set.copyOf(unreadEmails);
	}

	/**
	 * A file read without --map: its columns are its header's names; {@code emails} as
	 * given, every row's email read.
	 */
	CheckedFile(List<String> header, long rows, Map<Long, R> valid, Map<Long, RowRejectedException> rejections,
			Set<String> emails) {
		this(header, header.stream().map(name -> name.trim().toLowerCase(Locale.ROOT)).toList(), rows, valid,
				rejections, List.of(), emails, Set.of());
	}

	/** The line of the file's last row (1, the header, for a file without rows). */
	long lastLine() {
		return Stream.concat(this.valid.keySet().stream(), this.rejections.keySet().stream())
			.mapToLong(Long::longValue)
			.max()
			.orElse(1);
	}

}
