package org.viewerbatch.csv;

import java.io.IOException;
import java.io.InputStream;
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
	 * A text file in which every other byte is 0 is UTF-16 saved without a byte order
	 * mark: read as anything else it would be letters separated by NULs.
	 */
	private static void refuseUtf16(Path file) throws IOException {
		byte[] start = new byte[512];
		int length;
		try (InputStream in = Files.newInputStream(file)) {
			length = in.readNBytes(start, 0, start.length);
		}
		int evenZeros = 0;
		int oddZeros = 0;
		for (int i = 0; i < length; i++) {
			if (start[i] == 0) {
				if (i % 2 == 0) {
					evenZeros++;
				}
				else {
					oddZeros++;
				}
			}
		}
		int pairs = length / 2;
		if (pairs >= 2 && Math.max(evenZeros, oddZeros) * 2 >= pairs) {
			String charset = (oddZeros > evenZeros) ? "UTF-16LE" : "UTF-16BE";
			throw new InputFileException(file, 1, "looks like " + charset
					+ " saved without a byte order mark (every other byte is 0): use --encoding " + charset);
		}
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
			if (bom == null && !encoding.name().startsWith("UTF-16")) {
				refuseUtf16(file);
			}
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
