package org.viewerbatch.imports;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.web.client.RestClient;

import org.viewerbatch.client.ApiProperties;
import org.viewerbatch.client.ApiToken;
import org.viewerbatch.client.RequestPacer;
import org.viewerbatch.client.TransientApiException;
import org.viewerbatch.client.WebWorkClient;
import org.viewerbatch.sandbox.Fault;
import org.viewerbatch.sandbox.FaultPlan;
import org.viewerbatch.sandbox.SandboxOptions;
import org.viewerbatch.testsupport.MutableClock;
import org.viewerbatch.testsupport.SandboxExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The waiting line: while no row is done, at least every 10 s of the (injected) clock a
 * line says what the run waits for. The timer's own ticks are replaced by calls to
 * {@code waiting()}.
 */
@ExtendWith(OutputCaptureExtension.class)
class ImportProgressTest {

	@RegisterExtension
	static final SandboxExtension sandbox = new SandboxExtension(SandboxOptions.defaults().withRateLimit(100_000));

	final MutableClock clock = new MutableClock(Instant.parse("2026-12-03T02:00:00Z"));

	final WebWorkClient client = new WebWorkClient(RestClient.builder(),
			new ApiProperties(sandbox.apiUrl(), ApiToken.of(sandbox.token()), 6000, 2, Duration.ofSeconds(2),
					Duration.ofSeconds(2), 2, Duration.ofMillis(100)),
			new RequestPacer(6000, this.clock, this.clock::sleep), this.clock::sleep);

	final ImportProgress progress = new ImportProgress("import-viewers clients.csv into workspace 1", this.client,
			this.clock);

	@AfterEach
	void stop() {
		this.progress.stop();
	}

	@Test
	void whileNoRowIsDoneALineEveryTenSecondsSaysWhatTheRunWaitsFor(CapturedOutput output) {
		this.progress.start(3, 0);
		this.clock.advance(Duration.ofSeconds(9));
		this.progress.waiting();
		assertThat(output).doesNotContain("waiting for the API");

		this.clock.advance(Duration.ofSeconds(1));
		this.progress.waiting();
		assertThat(output).contains("import-viewers clients.csv into workspace 1: 0/3 rows, waiting for the API:"
				+ " answers still to come");

		long next = sandbox.sandbox().requestsReceived() + 1;
		sandbox.sandbox()
			.faultPlan(FaultPlan.builder()
				.onRequest(next, Fault.status(503))
				.onRequest(next + 1, Fault.status(503))
				.onRequest(next + 2, Fault.status(503))
				.build());
		assertThatExceptionOfType(TransientApiException.class)
			.isThrownBy(() -> this.client.findViewerByEmail(1, "ann@example.com"));
		this.clock.advance(Duration.ofSeconds(10));
		this.progress.waiting();
		assertThat(output.toString().lines().filter((line) -> line.contains("waiting for the API: "))).last()
			.asString()
			.contains("503")
			.contains("retry 2 of 2");
	}

	@Test
	void aRowDoneResetsTheWaitAndAFinishedStepSaysNothing(CapturedOutput output) {
		this.progress.start(1, 0);
		this.clock.advance(Duration.ofSeconds(6));
		this.progress.rowDone();
		this.clock.advance(Duration.ofSeconds(9));
		this.progress.waiting();

		assertThat(output).contains("1/1 rows").doesNotContain("waiting for the API");
	}

}
