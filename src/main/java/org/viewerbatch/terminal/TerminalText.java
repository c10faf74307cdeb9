package org.viewerbatch.terminal;

/**
 * Text from a file or the API made safe to print on a terminal: each control character
 * (C0, DEL, C1) and each bidirectional override is shown as a visible escape instead of
 * being obeyed, so an email or an API message cannot set the window title, clear the
 * screen, move the cursor, hide what follows or fake a line: {@code \e} for ESC,
 * {@code \t}, {@code \n} and {@code \r}, {@code \x07} for the other C0 characters and
 * DEL, a backslash, {@code u} and four hex digits for C1 characters (CSI: u009b) and the
 * bidirectional controls. A backslash stays as it is (paths keep their look), so a text
 * that spells {@code \e} shows the same as an ESC: both are harmless. Files (CSV, HTML)
 * are written as they are, not through this.
 */
public final class TerminalText {

	private TerminalText() {
	}

	/** The text with every control character shown as an escape; {@code null} stays. */
	public static String visible(String text) {
		if (text == null || text.chars().noneMatch(TerminalText::escaped)) {
			return text;
		}
		StringBuilder visible = new StringBuilder(text.length() + 8);
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			visible.append(escaped(c) ? escape(c) : String.valueOf(c));
		}
		return visible.toString();
	}

	/**
	 * Text of several lines (a stack trace) shown line by line: the line feeds between
	 * them and the tabs that start a line are kept, every other control character is
	 * escaped as by {@link #visible}.
	 */
	public static String visibleLines(String text) {
		String[] lines = text.split("\n", -1);
		StringBuilder visible = new StringBuilder(text.length());
		for (int i = 0; i < lines.length; i++) {
			String line = lines[i];
			int indent = 0;
			while (indent < line.length() && line.charAt(indent) == '\t') {
				indent++;
			}
			visible.append(line, 0, indent).append(visible(line.substring(indent)));
			if (i < lines.length - 1) {
				visible.append('\n');
			}
		}
		return visible.toString();
	}

	private static boolean escaped(int c) {
		return Character.isISOControl(c) || (c >= '\u202a' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069');
	}

	private static String escape(char c) {
		return switch (c) {
			case '\u001b' -> "\\e";
			case '\t' -> "\\t";
			case '\n' -> "\\n";
			case '\r' -> "\\r";
			default -> (c < '\u0080') ? String.format("\\x%02x", (int) c) : String.format("\\u%04x", (int) c);
		};
	}

}
