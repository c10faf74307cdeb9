package org.viewerbatch.csv;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.io.output.CloseShieldOutputStream;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.ItemStreamWriter;

/**
 * Writes items as UTF-8 CSV rows to a temporary file beside the target (see
 * {@link AtomicFile}); only {@link #commit()} puts the file in place, so call it once the
 * step has COMPLETED (e.g. from {@code afterStep}, which Spring Batch runs before it
 * closes the step's streams). {@link #close()} without a commit discards the temporary
 * file. A {@code null} target writes to standard output, which is flushed but never
 * closed.
 * <p>
 * Each run starts a new file: the writer keeps no restart state.
 */
public final class CsvFileWriter<T> implements ItemStreamWriter<T> {

	private enum State {

		NEW, OPEN, COMMITTED, ABORTED

	}

	private final Path target;

	private final Function<T, List<String>> columns;

	private final CsvOutputOptions options;

	private final OutputStream stdout;

	private final CSVFormat format;

	private State state = State.NEW;

	private AtomicFile file;

	private CSVPrinter printer;

	private long written;

	/**
	 * @param target the file to write, {@code null} for standard output
	 * @param header the header line
	 * @param columns the cells of one item, in header order ({@code null} cells are
	 * written empty)
	 */
	public CsvFileWriter(Path target, List<String> header, Function<T, List<String>> columns,
			CsvOutputOptions options) {
		this(target, header, columns, options, System.out); // --output - : this is the
															// command's output
	}

	CsvFileWriter(Path target, List<String> header, Function<T, List<String>> columns, CsvOutputOptions options,
			OutputStream stdout) {
		this.target = target;
		this.columns = columns;
		this.options = options;
		this.stdout = stdout;
		this.format = CSVFormat.DEFAULT.builder()
			.setDelimiter(options.delimiter())
			.setRecordSeparator(options.excel() ? "\r\n" : "\n")
			.setHeader(header.toArray(String[]::new))
			.get();
	}

	@Override
	public void open(ExecutionContext executionContext) {
		if (this.state != State.NEW) {
			throw new IllegalStateException("a CsvFileWriter is opened once; " + describe() + " is " + this.state);
		}
		try {
			OutputStream out;
			if (this.target == null) {
				out = CloseShieldOutputStream.wrap(this.stdout);
			}
			else {
				this.file = AtomicFile.beside(this.target);
				out = Files.newOutputStream(this.file.temp());
			}
			Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
			this.state = State.OPEN;
			if (this.options.excel()) {
				writer.write('\uFEFF');
			}
			this.printer = this.format.print(writer);
		}
		catch (IOException ex) {
			abort();
			throw new ItemStreamException("cannot write " + describe() + ": " + ex.getMessage(), ex);
		}
	}

	@Override
	public void write(Chunk<? extends T> chunk) throws IOException {
		if (this.state != State.OPEN) {
			throw new IllegalStateException(describe() + " is " + this.state + ", not open");
		}
		for (T item : chunk) {
			List<String> cells = this.columns.apply(item);
			this.printer
				.printRecord(this.options.formulaGuard() ? cells.stream().map(FormulaGuard::guard) : cells.stream());
			this.written++;
		}
	}

	/**
	 * Flushes, closes and renames the file over the target (stdout: flushes). Repeating a
	 * commit does nothing.
	 */
	public void commit() {
		if (this.state == State.COMMITTED) {
			return;
		}
		if (this.state != State.OPEN) {
			throw new IllegalStateException(describe() + " is " + this.state + ", it cannot be committed");
		}
		try {
			this.printer.close(true);
			if (this.file != null) {
				this.file.commit();
			}
			this.state = State.COMMITTED;
		}
		catch (IOException ex) {
			abort();
			throw new UncheckedIOException("cannot write " + describe(), ex);
		}
	}

	/**
	 * Closes and deletes the temporary file; the target is left as it was. Idempotent; no
	 * effect after a commit.
	 */
	public void abort() {
		if (this.state == State.COMMITTED || this.state == State.ABORTED) {
			return;
		}
		this.state = State.ABORTED;
		try {
			if (this.printer != null) {
				this.printer.close(true);
			}
		}
		catch (IOException ex) {
			// the content is being thrown away: a failing close changes nothing for the
			// caller
		}
		finally {
			if (this.file != null) {
				this.file.abort();
			}
		}
	}

	/** Discards the temporary file unless {@link #commit()} ran; never renames. */
	@Override
	public void close() {
		abort();
	}

	/** Rows written so far, header excluded. */
	public long written() {
		return this.written;
	}

	private String describe() {
		return (this.target != null) ? this.target.toString() : "standard output";
	}

}
