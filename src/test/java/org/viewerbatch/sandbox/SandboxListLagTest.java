package org.viewerbatch.sandbox;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.viewerbatch.testsupport.MutableClock;
import org.viewerbatch.testsupport.SandboxExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The list lag (what a replica or a search index does to a list): a write shows in
 * {@code GET /project-viewers} and its email filter only the lag later, on the sandbox's
 * clock, while {@code GET /project-viewers/{id}} is current at once. And delays on a fake
 * clock's pause, which cost no real time.
 */
class SandboxListLagTest {

	static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-03-02T09:00:00Z"));

	@RegisterExtension
	static final SandboxExtension sandbox = new SandboxExtension(SandboxOptions.defaults()
		.withRateLimit(0)
		.withClock(CLOCK)
		.withListLag(Duration.ofSeconds(5))
		.withPause(CLOCK::sleep));

	final Http http = new Http(sandbox.sandbox());

	List<String> listed(String query) {
		return this.http.get("project-viewers?workspace_id=1&per_page=100" + query)
			.data()
			.valueStream()
			.map((v) -> v.get("email").asString() + " " + v.get("status").asString() + " "
					+ v.get("projects").valueStream().map((p) -> p.get("project_id").asLong()).toList())
			.toList();
	}

	@Test
	void aCreatedViewerIsListedOnlyOnceTheLagHasPassedButItsOwnGetIsCurrent() {
		sandbox.sandbox().store().addViewer(1, "seeded@example.com", "Seeded", "One", "active", Set.of(101L));
		long id = this.http.create("new@example.com", "New", "One").data().get("id").asLong();

		assertThat(listed("")).containsExactly("seeded@example.com active [101]");
		assertThat(listed("&email=NEW@example.com")).isEmpty();
		assertThat(this.http.get("project-viewers/" + id + "?workspace_id=1").status()).isEqualTo(200);

		CLOCK.advance(Duration.ofMillis(4999));
		assertThat(listed("&email=new@example.com")).isEmpty();
		CLOCK.advance(Duration.ofMillis(1));
		assertThat(listed("&email=new@example.com")).containsExactly("new@example.com active []");
		assertThat(listed("")).hasSize(2);
	}

	@Test
	void archivesRestoresAndProjectChangesShowInTheListOnlyOnceTheLagHasPassed() {
		long id = sandbox.sandbox().store().addViewer(1, "kim@example.com", "Kim", "Lo", "active", Set.of(101L)).id();

		this.http.assign(id, 102);
		CLOCK.advance(Duration.ofSeconds(2));
		this.http.archive(id);
		assertThat(listed("")).containsExactly("kim@example.com active [101]");
		assertThat(this.http.get("project-viewers/" + id + "?workspace_id=1").data().get("status").asString())
			.isEqualTo("inactive");

		CLOCK.advance(Duration.ofSeconds(3));
		assertThat(listed("")).containsExactly("kim@example.com active [101, 102]");
		this.http.restore(id);
		CLOCK.advance(Duration.ofSeconds(2));
		assertThat(listed("&email=kim@example.com")).containsExactly("kim@example.com inactive [101, 102]");
		CLOCK.advance(Duration.ofSeconds(3));
		assertThat(listed("&email=kim@example.com")).containsExactly("kim@example.com active [101, 102]");
	}

	@Test
	void aDelayOnAFakeClocksPauseMovesThatClockInsteadOfSleeping() {
		sandbox.sandbox()
			.faultPlan(FaultPlan.builder()
				.onRequest(sandbox.sandbox().requestsReceived() + 1, Fault.delay(Duration.ofHours(1)))
				.build());
		Instant before = CLOCK.instant();

		Http.Answer answer = this.http.create("slow@example.com", "Slow", "One");

		assertThat(answer.status()).isEqualTo(201);
		assertThat(Duration.between(before, CLOCK.instant())).isEqualTo(Duration.ofHours(1));
	}

	@Test
	void withoutALagTheListIsCurrentAtOnce() {
		try (Sandbox current = Sandbox.start(SandboxOptions.defaults().withRateLimit(0).withClock(CLOCK))) {
			Http direct = new Http(current);
			direct.create("now@example.com", "Now", "One");
			assertThat(direct.get("project-viewers?workspace_id=1&email=now@example.com").data()).hasSize(1);
		}
	}

}
