package org.viewerbatch.client;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.web.client.RestClient;

import org.viewerbatch.sandbox.Fault;
import org.viewerbatch.sandbox.FaultPlan;
import org.viewerbatch.sandbox.Sandbox;
import org.viewerbatch.sandbox.SandboxOptions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A stop ends every wait on the API: a 429 hold and a retry pause at once, a request
 * waiting for its answer once the grace has passed. The clock is manual: a sleeping
 * thread sleeps until the test moves it, so a wait that ends here was ended by the stop,
 * and the grace passes when the test says so. Every wait of the test has a limit.
 */
@Timeout(60)
class ApiWaitsTest {

	private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

	private final ManualTime time = ManualTime.manual(T0);

	private final ExecutorService caller = Executors.newSingleThreadExecutor();

	// the sandbox holds the create of ann@example.com until released
	private final CountDownLatch release = new CountDownLatch(1);

	private Sandbox sandbox;

	@AfterEach
	void close() {
		this.release.countDown();
		this.caller.shutdownNow();
		if (this.sandbox != null) {
			this.sandbox.close();
		}
	}

	@Test
	void aStopEndsA429HoldAtOnce() throws Exception {
		RequestPacer pacer = new RequestPacer(60, this.time, this.time);
		pacer.rateLimited(Duration.ofSeconds(120));
		Future<?> waiting = this.caller.submit(pacer::acquire);
		awaitUntil(() -> this.time.sleeping() == 1, "the caller sleeping in the hold");

		pacer.stop();

		assertThat(failureOf(waiting)).isInstanceOf(CancellationException.class)
			.hasMessageContaining("the run is stopping");
		assertThat(this.time.instant()).as("the hold was not waited out").isEqualTo(T0);
		assertThat(pacer.requestsSent()).isZero();
	}

	@Test
	void aStopEndsARetryPauseAtOnce() throws Exception {
		start(FaultPlan.builder()
			.onEndpoint("POST", "/project-viewers/\\d+/assign-project", 1, Fault.status(503))
			.build());
		RequestPacer pacer = new RequestPacer(6000, this.time, this.time);
		WebWorkClient client = client(pacer);
		long viewer = this.sandbox.store().addViewer(1, "bob@example.com", "Bob", "Lee", "active", Set.of(101L)).id();
		Future<?> assigning = this.caller.submit(() -> client.assignProject(1, viewer, 102));
		awaitUntil(() -> this.time.sleeping() == 1 && this.sandbox.requestLog().all().size() == 1,
				"the 503 answered and the client pausing before its retry");

		pacer.stop();

		assertThat(failureOf(assigning)).isInstanceOf(CancellationException.class)
			.hasMessageContaining("is not retried");
		assertThat(this.time.instant()).isEqualTo(T0);
		assertThat(this.sandbox.requestLog().all()).hasSize(1);
		assertThat(client.writesSent()).isEqualTo(new WritesSent(1, 0, 0));
	}

	@Test
	void aRequestStillUnansweredWhenTheGraceEndsIsAbandonedInDoubt() throws Exception {
		start(holdAnnsCreate());
		RequestPacer pacer = new RequestPacer(6000, this.time, this.time);
		WebWorkClient client = client(pacer);
		Future<Boolean> creating = this.caller.submit(() -> {
			try {
				client.createViewer(1, new NewViewer("ann@example.com", "Ann", "Lee"));
				throw new AssertionError("answered");
			}
			catch (AbandonedRequestException ex) {
				return Thread.currentThread().isInterrupted();
			}
		});
		awaitUntil(() -> this.sandbox.requestsReceived() == 1, "the create held by the sandbox");

		pacer.stop();
		awaitUntil(() -> this.time.sleeping() == 1, "the stop's grace begun");
		this.time.advance(ApiWaits.ANSWER_GRACE);

		assertThat(creating.get(30, TimeUnit.SECONDS)).as("the stop's interrupt left set").isFalse();
		assertThat(client.writesSent()).isEqualTo(new WritesSent(1, 0, 1));
		assertThat(this.sandbox.requestLog().invitationsSent("ann@example.com")).isZero();
	}

	@Test
	void anAnswerThatComesWithinTheGraceIsTaken() throws Exception {
		start(holdAnnsCreate());
		RequestPacer pacer = new RequestPacer(6000, this.time, this.time);
		WebWorkClient client = client(pacer);
		Future<Viewer> creating = this.caller
			.submit(() -> client.createViewer(1, new NewViewer("ann@example.com", "Ann", "Lee")));
		awaitUntil(() -> this.sandbox.requestsReceived() == 1, "the create held by the sandbox");

		pacer.stop();
		awaitUntil(() -> this.time.sleeping() == 1, "the stop's grace begun");
		this.release.countDown();

		assertThat(creating.get(30, TimeUnit.SECONDS).email()).isEqualTo("ann@example.com");
		assertThat(client.writesSent()).isEqualTo(new WritesSent(1, 1, 0));
		this.time.advance(ApiWaits.ANSWER_GRACE);
	}

	private FaultPlan holdAnnsCreate() {
		return FaultPlan.builder().onEmail("ann@example.com", Fault.before(() -> {
			try {
				this.release.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		})).build();
	}

	private void start(FaultPlan faults) {
		this.sandbox = Sandbox.start(SandboxOptions.defaults().withRateLimit(100_000).withFaultPlan(faults));
	}

	private WebWorkClient client(RequestPacer pacer) {
		ApiProperties settings = new ApiProperties(this.sandbox.apiUrl(), ApiToken.of(this.sandbox.token()), 6000, 1,
				Duration.ofSeconds(5), Duration.ofSeconds(30), 3, Duration.ofMillis(500));
		return new WebWorkClient(RestClient.builder(), settings, pacer, this.time);
	}

	private static Throwable failureOf(Future<?> call) throws Exception {
		try {
			call.get(30, TimeUnit.SECONDS);
			throw new AssertionError("the call ended normally");
		}
		catch (ExecutionException ex) {
			return ex.getCause();
		}
	}

	/** Polls a condition (never a fixed sleep) for at most 30 s. */
	private static void awaitUntil(BooleanSupplier condition, String what) {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError("not within 30 s: " + what);
			}
			Thread.onSpinWait();
		}
	}

}
