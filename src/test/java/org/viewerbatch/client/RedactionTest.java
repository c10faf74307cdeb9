package org.viewerbatch.client;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import org.springframework.web.client.RestClient;

import org.viewerbatch.client.StubApi.Reply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The token appears in no log line and no exception, even when the server echoes it back.
 */
class RedactionTest {

	private static final String TOKEN = "very-secret-token-6d1e";

	private final Logger clientLogger = (Logger) LoggerFactory.getLogger("org.viewerbatch.client");

	private final ListAppender<ILoggingEvent> logs = new ListAppender<>();

	private Level previousLevel;

	private StubApi api;

	private WebWorkClient client;

	@BeforeEach
	void start() throws Exception {
		this.previousLevel = this.clientLogger.getLevel();
		this.clientLogger.setLevel(Level.DEBUG);
		this.logs.start();
		this.clientLogger.addAppender(this.logs);
		this.api = new StubApi();
		ManualTime time = ManualTime.auto(Instant.parse("2026-01-01T00:00:00Z"));
		ApiProperties settings = new ApiProperties(this.api.apiUrl(), ApiToken.of(TOKEN), 6000, 4,
				Duration.ofSeconds(2), Duration.ofSeconds(5), 2, Duration.ofMillis(10));
		this.client = new WebWorkClient(RestClient.builder(), settings, new RequestPacer(6000, time, time), time);
	}

	@AfterEach
	void stop() {
		this.clientLogger.detachAppender(this.logs);
		this.clientLogger.setLevel(this.previousLevel);
		this.api.close();
	}

	@Test
	void logsOneLinePerRequestWithoutTheToken() {
		this.api.respondInOrder(Reply.json(503, "{}"), Reply.json(200, "{\"data\": []}"));

		this.client.viewers(1).toList();

		List<String> requestLines = this.logs.list.stream()
			.filter(event -> event.getLoggerName().equals("org.viewerbatch.client.requests"))
			.map(ILoggingEvent::getFormattedMessage)
			.toList();
		assertThat(requestLines).hasSize(2);
		assertThat(requestLines.get(0))
			.matches("GET /api/v2/project-viewers\\?workspace_id=1&page=1&per_page=100 → 503 \\(\\d+ ms\\)");
		assertThat(requestLines.get(1))
			.matches("GET /api/v2/project-viewers\\?workspace_id=1&page=1&per_page=100 → 200 \\(\\d+ ms\\)");
		assertThat(everythingLogged()).doesNotContain(TOKEN);
	}

	@Test
	void aTokenEchoedByTheServerIsRedactedFromMessagesAndLogs() {
		String echo = "{\"message\": \"Token " + TOKEN + " is not valid\", \"errors\": {\"token\": [\"" + TOKEN
				+ "\"]}}";
		List<Throwable> failures = new ArrayList<>();
		this.api.respondInOrder(Reply.json(401, echo), Reply.json(422, echo), Reply.json(500, echo),
				Reply.json(500, "Bearer " + TOKEN), Reply.json(500, "Bearer " + TOKEN), Reply.dropped());

		failures.add(catchThrowable(() -> this.client.viewer(1, 5)));
		failures.add(catchThrowable(() -> this.client.createViewer(1, new NewViewer("a@example.com", "A", "B"))));
		failures.add(catchThrowable(() -> this.client.assignProject(1, 5, 101)));

		assertThat(failures).hasExactlyElementsOfTypes(AuthApiException.class, RejectedApiException.class,
				TransientApiException.class);
		assertThat(failures.get(0)).hasMessage("GET /project-viewers/5 → 401: Token [redacted] is not valid");
		for (Throwable failure : failures) {
			assertThat(stackTraceOf(failure)).doesNotContain(TOKEN);
			assertThat(failure.toString()).doesNotContain(TOKEN);
		}
		assertThat(((ApiException) failures.get(2)).apiMessage()).doesNotContain(TOKEN);
		assertThat(everythingLogged()).doesNotContain(TOKEN).contains("[redacted]");
	}

	@Test
	void settingsAndPropertiesDoNotPrintTheToken() {
		ApiProperties settings = new ApiProperties(this.api.apiUrl(), ApiToken.of(TOKEN), 60, 4, Duration.ofSeconds(1),
				Duration.ofSeconds(1), 0, Duration.ofMillis(1));
		ApiProperties properties = new ApiProperties(this.api.apiUrl(), ApiToken.of(TOKEN), 60, 4,
				Duration.ofSeconds(1), Duration.ofSeconds(1), 0, Duration.ofMillis(1));

		assertThat(settings.toString()).doesNotContain(TOKEN).contains("ApiToken[redacted]");
		assertThat(properties.toString()).doesNotContain(TOKEN);
		assertThat(Map.of("token", ApiToken.of(TOKEN)).toString()).doesNotContain(TOKEN);
	}

	private String everythingLogged() {
		StringBuilder all = new StringBuilder();
		for (ILoggingEvent event : this.logs.list) {
			all.append(event.getFormattedMessage()).append('\n');
			if (event.getThrowableProxy() != null) {
				all.append(ThrowableProxyUtil.asString(event.getThrowableProxy())).append('\n');
			}
		}
		return all.toString();
	}

	private static String stackTraceOf(Throwable failure) {
		java.io.StringWriter text = new java.io.StringWriter();
		failure.printStackTrace(new java.io.PrintWriter(text));
		return text.toString();
	}

}
