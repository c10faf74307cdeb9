package org.viewerbatch.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.Test;

import org.viewerbatch.imports.ImportProgress;

import static org.assertj.core.api.Assertions.assertThat;

class TerminalProgressTest {

	private final LoggerContext context = new LoggerContext();

	private final Logger root = this.context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

	private final ListAppender<ILoggingEvent> console = new ListAppender<>();

	private final StringWriter terminal = new StringWriter();

	TerminalProgressTest() {
		this.console.setName("STDERR");
		this.console.setContext(this.context);
		this.console.start();
		this.root.addAppender(this.console);
	}

	@Test
	void progressRewritesOneLineAndOtherLogLinesPrintAboveIt() {
		Logger progress = this.context.getLogger(ImportProgress.LOGGER);
		Logger job = this.context.getLogger("org.viewerbatch.apply.PlanWriter");

		try (TerminalProgress line = new TerminalProgress(new PrintWriter(this.terminal))) {
			line.install(this.context);
			progress.info("10/40 rows");
			progress.info("20/40 rows");
			job.warn("a warning");
			progress.info("30/40 rows");
		}

		assertThat(this.terminal.toString()).matches("(?s)\r10/40 rows\u001b\\[K\r20/40 rows\u001b\\[K\n"
				+ "\\d\\d:\\d\\d:\\d\\d\\.\\d{3} WARN  PlanWriter - a warning\n\r30/40 rows\u001b\\[K\n");
		assertThat(this.console.list).as("the console is bypassed while the line is shown").isEmpty();
	}

	@Test
	void escapeSequencesInTheProgressAndInOtherLogLinesAreShownNotObeyed() {
		Logger progress = this.context.getLogger(ImportProgress.LOGGER);
		Logger client = this.context.getLogger("org.viewerbatch.client.WebWorkClient");

		try (TerminalProgress line = new TerminalProgress(new PrintWriter(this.terminal))) {
			line.install(this.context);
			progress.info("10/40 rows, waiting for the API: 503 {}", "\u001b]0;pwned\u0007\u001b[2J");
			client.warn("answer: {}", "line\rover\u009b2J");
		}

		assertThat(this.terminal.toString())
			.matches("(?s)\r10/40 rows, waiting for the API: 503 \\\\e\\]0;pwned\\\\x07\\\\e\\[2J\u001b\\[K\n"
					+ "\\d\\d:\\d\\d:\\d\\d\\.\\d{3} WARN  WebWorkClient - answer: line\\\\rover\\\\u009b2J\n");
	}

	@Test
	void closingGivesTheConsoleItsPlaceBack() {
		try (TerminalProgress line = new TerminalProgress(new PrintWriter(this.terminal))) {
			line.install(this.context);
		}
		this.context.getLogger(ImportProgress.LOGGER).info("after the job");

		assertThat(this.console.list).extracting(ILoggingEvent::getFormattedMessage).containsExactly("after the job");
		assertThat(this.terminal.toString()).isEmpty();
	}

	@Test
	void theProgressLoggersOwnPlainAppenderIsBypassedTooAndGivenBack() {
		Logger progress = this.context.getLogger(ImportProgress.LOGGER);
		ListAppender<ILoggingEvent> plain = new ListAppender<>();
		plain.setName("PLAIN");
		plain.setContext(this.context);
		plain.start();
		progress.addAppender(plain);
		progress.setAdditive(false);

		try (TerminalProgress line = new TerminalProgress(new PrintWriter(this.terminal))) {
			line.install(this.context);
			progress.info("10/40 rows");
		}
		progress.info("after the job");

		assertThat(this.terminal.toString()).isEqualTo("\r10/40 rows\u001b[K\n");
		assertThat(plain.list).extracting(ILoggingEvent::getFormattedMessage).containsExactly("after the job");
	}

}
