package org.viewerbatch.cli;

import java.nio.charset.StandardCharsets;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.viewerbatch.imports.ImportProgress;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The log lines of logback-spring.xml, as cron or a pipe gets them, show the control
 * characters of a message and of a stack trace as escapes.
 */
class ConsolePatternsTest {

	@ParameterizedTest
	@ValueSource(strings = { "STDERR", "PLAIN" })
	void theConsolePatternsShowTheControlCharactersOfMessagesAndStackTracesAsEscapes(String appenderName)
			throws Exception {
		LoggerContext context = new LoggerContext();
		JoranConfigurator configurator = new JoranConfigurator();
		configurator.setContext(context);
		configurator.doConfigure(getClass().getResource("/logback-spring.xml"));
		Logger logger = context.getLogger(appenderName.equals("PLAIN") ? ImportProgress.LOGGER : "org.viewerbatch");
		@SuppressWarnings("unchecked")
		OutputStreamAppender<ILoggingEvent> appender = (OutputStreamAppender<ILoggingEvent>) ((appenderName
			.equals("PLAIN")) ? logger.getAppender(appenderName)
					: context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getAppender(appenderName));
		LoggingEvent event = new LoggingEvent(Logger.class.getName(), logger, Level.WARN, "waiting for the API: {}",
				new IllegalStateException("422 \u001b[2J"), new Object[] { "503 \u001b]0;pwned\u0007\u001b[2J\r\n" });

		String lines = new String(appender.getEncoder().encode(event), StandardCharsets.UTF_8);

		assertThat(lines)
			.contains("waiting for the API: 503 \\e]0;pwned\\x07\\e[2J\\r\\n\n"
					+ "java.lang.IllegalStateException: 422 \\e[2J\n\tat ")
			.doesNotContain("\u001b");
	}

}
