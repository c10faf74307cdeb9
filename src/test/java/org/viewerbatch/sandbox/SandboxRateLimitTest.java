package org.viewerbatch.sandbox;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.viewerbatch.testsupport.MutableClock;
import org.viewerbatch.testsupport.SandboxExtension;

import static org.assertj.core.api.Assertions.assertThat;

class SandboxRateLimitTest {

	static final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T09:00:00Z"));

	static final Seed TWO_TOKENS = Seed.parse("""
			{ "workspaces": [ { "id": 1, "projects": [ { "id": 101 } ] } ],
			  "tokens": [ { "value": "first-token-1" }, { "value": "second-token2" } ] }
			""");

	@RegisterExtension
	static final SandboxExtension sandbox = new SandboxExtension(
			SandboxOptions.defaults().withClock(clock).withSeed(TWO_TOKENS));

	final Http http = new Http(sandbox.sandbox());

	void sixtyRequests() {
		for (int i = 1; i <= 60; i++) {
			Http.Answer answer = this.http.get("projects?workspace_id=1");
			assertThat(answer.status()).isEqualTo(200);
			assertThat(answer.header("X-RateLimit-Remaining")).isEqualTo(Integer.toString(60 - i));
		}
	}

	@Test
	void the61stRequestInTheWindowIs429WithRetryAfterAndIsNotApplied() {
		sixtyRequests();

		Http.Answer answer = this.http.create("ann@example.com", "Ann", "Lee");

		assertThat(answer.status()).isEqualTo(429);
		assertThat(answer.message()).isEqualTo("Too Many Attempts.");
		assertThat(answer.header("Retry-After")).isEqualTo("60");
		assertThat(answer.header("X-RateLimit-Limit")).isEqualTo("60");
		assertThat(answer.header("X-RateLimit-Remaining")).isEqualTo("0");
		assertThat(sandbox.sandbox().store().viewers(1)).isEmpty();
		assertThat(sandbox.sandbox().requestLog().rateLimited()).isEqualTo(1);
		assertThat(sandbox.sandbox().requestLog().invitationsSent()).isZero();
	}

	@Test
	void retryAfterCountsDownAndTheWindowReopensWhenItHasPassed() {
		sixtyRequests();
		clock.advance(Duration.ofSeconds(45));

		Http.Answer stillLimited = this.http.get("projects?workspace_id=1");

		assertThat(stillLimited.status()).isEqualTo(429);
		assertThat(stillLimited.header("Retry-After")).isEqualTo("15");

		clock.advance(Duration.ofSeconds(15));
		Http.Answer allowed = this.http.get("projects?workspace_id=1");

		assertThat(allowed.status()).isEqualTo(200);
		assertThat(allowed.header("X-RateLimit-Remaining")).isEqualTo("59");
	}

	@Test
	void eachTokenHasItsOwnBudget() {
		sixtyRequests();

		assertThat(this.http.get("projects?workspace_id=1").status()).isEqualTo(429);
		assertThat(this.http.withToken("second-token2").get("projects?workspace_id=1").status()).isEqualTo(200);
	}

	@Test
	void aRateLimitOfZeroSendsNoHeadersAndNeverLimits() {
		try (Sandbox unlimited = Sandbox.start(SandboxOptions.defaults().withClock(clock).withRateLimit(0))) {
			Http client = new Http(unlimited);
			for (int i = 0; i < 70; i++) {
				assertThat(client.get("workspaces").status()).isEqualTo(200);
			}
			assertThat(client.get("workspaces").header("X-RateLimit-Limit")).isNull();
		}
	}

}
