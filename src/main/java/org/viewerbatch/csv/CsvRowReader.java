package org.viewerbatch.csv;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.support.AbstractItemCountingItemStreamItemReader;

/**
 * Reads an input CSV file as {@link CsvRow}s, restartable through the step's
 * {@code <name>.read.count}.
 * <p>
 * {@link #open} checks the file as a whole and throws {@link InputFileException} when it
 * is missing, unreadable, empty, has no data rows, or its header lacks a required column
 * or holds one twice. A malformed record (a quote never closed, text after a closing
 * quote, a byte invalid in the encoding) throws it from {@link #read} with the record's
 * line. Blank lines and rows whose cells are all blank are skipped (and counted in line
 * numbers).
 * <p>
 * The name used in the execution context defaults to the bean name; call {@link #setName}
 * when a step has two readers. For a one-off pass over a whole file (validation before
 * any request), use {@link #rows}.
 */
public final class CsvRowReader extends AbstractItemCountingItemStreamItemReader<CsvRow> {

	private static final Pattern START_LINE = Pattern.compile("\\(startline (\\d[\\d,.\\u00a0\\u202f']*)\\)");

	private static final Pattern AT_LINE = Pattern.compile("at line: (\\d[\\d,.\\u00a0\\u202f']*)");

	private final Path file;

	private final CsvInputOptions options;

	private final Set<String> requiredColumns;

	private final Set<String> ignoredColumns;

	private CSVParser parser;

	private Iterator<CSVRecord> records;

	private HeaderMapping mapping;

	private char delimiter;

	/** The first data row, read by {@link #doOpen} to refuse a file without rows. */
	private CsvRow pending;

	/**
	 * @param requiredColumns canonical names the header must have (after {@code --map})
	 * @param ignoredColumns canonical names dropped from {@link CsvRow#values()} (e.g.
	 * the extra columns of a rejects file)
	 */
	public CsvRowReader(Path file, CsvInputOptions options, Set<String> requiredColumns, Set<String> ignoredColumns) {
		this.file = file;
		this.options = options;
		this.requiredColumns = lowerCase(requiredColumns);
		this.ignoredColumns = lowerCase(ignoredColumns);
	}

	/**
	 * Opens the file, checks it and streams its rows (lazily; close the stream, e.g. with
	 * try-with-resources). Throws {@link InputFileException} at once for a file that
	 * cannot be used, and while streaming for a malformed record.
	 */
	public static Stream<CsvRow> rows(Path file, CsvInputOptions options, Set<String> requiredColumns,
			Set<String> ignoredColumns) {
		CsvRowReader reader = new CsvRowReader(file, options, requiredColumns, ignoredColumns);
		reader.setSaveState(false);
		reader.open(new ExecutionContext());
		Spliterator<CsvRow> rows = new Spliterators.AbstractSpliterator<>(Long.MAX_VALUE,
				Spliterator.ORDERED | Spliterator.NONNULL) {
			@Override
			public boolean tryAdvance(Consumer<? super CsvRow> action) {
				CsvRow row = reader.doRead();
				if (row == null) {
					return false;
				}
				action.accept(row);
				return true;
			}
		};
		return StreamSupport.stream(rows, false).onClose(reader::close);
	}

	/**
	 * Unwraps the {@link InputFileException} that the base class would hide in an
	 * {@link ItemStreamException}.
	 */
	@Override
	public void open(ExecutionContext executionContext) {
		try {
			super.open(executionContext);
		}
		catch (ItemStreamException ex) {
			doClose();
			if (ex.getCause() instanceof InputFileException inputFileException) {
				throw inputFileException;
			}
			throw ex;
		}
	}

	@Override
	protected void doOpen() {
		this.delimiter = (this.options.delimiter() != null) ? this.options.delimiter()
				: DelimiterDetector.detect(this.file, this.options.encoding());
		Reader reader = InputText.open(this.file, this.options.encoding());
		CSVFormat format = CSVFormat.DEFAULT.builder()
			.setDelimiter(this.delimiter)
			.setIgnoreEmptyLines(true)
			.setIgnoreSurroundingSpaces(true)
			.get();
		try {
			this.parser = CSVParser.builder().setReader(reader).setFormat(format).get();
		}
		catch (IOException ex) {
			throw new InputFileException(this.file, 0, "cannot read the file: " + ex.getMessage(), ex);
		}
		this.records = this.parser.iterator();
		CSVRecord header = nextRecord();
		if (header == null) {
			throw new InputFileException(this.file, 0, "the file is empty; expected a header line and rows");
		}
		long headerLine = startLine(header);
		this.mapping = HeaderMapping.resolve(this.file, headerLine, cells(header), this.options.columnMap(),
				this.requiredColumns, this.ignoredColumns);
		this.pending = nextRow();
		if (this.pending == null) {
			throw new InputFileException(this.file, headerLine, "no rows after the header line");
		}
	}

