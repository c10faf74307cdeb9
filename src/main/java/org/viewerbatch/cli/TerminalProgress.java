package org.viewerbatch.cli;

import java.io.PrintWriter;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.AppenderBase;
import org.slf4j.LoggerFactory;

import org.viewerbatch.imports.ImportProgress;
import org.viewerbatch.terminal.TerminalText;

/**
 * On a terminal, the import's progress as one line rewritten in place, with every other
 * log line printed above it; in cron or a pipe the progress stays a plain log line every
 * few seconds (nothing here is installed).
 */
final class TerminalProgress extends AppenderBase<ILoggingEvent> implements AutoCloseable {

	/**
	 * The appender of logback-spring.xml that this one stands in for while a job runs.
	 */
	private static final String CONSOLE_APPENDER = "STDERR";

	/** The appender of logback-spring.xml that writes the progress lines as they are. */
	private static final String PLAIN_APPENDER = "PLAIN";

	private static final String CLEAR_TO_END_OF_LINE = "\u001b[K";

	private final PrintWriter err;

	private final PatternLayout layout = new PatternLayout();

	private Appender<ILoggingEvent> console;

	private Appender<ILoggingEvent> plain;

	private boolean lineOpen;

	TerminalProgress(PrintWriter err) {
		this.err = err;
	}

	/**
	 * Takes the console's place on the root logger when stderr is a terminal; otherwise
	 * changes nothing.
	 */
	static TerminalProgress installIfInteractive(PrintWriter err) {
		TerminalProgress progress = new TerminalProgress(err);
		if (System.console() != null && LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
			progress.install(context);
		}
		return progress;
	}

	void install(LoggerContext context) {
		Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
		this.console = root.getAppender(CONSOLE_APPENDER);
		if (this.console == null) {
			return;
		}
		setContext(context);
		this.layout.setContext(context);
		this.layout.getInstanceConverterMap().put(VisibleMessageConverter.WORD, VisibleMessageConverter::new);
		this.layout.getInstanceConverterMap().put(VisibleThrowableConverter.WORD, VisibleThrowableConverter::new);
		this.layout.setPattern("%d{HH:mm:ss.SSS} %-5level %logger{0} - %" + VisibleMessageConverter.WORD + "%n%"
				+ VisibleThrowableConverter.WORD);
		this.layout.start();
		start();
		root.addAppender(this);
		root.detachAppender(this.console);
		Logger progress = context.getLogger(ImportProgress.LOGGER);
		this.plain = progress.getAppender(PLAIN_APPENDER);
		if (this.plain != null) {
			progress.addAppender(this);
			progress.detachAppender(this.plain);
		}
	}

	@Override
	protected void append(ILoggingEvent event) {
		if (ImportProgress.LOGGER.equals(event.getLoggerName())) {
			this.err.print("\r" + TerminalText.visible(event.getFormattedMessage()) + CLEAR_TO_END_OF_LINE);
			this.lineOpen = true;
		}
		else {
			endLine();
			this.err.print(this.layout.doLayout(event));
		}
		this.err.flush();
	}

	/** Ends the progress line, so that what follows starts on a line of its own. */
	synchronized void endLine() {
		if (this.lineOpen) {
			this.err.println();
			this.err.flush();
			this.lineOpen = false;
		}
	}

	/** Ends the progress line and gives the console appender its place back. */
	@Override
	public void close() {
		endLine();
		if (this.console != null && getContext() instanceof LoggerContext context) {
			Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
			root.addAppender(this.console);
			root.detachAppender(this);
			if (this.plain != null) {
				Logger progress = context.getLogger(ImportProgress.LOGGER);
				progress.addAppender(this.plain);
				progress.detachAppender(this);
			}
			stop();
		}
	}

}
