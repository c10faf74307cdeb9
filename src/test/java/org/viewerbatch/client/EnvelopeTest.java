package org.viewerbatch.client;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EnvelopeTest {

	private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T12:00:00Z"), ZoneOffset.UTC);

	@Test
	void listItemsComeFromEveryPlausibleShape() {
		assertThat(answer("{\"data\": [{\"id\": 1}, {\"id\": 2}]}").items()).hasSize(2);
		assertThat(answer("[{\"id\": 1}]").items()).hasSize(1);
		assertThat(answer("{\"data\": null}").items()).isEmpty();
		assertThat(answer("{\"data\": {}}").items()).isEmpty();
		assertThat(answer("{\"success\": true}").items()).isEmpty();
		assertThat(answer("{\"data\": {\"current_page\": 1, \"data\": [{\"id\": 1}], \"last_page\": 4}}").items())
			.hasSize(1);
		assertThat(answer("{\"data\": {\"7\": {\"id\": 7}, \"8\": {\"id\": 8}}}").items()).hasSize(2);
	}

	@Test
	void aListWhoseDataIsNoListIsRefusedRatherThanReadAsEmpty() {
		assertThatThrownBy(() -> answer("{\"data\": \"nothing here\"}").items())
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("not a list");
		assertThatThrownBy(() -> answer("{\"data\": {\"id\": 1, \"email\": \"a@b.c\"}}").items())
			.isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void theLastPageIsFoundWhereverLaravelPutsIt() {
		assertThat(answer("{\"data\": [], \"meta\": {\"pagination\": {\"last_page\": 3}}}").lastPage()).isEqualTo(3);
		assertThat(answer("{\"data\": [], \"meta\": {\"last_page\": \"4\"}}").lastPage()).isEqualTo(4);
		assertThat(answer("{\"data\": [], \"last_page\": 5}").lastPage()).isEqualTo(5);
		assertThat(answer("{\"data\": {\"data\": [], \"last_page\": 6}}").lastPage()).isEqualTo(6);
		assertThat(answer("{\"data\": [], \"meta\": {\"api_version\": \"2.0.0\"}}").lastPage()).isNull();
	}

	@Test
	void retryAfterIsReadAsSecondsOrAsAnHttpDate() {
		assertThat(withRetryAfter("30").retryAfter(CLOCK)).isEqualTo(Duration.ofSeconds(30));
		assertThat(withRetryAfter("Thu, 01 Jan 2026 12:00:45 GMT").retryAfter(CLOCK)).isEqualTo(Duration.ofSeconds(45));
		assertThat(withRetryAfter("Thu, 01 Jan 2026 11:00:00 GMT").retryAfter(CLOCK)).isEqualTo(Duration.ZERO);
		assertThat(withRetryAfter("soon").retryAfter(CLOCK)).isNull();
		assertThat(withRetryAfter(null).retryAfter(CLOCK)).isNull();
	}

	@Test
	void theMessageFallsBackToTheErrorField() {
		assertThat(answer("{\"success\": false, \"message\": \"\", \"error\": \"Boom\"}").message()).isEqualTo("Boom");
		assertThat(answer("{\"success\": false, \"message\": \"Nope.\", \"error\": null}").message())
			.isEqualTo("Nope.");
		assertThat(answer("{\"success\": false, \"message\": \"Nope.\"}").saysFailure()).isTrue();
		assertThat(answer("{\"message\": \"ok\"}").saysFailure()).isFalse();
	}

	private static Envelope answer(String json) {
		JsonNode body = JsonMapper.shared().readTree(json);
		return new Envelope(200, null, null, null, null, body, json);
	}

	private static Envelope withRetryAfter(String value) {
		return new Envelope(429, value, null, null, null, null, "");
	}

}