	@Override
	protected CsvRow doRead() {
		if (this.pending != null) {
			CsvRow row = this.pending;
			this.pending = null;
			return row;
		}
		return nextRow();
	}

	/**
	 * Idempotent: Spring may close a step-scoped reader twice (as an ItemStream and as a
	 * bean).
	 */
	@Override
	protected void doClose() {
		this.pending = null;
		this.records = null;
		if (this.parser != null) {
			try {
				this.parser.close();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			finally {
				this.parser = null;
			}
		}
	}

	/** The header names as written in the file (after {@link #open}). */
	public List<String> header() {
		return openMapping().header();
	}

	/**
	 * Which header names became another column, e.g. {@code 'E-Mail Address' → email}
	 * (after {@link #open}).
	 */
	public List<String> renamed() {
		return openMapping().renamed();
	}

	/** The canonical names of the columns kept, in file order (after {@link #open}). */
	public List<String> columns() {
		return openMapping().columns();
	}

	/**
	 * The delimiter given or detected (after {@link #open}); a rejects file written with
	 * it reads back the same.
	 */
	public char delimiter() {
		openMapping();
		return this.delimiter;
	}

	private HeaderMapping openMapping() {
		if (this.mapping == null) {
			throw new IllegalStateException("the reader of " + this.file + " is not open");
		}
		return this.mapping;
	}

	private CsvRow nextRow() {
		CSVRecord record;
		while ((record = nextRecord()) != null) {
			List<String> raw = cells(record);
			if (raw.stream().anyMatch((value) -> !value.isBlank())) {
				return new CsvRow(startLine(record), this.mapping.values(raw), this.mapping.header(), raw);
			}
		}
		return null;
	}

	/**
	 * The record's cells as they were before a formula guard of ours (an export, a
	 * results or rejects file) was added: first, so that what is checked and kept is the
	 * original value, whitespace and control characters included.
	 */
	private static List<String> cells(CSVRecord record) {
		return record.stream().map(FormulaGuard::unguard).toList();
	}

	private CSVRecord nextRecord() {
		if (this.records == null) {
			throw new IllegalStateException("the reader of " + this.file + " is not open");
		}
		try {
			return this.records.hasNext() ? this.records.next() : null;
		}
		catch (UncheckedIOException ex) {
			throw malformed(ex);
		}
	}

	/**
	 * Commons CSV tells the line where a record ends; a record spans one more line per
	 * line break inside its quoted values (CRLF counts once, as the parser counts it).
	 */
	private long startLine(CSVRecord record) {
		long breaks = 0;
		for (String value : record) {
			for (int i = 0; i < value.length(); i++) {
				char c = value.charAt(i);
				if (c == '\r' || (c == '\n' && (i == 0 || value.charAt(i - 1) != '\r'))) {
					breaks++;
				}
			}
		}
		return this.parser.getCurrentLineNumber() - breaks;
	}

	private InputFileException malformed(UncheckedIOException ex) {
		if (!(ex.getCause() instanceof CSVException csv)) {
			return new InputFileException(this.file, this.parser.getCurrentLineNumber() + 1,
					"cannot read the file: " + ex.getCause().getMessage(), ex);
		}
		String message = csv.getMessage();
		long line = lineIn(message, START_LINE);
		if (line == 0) {
			line = lineIn(message, AT_LINE);
		}
		if (line == 0) {
			line = this.parser.getCurrentLineNumber();
		}
		String reason;
		if (message.contains("EOF reached before encapsulated token finished")) {
			reason = "a quoted value is never closed: the \" that opens it on this line has no closing \"";
		}
		else if (message.contains("Invalid character between encapsulated token and delimiter")) {
			reason = "text after a closing quote; inside a quoted value write \" as \"\"";
		}
		else {
			reason = "malformed CSV: " + message;
		}
		return new InputFileException(this.file, line, reason, ex);
	}

	private static long lineIn(String message, Pattern pattern) {
		Matcher matcher = pattern.matcher(message);
		return matcher.find() ? Long.parseLong(matcher.group(1).replaceAll("\\D", "")) : 0;
	}

	private static Set<String> lowerCase(Set<String> columns) {
		return columns.stream().map((column) -> column.trim().toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
	}

}
