package org.viewerbatch.client;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.imperative.ImperativeHttpClientAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.web.client.RestClient;

import org.viewerbatch.sandbox.Sandbox;
import org.viewerbatch.sandbox.SandboxOptions;

import static org.assertj.core.api.Assertions.assertThat;

class ClientConfigurationTest {

	private final ApplicationContextRunner context = new ApplicationContextRunner()
		.withUserConfiguration(ClientConfiguration.class)
		.withBean(RestClient.Builder.class, RestClient::builder);

	@Test
	void bindsTheTokenFromAStringAndFillsInTheDefaults() {
		this.context.withPropertyValues("viewer-batch.api.token= from-env ").run(context -> {
			ApiProperties properties = context.getBean(ApiProperties.class);
			assertThat(properties.token().value()).isEqualTo("from-env");
			assertThat(properties.url()).isEqualTo(URI.create("https://api.webwork-tracker.com/api/v2/"));
			assertThat(properties.rateLimit()).isEqualTo(60);
			assertThat(properties.concurrency()).isEqualTo(4);
			assertThat(properties.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
			assertThat(properties.readTimeout()).isEqualTo(Duration.ofSeconds(30));
			assertThat(properties.maxRetries()).isEqualTo(4);
			assertThat(properties.retryDelay()).isEqualTo(Duration.ofMillis(500));
			assertThat(properties.toString()).doesNotContain("from-env");
			assertThat(context).hasSingleBean(WebWorkClient.class)
				.hasSingleBean(RequestPacer.class)
				.hasSingleBean(Clock.class)
				.hasSingleBean(Sleeper.class);
		});
	}

	@Test
	void sizesTheRequestsInFlightFromARaisedRateLimitUnlessTheyAreGiven() {
		this.context.withPropertyValues("viewer-batch.api.rate-limit=6000").run(context -> {
			assertThat(context.getBean(ApiProperties.class).concurrency()).isEqualTo(12);
		});
		this.context.withPropertyValues("viewer-batch.api.rate-limit=6000", "viewer-batch.api.concurrency=3")
			.run(context -> {
				assertThat(context.getBean(ApiProperties.class).concurrency()).isEqualTo(3);
			});
		assertThat(ApiProperties.defaultConcurrency(1)).isEqualTo(4);
		assertThat(ApiProperties.defaultConcurrency(2000)).isEqualTo(4);
		assertThat(ApiProperties.defaultConcurrency(2001)).isEqualTo(5);
		assertThat(ApiProperties.defaultConcurrency(1_000_000)).isEqualTo(32);
	}

	@Test
	void bindsEveryProperty() {
		this.context
			.withPropertyValues("viewer-batch.api.url=http://127.0.0.1:8080/api/v2", "viewer-batch.api.token=t",
					"viewer-batch.api.rate-limit=30", "viewer-batch.api.concurrency=2",
					"viewer-batch.api.connect-timeout=2s", "viewer-batch.api.read-timeout=5s",
					"viewer-batch.api.max-retries=1", "viewer-batch.api.retry-delay=50ms")
			.run(context -> {
				ApiProperties properties = context.getBean(ApiProperties.class);
				assertThat(properties)
					.isEqualTo(new ApiProperties(URI.create("http://127.0.0.1:8080/api/v2/"), ApiToken.of("t"), 30, 2,
							Duration.ofSeconds(2), Duration.ofSeconds(5), 1, Duration.ofMillis(50)));
				assertThat(context.getBean(RequestPacer.class).interval()).as("30/min, with the pacer's headroom")
					.isEqualTo(Duration.ofMillis(2040));
			});
	}

	@Test
	void theConfiguredClientReachesTheApiThroughBootsRestClientBuilder() {
		try (Sandbox sandbox = Sandbox.start(SandboxOptions.defaults())) {
			new ApplicationContextRunner()
				.withConfiguration(AutoConfigurations.of(HttpClientAutoConfiguration.class,
						ImperativeHttpClientAutoConfiguration.class, RestClientAutoConfiguration.class))
				.withUserConfiguration(ClientConfiguration.class)
				.withPropertyValues("viewer-batch.api.url=" + sandbox.apiUrl(),
						"viewer-batch.api.token=" + sandbox.token())
				.run(context -> {
					WebWorkClient client = context.getBean(WebWorkClient.class);
					assertThat(client.projects(1)).hasSize(10);
					assertThat(client.requestsSent()).isEqualTo(1);
				});
		}
	}

	@Test
	void startsWithoutAToken() {
		this.context.run(context -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(ApiProperties.class).token()).isNull();
		});
	}

	@Test
	void aClockOfTheApplicationIsUsed() {
		Clock fixed = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), java.time.ZoneOffset.UTC);
		this.context.withBean(Clock.class, () -> fixed).run(context -> {
			assertThat(context).hasSingleBean(Clock.class);
			assertThat(context.getBean(RequestPacer.class).clock()).isSameAs(fixed);
		});
	}

}
