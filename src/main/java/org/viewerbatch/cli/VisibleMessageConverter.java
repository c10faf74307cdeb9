package org.viewerbatch.cli;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

import org.viewerbatch.terminal.TerminalText;

/**
 * {@code %visibleMsg}: the log message with its control characters shown as escapes
 * ({@link TerminalText}), since a log line can quote the API or the input file and goes
 * to the terminal.
 */
public final class VisibleMessageConverter extends MessageConverter {

	/** The conversion word of logback-spring.xml's patterns. */
	static final String WORD = "visibleMsg";

	@Override
	public String convert(ILoggingEvent event) {
		return TerminalText.visible(super.convert(event));
	}

}
