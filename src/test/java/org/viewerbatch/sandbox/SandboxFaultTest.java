package org.viewerbatch.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.viewerbatch.testsupport.SandboxExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SandboxFaultTest {

	@RegisterExtension
	static final SandboxExtension sandbox = new SandboxExtension(SandboxOptions.defaults().withRateLimit(0));

	final Http http = new Http(sandbox.sandbox());

	/** A plan whose request numbers count from the next request. */
	void plan(java.util.function.LongFunction<FaultPlan> plan) {
		sandbox.sandbox().faultPlan(plan.apply(sandbox.sandbox().requestsReceived()));
	}

	@Test
	void anInjectedStatusAnswersWithAnErrorEnvelopeAndChangesNothing() {
		plan((base) -> FaultPlan.builder().onRequest(base + 2, Fault.status(503)).build());

		Http.Answer first = this.http.create("ann@example.com", "Ann", "Lee");
		Http.Answer second = this.http.create("bo@example.com", "Bo", "Ek");
		Http.Answer third = this.http.create("bo@example.com", "Bo", "Ek");

		assertThat(first.status()).isEqualTo(201);
		assertThat(second.status()).isEqualTo(503);
		assertThat(second.body().get("success").asBoolean()).isFalse();
		assertThat(second.message()).isEqualTo("Service Unavailable.");
		assertThat(third.status()).isEqualTo(201);
		assertThat(sandbox.sandbox().requestLog().invitationsSent("bo@example.com")).isEqualTo(1);
		List<LoggedRequest> log = sandbox.sandbox().requestLog().all();
		assertThat(log).extracting(LoggedRequest::status).containsExactly(201, 503, 201);
		assertThat(log).extracting(LoggedRequest::faulted).containsExactly(false, true, false);
	}

	@Test
	void anInjected429CarriesRetryAfterAndIsNotCountedAsRateLimited() {
		plan((base) -> FaultPlan.builder().onRequest(base + 1, Fault.status(429, Duration.ofSeconds(7))).build());

		Http.Answer answer = this.http.get("workspaces");

		assertThat(answer.status()).isEqualTo(429);
		assertThat(answer.header("Retry-After")).isEqualTo("7");
		assertThat(sandbox.sandbox().requestLog().rateLimited()).isZero();
	}

	@Test
	void everyNthRequestFails() {
		sandbox.sandbox().faultPlan(FaultPlan.builder().every(3, Fault.status(502)).build());
		long base = sandbox.sandbox().requestsReceived();

		List<Integer> failed = new ArrayList<>();
		for (int i = 1; i <= 9; i++) {
			if (this.http.get("workspaces").status() == 502) {
				failed.add((int) (base + i));
			}
		}

		assertThat(failed).hasSize(3).allMatch((n) -> n % 3 == 0);
	}

	@Test
	void anEndpointRuleCountsOnlyMatchingRequests() {
		sandbox.sandbox()
			.faultPlan(FaultPlan.builder().onEndpoint("POST", "/project-viewers", 2, Fault.status(500)).build());

		this.http.get("project-viewers?workspace_id=1");
		Http.Answer firstCreate = this.http.create("ann@example.com", "Ann", "Lee");
		this.http.get("project-viewers?workspace_id=1");
		Http.Answer secondCreate = this.http.create("bo@example.com", "Bo", "Ek");
		Http.Answer thirdCreate = this.http.create("cy@example.com", "Cy", "Oh");

		assertThat(firstCreate.status()).isEqualTo(201);
		assertThat(secondCreate.status()).isEqualTo(500);
		assertThat(thirdCreate.status()).isEqualTo(201);
		assertThat(sandbox.sandbox().store().viewerByEmail(1, "bo@example.com")).isEmpty();
	}

	@Test
	void commitThen500CreatesTheViewerAndSendsTheInvitationButAnswers500() {
		sandbox.sandbox().faultPlan(FaultPlan.builder().onEmail("Ann@Example.com", Fault.commitThen500()).build());

		Http.Answer create = this.http.create("ann@example.com", "Ann", "Lee");

		assertThat(create.status()).isEqualTo(500);
		assertThat(create.message()).isEqualTo("Server Error.");
		assertThat(sandbox.sandbox().store().viewerByEmail(1, "ann@example.com")).isPresent();
		assertThat(sandbox.sandbox().requestLog().invitationsSent("ann@example.com")).isEqualTo(1);
		LoggedRequest logged = sandbox.sandbox().requestLog().all().get(0);
		assertThat(logged.status()).isEqualTo(500);
		assertThat(logged.faulted()).isTrue();
		assertThat(logged.viewerId())
			.isEqualTo(sandbox.sandbox().store().viewerByEmail(1, "ann@example.com").orElseThrow().id());

		Http.Answer repeat = this.http.create("ann@example.com", "Ann", "Lee");

		assertThat(repeat.status()).isEqualTo(400);
		assertThat(repeat.message()).isEqualTo("The email has already been taken.");
		assertThat(sandbox.sandbox().requestLog().invitationsSent("ann@example.com")).isEqualTo(1);
	}

	@Test
	void aDroppedConnectionSendsNoResponseAndChangesNothing() {
		plan((base) -> FaultPlan.builder().onRequest(base + 1, Fault.dropConnection()).build());

		assertThatThrownBy(() -> this.http.create("ann@example.com", "Ann", "Lee"))
			.isInstanceOf(UncheckedIOException.class)
			.hasCauseInstanceOf(IOException.class);

		assertThat(sandbox.sandbox().store().viewers(1)).isEmpty();
		LoggedRequest logged = sandbox.sandbox().requestLog().all().get(0);
		assertThat(logged.status()).isZero();
		assertThat(logged.faulted()).isTrue();
		assertThat(logged.email()).isEqualTo("ann@example.com");
		assertThat(this.http.create("ann@example.com", "Ann", "Lee").status()).isEqualTo(201);
	}

	@Test
	void aDelayHoldsTheAnswerThenProcessesNormally() {
		plan((base) -> FaultPlan.builder().onRequest(base + 1, Fault.delay(Duration.ofMillis(300))).build());

		long start = System.nanoTime();
		Http.Answer answer = this.http.create("ann@example.com", "Ann", "Lee");
		Duration took = Duration.ofNanos(System.nanoTime() - start);

		assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(300));
		assertThat(answer.status()).isEqualTo(201);
		assertThat(sandbox.sandbox().requestLog().all().get(0).faulted()).isFalse();
	}

	@Test
	void aSeededRandomPlanFailsTheSameRequestsEveryTime() {
		FaultPlan plan = FaultPlan.builder().randomly(42, 0.3, Fault.status(503)).build();

		List<Integer> firstRun = failedRequests(plan);
		List<Integer> secondRun = failedRequests(plan);

		assertThat(firstRun).isNotEmpty().hasSizeLessThan(30).isEqualTo(secondRun);
		assertThat(failedRequests(FaultPlan.builder().randomly(43, 0.3, Fault.status(503)).build()))
			.isNotEqualTo(firstRun);
	}

	static List<Integer> failedRequests(FaultPlan plan) {
		try (Sandbox fresh = Sandbox.start(SandboxOptions.defaults().withRateLimit(0).withFaultPlan(plan))) {
			Http client = new Http(fresh);
			List<Integer> failed = new ArrayList<>();
			for (int i = 1; i <= 30; i++) {
				if (client.get("workspaces").status() == 503) {
					failed.add(i);
				}
			}
			return failed;
		}
	}

	@Test
	void resetRestoresTheOptionsPlanWithFreshCounters() {
		try (Sandbox fresh = Sandbox.start(SandboxOptions.defaults()
			.withFaultPlan(FaultPlan.builder().onEmail("ann@example.com", Fault.status(503)).build()))) {
			Http client = new Http(fresh);
			assertThat(client.create("ann@example.com", "Ann", "Lee").status()).isEqualTo(503);
			assertThat(client.create("ann@example.com", "Ann", "Lee").status()).isEqualTo(201);

			fresh.reset();

			assertThat(client.create("ann@example.com", "Ann", "Lee").status()).isEqualTo(503);
			assertThat(fresh.store().viewers(1)).isEmpty();
		}
	}

	@Test
	void latencyFromTheOptionsDelaysEveryRequest() {
		try (Sandbox slow = Sandbox.start(SandboxOptions.defaults().withLatency(Duration.ofMillis(150)))) {
			long start = System.nanoTime();
			new Http(slow).get("workspaces");
			new Http(slow).get("workspaces");

			assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
		}
	}

	@Test
	void faultsOnlyCountApiRequestsNotTheSandboxPaths() {
		plan((base) -> FaultPlan.builder().onRequest(base + 2, Fault.status(503)).build());

		this.http.get("workspaces");
		Http.root(sandbox.sandbox(), "GET", "/__sandbox/stats");
		Http.Answer second = this.http.get("workspaces");

		assertThat(second.status()).isEqualTo(503);
		assertThat(sandbox.sandbox().store().viewers(1)).isEqualTo(List.of());
		assertThat(Set.copyOf(sandbox.sandbox().requestLog().all().stream().map(LoggedRequest::path).toList()))
			.containsExactly("/workspaces");
	}

}
