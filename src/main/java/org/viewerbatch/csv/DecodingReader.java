package org.viewerbatch.csv;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;

/**
 * Decodes bytes strictly, counting lines as it goes, so that a byte that is not valid in
 * the charset is reported with its line instead of being replaced by U+FFFD (which
 * {@link java.io.InputStreamReader} does, silently) or reported somewhere in an 8 KiB
 * buffer.
 */
final class DecodingReader extends Reader {

	private final InputStream in;

	private final Path file;

	private final Charset charset;

	private final CharsetDecoder decoder;

	private final ByteBuffer bytes = ByteBuffer.allocate(8192).flip();

	private final CharBuffer chars = CharBuffer.allocate(8192).flip();

	private boolean endOfInput;

	private boolean finished;

	private long line = 1;

	private boolean afterCr;

	DecodingReader(InputStream in, Charset charset, Path file) {
		this.in = in;
		this.file = file;
		this.charset = charset;
		this.decoder = charset.newDecoder()
			.onMalformedInput(CodingErrorAction.REPORT)
			.onUnmappableCharacter(CodingErrorAction.REPORT);
	}

	@Override
	public int read(char[] buffer, int offset, int length) throws IOException {
		if (length == 0) {
			return 0;
		}
		if (!this.chars.hasRemaining() && !fill()) {
			return -1;
		}
		int count = Math.min(length, this.chars.remaining());
		this.chars.get(buffer, offset, count);
		return count;
	}

	private boolean fill() throws IOException {
		this.chars.clear();
		while (this.chars.position() == 0 && !this.finished) {
			CoderResult result = this.decoder.decode(this.bytes, this.chars, this.endOfInput);
			if (result.isError()) {
				countLines();
				throw undecodable(result.length());
			}
			if (result.isUnderflow()) {
				if (this.endOfInput) {
					this.decoder.flush(this.chars);
					this.finished = true;
				}
				else if (this.chars.position() == 0) {
					readBytes();
				}
			}
		}
		countLines();
		this.chars.flip();
		return this.chars.hasRemaining();
	}

	private void readBytes() throws IOException {
		this.bytes.compact();
		int read = this.in.read(this.bytes.array(), this.bytes.position(), this.bytes.remaining());
		if (read < 0) {
			this.endOfInput = true;
		}
		else {
			this.bytes.position(this.bytes.position() + read);
		}
		this.bytes.flip();
	}

	/** Counts line breaks as Commons CSV does: CR, LF, and CRLF as one. */
	private void countLines() {
		for (int i = 0; i < this.chars.position(); i++) {
			char c = this.chars.get(i);
			if (c == '\r' || (c == '\n' && !this.afterCr)) {
				this.line++;
			}
			this.afterCr = (c == '\r');
		}
	}

	private InputFileException undecodable(int length) {
		byte[] bad = new byte[Math.min(length, 4)];
		this.bytes.get(this.bytes.position(), bad);
		String reason = "not valid " + this.charset.name() + " (byte " + HexFormat.of().withPrefix("0x").formatHex(bad)
				+ ")";
		if (this.charset.equals(StandardCharsets.UTF_8)) {
			reason += "; a file saved by Excel on Windows is usually windows-1252: use --encoding windows-1252";
		}
		return new InputFileException(this.file, this.line, reason);
	}

	@Override
	public void close() throws IOException {
		this.in.close();
	}

}
