package org.viewerbatch.csv;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Picks the delimiter of a file from its header line: whichever of {@code ,} {@code ;}
 * TAB occurs most often outside quotes (ties in that order; {@code ,} when none occurs,
 * e.g. a single-column file).
 */
final class DelimiterDetector {

	private static final char[] CANDIDATES = { ',', ';', '\t' };

	private DelimiterDetector() {
	}

	static char detect(Path file, Charset encoding) {
		int[] counts = new int[CANDIDATES.length];
		try (Reader reader = InputText.open(file, encoding)) {
			boolean quoted = false;
			boolean content = false;
			int c;
			while ((c = reader.read()) >= 0) {
				if (c == '"') {
					quoted = !quoted;
				}
				else if ((c == '\n' || c == '\r') && !quoted) {
					if (content) {
						break;
					}
					Arrays.fill(counts, 0);
				}
				else if (!quoted) {
					for (int i = 0; i < CANDIDATES.length; i++) {
						if (c == CANDIDATES[i]) {
							counts[i]++;
						}
					}
				}
				content |= !Character.isWhitespace(c);
			}
		}
		catch (IOException ex) {
			throw new InputFileException(file, 0, "cannot read the file: " + ex.getMessage(), ex);
		}
		int best = 0;
		for (int i = 1; i < CANDIDATES.length; i++) {
			if (counts[i] > counts[best]) {
				best = i;
			}
		}
		return CANDIDATES[best];
	}

}
