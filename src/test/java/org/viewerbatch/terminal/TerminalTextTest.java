package org.viewerbatch.terminal;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class TerminalTextTest {

	static Stream<Arguments> controlCharacters() {
		return Stream.of(arguments("\u001b]0;pwned\u0007ann@example.com", "\\e]0;pwned\\x07ann@example.com"),
				arguments("\u001b[2J\u001b[Hcleared", "\\e[2J\\e[Hcleared"), arguments("\u001b[K", "\\e[K"),
				arguments("ok\rviewer-batch: done", "ok\\rviewer-batch: done"),
				arguments("ok\nviewer-batch: done", "ok\\nviewer-batch: done"), arguments("a\tb", "a\\tb"),
				arguments("nul\u0000", "nul\\x00"), arguments("bell\u0007", "bell\\x07"),
				arguments("\u0008\u0008\u0008", "\\x08\\x08\\x08"), arguments("del\u007f", "del\\x7f"),
				arguments("\u009b2J", "\\u009b2J"), arguments("\u0085next", "\\u0085next"),
				arguments("\u009d0;title\u009c", "\\u009d0;title\\u009c"),
				arguments("invoice\u202efdp.exe", "invoice\\u202efdp.exe"),
				arguments("\u2066isolated\u2069", "\\u2066isolated\\u2069"));
	}

	@ParameterizedTest
	@MethodSource("controlCharacters")
	void aControlCharacterIsShownAsAnEscape(String text, String shown) {
		assertThat(TerminalText.visible(text)).isEqualTo(shown);
	}

	@ParameterizedTest
	@ValueSource(strings = { "ann@example.com", "Zoé Müller – € 日本", "C:\\Users\\ann\\e.csv", "\\e[2J typed as text",
			"name\u200f", "", "'=HYPERLINK(\"x\")" })
	void printableTextIsShownAsItIs(String text) {
		assertThat(TerminalText.visible(text)).isSameAs(text);
	}

	@Test
	void nullStaysNull() {
		assertThat(TerminalText.visible(null)).isNull();
	}

	@Test
	void aStackTraceKeepsItsLinesAndIndentButNoEscapeSequence() {
		String trace = "java.lang.IllegalStateException: 422 \u001b]0;pwned\u0007\r\n\tat a.B.c(B.java:1)\n"
				+ "Caused by: x\u001b[2J\n\t\tat d.E.f(E.java:2)\n";

		assertThat(TerminalText.visibleLines(trace))
			.isEqualTo("java.lang.IllegalStateException: 422 \\e]0;pwned\\x07\\r\n\tat a.B.c(B.java:1)\n"
					+ "Caused by: x\\e[2J\n\t\tat d.E.f(E.java:2)\n");
	}

}
