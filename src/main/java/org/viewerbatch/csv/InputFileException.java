package org.viewerbatch.csv;

import java.nio.file.Path;

/**
 * An input file that cannot be used as it is: the message names the file, the line (when
 * known) and the reason.
 */
public class InputFileException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final Path file;

	private final long line;

	private final String reason;

	public InputFileException(Path file, long line, String reason) {
		this(file, line, reason, null);
	}

	public InputFileException(Path file, long line, String reason, Throwable cause) {
		super((line > 0 ? file + ":" + line : String.valueOf(file)) + ": " + reason, cause);
		this.file = file;
		this.line = line;
		this.reason = reason;
	}

	public Path file() {
		return this.file;
	}

	/** The physical line (header = 1), or 0 when the problem is the file as a whole. */
	public long line() {
		return this.line;
	}

	public String reason() {
		return this.reason;
	}

}
