package org.viewerbatch.imports;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

import org.springframework.batch.infrastructure.item.ExecutionContext;

import org.viewerbatch.apply.RowRejectedException;
import org.viewerbatch.csv.CsvRow;
import org.viewerbatch.csv.CsvRowReader;

/**
 * Reads a whole input file once, before any request, and gives every line its verdict: a
 * row with a control character in a cell is rejected, each other row is parsed, and a row
 * whose key (e.g. the email) an earlier valid row already has is rejected as a duplicate
 * of that line. Whatever the verdict, the address of each row's email cell is read, so
 * that a rejected row still names its viewer. The verdicts are recomputed the same way
 * whenever a step starts, so nothing of them needs to be stored.
 */
final class FileCheck<R> {

	/**
	 * Turns a CSV row into a typed row, or throws {@link RowRejectedException} saying
	 * what is wrong with it.
	 */
	@FunctionalInterface
	public interface RowParser<R> {

		R parse(CsvRow row);

	}

	private final Supplier<CsvRowReader> readers;

	private final RowParser<R> parser;

	private final Function<R, String> duplicateKey;

	/**
	 * @param duplicateKey the key two rows must not share ({@code null} from the
	 * function: never a duplicate)
	 */
	public FileCheck(Supplier<CsvRowReader> readers, RowParser<R> parser, Function<R, String> duplicateKey) {
		this.readers = readers;
		this.parser = parser;
		this.duplicateKey = duplicateKey;
	}

	/**
	 * Reads and judges the file; an unreadable file throws the csv package's
	 * {@code InputFileException}.
	 */
	public CheckedFile<R> run() {
		CsvRowReader reader = this.readers.get();
		Map<Long, R> valid = new LinkedHashMap<>();
		Map<Long, RowRejectedException> rejections = new HashMap<>();
		Map<String, Long> firstLines = new HashMap<>();
		Set<String> emails = new HashSet<>();
		Set<Long> unreadEmails = new HashSet<>();
		long rows = 0;
		reader.open(new ExecutionContext());
		try {
			List<String> header = reader.header();
			CsvRow row;
			while ((row = reader.read()) != null) {
				rows++;
				Optional<EmailAddress> email = EmailAddress.in(row.get("email"));
				if (email.isPresent()) {
					emails.add(email.get().key());
				}
				else {
					unreadEmails.add(row.line());
				}
				try {
					ControlCharacters.refuse(row);
					R parsed = this.parser.parse(row);
					String key = this.duplicateKey.apply(parsed);
					Long first = (key != null) ? firstLines.putIfAbsent(key, row.line()) : null;
					if (first != null) {
						throw RowRejectedException.invalid(row.line(), "duplicate", "duplicate of line " + first);
					}
					valid.put(row.line(), parsed);
				}
				catch (RowRejectedException ex) {
					rejections.put(row.line(), ex);
				}
			}
			return new CheckedFile<>(header, reader.columns(), rows, valid, rejections, reader.renamed(), emails,
					unreadEmails);
		}
		catch (RuntimeException ex) {
			throw ex;
		}
		catch (Exception ex) {
			throw new IllegalStateException("cannot read the input file: " + ex.getMessage(), ex);
		}
		finally {
			reader.close();
		}
	}

}
