package org.viewerbatch.sandbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.viewerbatch.testsupport.SandboxExtension;

import static org.assertj.core.api.Assertions.assertThat;

class SandboxConcurrencyTest {

	static final int THREADS = 16;

	@RegisterExtension
	static final SandboxExtension sandbox = new SandboxExtension();

	final Http http = new Http(sandbox.sandbox());

	final ExecutorService pool = Executors.newFixedThreadPool(THREADS);

	@AfterEach
	void stopThreads() throws InterruptedException {
		this.pool.shutdownNow();
		this.pool.awaitTermination(10, TimeUnit.SECONDS);
	}

	/** Runs the task on every thread, all released at the same moment. */
	<T> List<T> atOnce(Function<Integer, T> task) throws Exception {
		CountDownLatch start = new CountDownLatch(1);
		List<Future<T>> futures = new ArrayList<>();
		for (int i = 0; i < THREADS; i++) {
			int n = i;
			Callable<T> call = () -> {
				start.await();
				return task.apply(n);
			};
			futures.add(this.pool.submit(call));
		}
		start.countDown();
		List<T> results = new ArrayList<>();
		for (Future<T> future : futures) {
			results.add(future.get(30, TimeUnit.SECONDS));
		}
		return results;
	}

	@Test
	void sixteenClientsCreatingAndAssigningDistinctViewersLoseAndDuplicateNothing() throws Exception {
		long base = sandbox.sandbox().requestsReceived();

		List<List<Http.Answer>> answers = atOnce((n) -> {
			Http.Answer created = this.http.create("viewer" + n + "@example.com", "V", "N" + n);
			long id = created.data().get("id").asLong();
			Http.Answer assigned = this.http.assign(id, 101 + n % 10);
			Http.Answer read = this.http.get("project-viewers/" + id + "?workspace_id=1");
			return List.of(created, assigned, read);
		});

		assertThat(answers)
			.allSatisfy((three) -> assertThat(three).extracting(Http.Answer::status).containsExactly(201, 200, 200));
		List<SandboxViewer> viewers = sandbox.sandbox().store().viewers(1);
		assertThat(viewers).extracting(SandboxViewer::id)
			.containsExactlyElementsOf(LongStream.rangeClosed(1001, 1016).boxed().toList());
		assertThat(viewers).extracting(SandboxViewer::email)
			.containsExactlyInAnyOrderElementsOf(
					IntStream.range(0, THREADS).mapToObj((n) -> "viewer" + n + "@example.com").toList());
		assertThat(viewers).allSatisfy((v) -> {
			int n = Integer.parseInt(v.email().substring(6, v.email().indexOf('@')));
			assertThat(v.projectIds()).containsExactly(101L + n % 10);
		});
		RequestLog log = sandbox.sandbox().requestLog();
		assertThat(log.all()).hasSize(3 * THREADS);
		assertThat(log.all()).extracting(LoggedRequest::seq)
			.containsExactlyElementsOf(LongStream.rangeClosed(base + 1, base + 3 * THREADS).boxed().toList());
		assertThat(log.count("POST", "/project-viewers")).isEqualTo(THREADS);
		assertThat(log.invitationsSent()).isEqualTo(THREADS);
		assertThat(sandbox.sandbox().requestsReceived()).isEqualTo(base + 3 * THREADS);
		// the rate limiter counted each request once: the remaining budgets are all
		// different
		List<String> remaining = answers.stream()
			.flatMap(List::stream)
			.map((a) -> a.header("X-RateLimit-Remaining"))
			.toList();
		assertThat(remaining).doesNotHaveDuplicates().contains("12", "59");
	}

	@Test
	void sixteenClientsCreatingTheSameEmailMakeExactlyOneViewer() throws Exception {
		List<Integer> statuses = atOnce((n) -> this.http.create("same@example.com", "Sam", "E").status());

		Map<Integer, Long> byStatus = statuses.stream().collect(Collectors.groupingBy((s) -> s, Collectors.counting()));
		assertThat(byStatus).containsExactlyInAnyOrderEntriesOf(Map.of(201, 1L, 400, (long) THREADS - 1));
		assertThat(sandbox.sandbox().store().viewers(1)).hasSize(1);
		assertThat(sandbox.sandbox().requestLog().invitationsSent("same@example.com")).isEqualTo(1);
		assertThat(sandbox.sandbox().requestLog().all()).hasSize(THREADS);
	}

}
