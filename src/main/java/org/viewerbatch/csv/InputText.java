package org.viewerbatch.csv;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import org.apache.commons.io.ByteOrderMark;
import org.apache.commons.io.input.BOMInputStream;

/**
 * Opens an input file as text: a byte order mark is stripped and decides the charset,
 * else the given one is used.
 */
final class InputText {

	private InputText() {
	}

	/**
	 * A strict, line-counting reader over the file; a UTF-8 or UTF-16 BOM wins over
	 * {@code encoding}, because a file that starts with one says what it is (Excel's "CSV
	 * UTF-8" and "Unicode text" both do).
	 */
	static Reader open(Path file, Charset encoding) {
		if (Files.isDirectory(file)) {
			throw new InputFileException(file, 0, "is a directory, not a CSV file");
		}
		try {
			BOMInputStream in = BOMInputStream.builder()
				.setPath(file)
				.setByteOrderMarks(ByteOrderMark.UTF_8, ByteOrderMark.UTF_16LE, ByteOrderMark.UTF_16BE)
				.get();
			String bom = in.getBOMCharsetName();
			return new DecodingReader(in, (bom != null) ? Charset.forName(bom) : encoding, file);
		}
		catch (NoSuchFileException ex) {
			throw new InputFileException(file, 0, "file not found", ex);
		}
		catch (AccessDeniedException ex) {
			throw new InputFileException(file, 0, "cannot read the file (permission denied)", ex);
		}
		catch (IOException ex) {
			throw new InputFileException(file, 0, "cannot read the file: " + ex.getMessage(), ex);
		}
	}

}
