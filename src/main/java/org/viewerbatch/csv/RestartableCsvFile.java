package org.viewerbatch.csv;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.function.Supplier;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStream;
import org.springframework.batch.infrastructure.item.ItemStreamException;

/**
 * An output CSV file that survives a killed run: records go to {@code <target>.part} (an
 * {@link AtomicFile#restartable}), the byte position is saved in the step's
 * ExecutionContext at each chunk commit, a restart truncates the part file to it and
 * appends, and the completed step commits it like every other output: forced to disk,
 * with an existing target's permissions, renamed over the target in one atomic move.
 */
public final class RestartableCsvFile implements ItemStream {

	private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setRecordSeparator("\n").get();

	private final String name;

	private final AtomicFile file;

	private final Supplier<List<String>> header;

	private FileChannel channel;

	private CSVPrinter printer;

	private long records;

	/**
	 * @param header the header, asked for when the file is first created (it may depend
	 * on the input's header)
	 */
	public RestartableCsvFile(String name, Path target, Supplier<List<String>> header) {
		this.name = name;
		this.file = AtomicFile.restartable(target.toAbsolutePath().normalize());
		this.header = header;
	}

	public Path target() {
		return this.file.target();
	}

	public Path part() {
		return this.file.temp();
	}

	@Override
	public void open(ExecutionContext executionContext) {
		String positionKey = this.name + ".position";
		try {
			Files.createDirectories(part().getParent());
			if (executionContext.containsKey(positionKey) && Files.exists(part())) {
				long position = executionContext.getLong(positionKey);
				this.channel = FileChannel.open(part(), StandardOpenOption.WRITE);
				// rows written after the last commit are written again by the restarted
				// chunk
				this.channel.truncate(position);
				this.channel.position(position);
				this.records = executionContext.getLong(this.name + ".records", 0L);
				this.printer = printer();
			}
			else {
				this.channel = FileChannel.open(part(), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
						StandardOpenOption.TRUNCATE_EXISTING);
				this.printer = printer();
				this.printer.printRecord(this.header.get());
			}
		}
		catch (IOException ex) {
			throw new ItemStreamException("cannot write " + part() + ": " + ex.getMessage(), ex);
		}
	}

	private CSVPrinter printer() throws IOException {
		Writer writer = new OutputStreamWriter(Channels.newOutputStream(this.channel), StandardCharsets.UTF_8);
		return new CSVPrinter(writer, FORMAT);
	}

	public synchronized void append(List<String> cells) {
		try {
			this.printer.printRecord(cells);
			this.records++;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot write " + part(), ex);
		}
	}

	/** Adds comment lines (a dry run's summary) after the records. */
	public synchronized void appendComments(List<String> lines) {
		try {
			this.printer.flush();
			for (String line : lines) {
				this.printer.getOut().append("# ").append(line).append('\n');
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot write " + part(), ex);
		}
	}

	public long records() {
		return this.records;
	}

	@Override
	public synchronized void update(ExecutionContext executionContext) {
		try {
			this.printer.flush();
			this.channel.force(false);
			executionContext.putLong(this.name + ".position", this.channel.position());
			executionContext.putLong(this.name + ".records", this.records);
		}
		catch (IOException ex) {
			throw new ItemStreamException("cannot write " + part() + ": " + ex.getMessage(), ex);
		}
	}

	@Override
	public synchronized void close() {
		if (this.printer != null) {
			try {
				this.printer.close(true);
			}
			catch (IOException ex) {
				throw new ItemStreamException("cannot close " + part() + ": " + ex.getMessage(), ex);
			}
			finally {
				this.printer = null;
				this.channel = null;
			}
		}
	}

	/**
	 * Deletes the part file and an older target: the run has nothing to put in this file.
	 */
	public void discard() {
		close();
		this.file.abort();
		try {
			Files.deleteIfExists(target());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot delete " + target(), ex);
		}
	}

	/**
	 * Moves the completed file into place (replacing an older one, whose permissions it
	 * keeps).
	 */
	public void publish() {
		close();
		try {
			this.file.commit();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot move " + part() + " to " + target(), ex);
		}
	}

}
