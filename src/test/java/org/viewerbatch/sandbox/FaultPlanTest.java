package org.viewerbatch.sandbox;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FaultPlanTest {

	static FaultPlan.Decision decide(FaultPlan plan, long seq, String method, String path, String email) {
		return plan.decide(new FaultPlan.RequestFacts(seq, method, path, email));
	}

	@Test
	void parsesTheCommandLineForm() {
		FaultPlan plan = FaultPlan.parse("request:5=reset;every:10=503;email:a@b.c=500-after-commit;latency:200");

		assertThat(decide(plan, 5, "GET", "/workspaces", null).fault()).isEqualTo(Fault.dropConnection());
		assertThat(decide(plan, 10, "GET", "/workspaces", null).fault()).isEqualTo(Fault.status(503));
		assertThat(decide(plan, 3, "POST", "/project-viewers", "A@B.C").fault()).isEqualTo(Fault.commitThen500());
		assertThat(decide(plan, 4, "POST", "/project-viewers", "a@b.c").fault()).isNull();
		assertThat(decide(plan, 7, "GET", "/workspaces", null).delay()).isEqualTo(Duration.ofMillis(200));
	}

	@Test
	void parsesEndpointRandomRetryAfterAndDelayRules() {
		FaultPlan plan = FaultPlan.parse(
				"endpoint:post:/project-viewers/\\d+/assign-project:2=429/30; random:7:1.0=504; endpoint:GET:/projects=delay:50");

		assertThat(decide(plan, 1, "POST", "/project-viewers/1001/assign-project", null).fault())
			.isEqualTo(Fault.status(504));
		assertThat(decide(plan, 2, "POST", "/project-viewers/1001/assign-project", null).fault())
			.isEqualTo(Fault.status(429, Duration.ofSeconds(30)));
		assertThat(decide(plan, 3, "GET", "/projects", null).delay()).isEqualTo(Duration.ofMillis(50));
	}

	@Test
	void theFirstMatchingRuleWinsAndDelaysAddUp() {
		FaultPlan plan = FaultPlan.builder()
			.every(1, Fault.delay(Duration.ofMillis(10)))
			.onRequest(4, Fault.status(502))
			.every(2, Fault.status(503))
			.every(4, Fault.delay(Duration.ofMillis(5)))
			.build();

		FaultPlan.Decision fourth = decide(plan, 4, "GET", "/workspaces", null);

		assertThat(fourth.fault()).isEqualTo(Fault.status(502));
		assertThat(fourth.delay()).isEqualTo(Duration.ofMillis(15));
		assertThat(decide(plan, 6, "GET", "/workspaces", null).fault()).isEqualTo(Fault.status(503));
	}

	@Test
	void stallsAddUpApartFromDelays() {
		FaultPlan plan = FaultPlan.parse("every:1=delay:10;request:2=stall:300;every:2=stall:5;every:2=503");

		FaultPlan.Decision second = decide(plan, 2, "GET", "/workspaces", null);

		assertThat(second.delay()).isEqualTo(Duration.ofMillis(10));
		assertThat(second.stall()).isEqualTo(Duration.ofMillis(305));
		assertThat(second.fault()).isEqualTo(Fault.status(503));
		assertThat(plan).hasToString("every:1=delay:10;request:2=stall:300;every:2=stall:5;every:2=503");
	}

	@Test
	void badSpecsAreRefusedWithTheReason() {
		assertThatThrownBy(() -> FaultPlan.parse("request:x=503"))
			.hasMessage("bad fault rule 'request:x=503': 'x' is not a whole number");
		assertThatThrownBy(() -> FaultPlan.parse("request:1=teapot")).hasMessageContaining("unknown fault 'teapot'");
		assertThatThrownBy(() -> FaultPlan.parse("sometimes:1=503"))
			.hasMessageContaining("unknown selector 'sometimes'");
		assertThatThrownBy(() -> FaultPlan.parse("request:1=200")).hasMessageContaining("must be 4xx or 5xx");
		assertThatThrownBy(() -> FaultPlan.parse("every:0=503")).hasMessageContaining("1 or more");
		assertThatThrownBy(() -> FaultPlan.parse("503")).hasMessageContaining("expected SELECTOR=FAULT");
	}

	@Test
	void aPlanPrintsInTheFormItIsParsedFrom() {
		String spec = "request:5=reset;every:10=503;endpoint:POST:/project-viewers:2=429/30;"
				+ "email:a@b.c=500-after-commit;random:7:0.25=502;every:1=delay:200";

		assertThat(FaultPlan.parse(spec).toString()).isEqualTo(spec);
		assertThat(FaultPlan.parse(FaultPlan.parse(spec).toString()).toString()).isEqualTo(spec);
	}

	@Test
	void blankSpecsMeanNoFaults() {
		assertThat(FaultPlan.parse(" ").toString()).isEqualTo("none");
		assertThat(decide(FaultPlan.parse(null), 1, "GET", "/workspaces", null).fault()).isNull();
	}

}
