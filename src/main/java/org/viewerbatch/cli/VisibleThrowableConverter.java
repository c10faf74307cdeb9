package org.viewerbatch.cli;

import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.IThrowableProxy;

import org.viewerbatch.terminal.TerminalText;

/**
 * {@code %visibleEx}: a logged stack trace with the control characters of its messages
 * shown as escapes ({@link TerminalText#visibleLines}); an exception's message can quote
 * an API answer.
 */
public final class VisibleThrowableConverter extends ThrowableProxyConverter {

	/** The conversion word of logback-spring.xml's patterns. */
	static final String WORD = "visibleEx";

	@Override
	protected String throwableProxyToString(IThrowableProxy throwable) {
		return TerminalText.visibleLines(super.throwableProxyToString(throwable));
	}

}
