package org.viewerbatch.imports;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.restclient.RestClientCustomizer;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import org.viewerbatch.imports.ImportRun.ViewerOptions;
import org.viewerbatch.runs.StopRequest;
import org.viewerbatch.runs.StoppedRun;
import org.viewerbatch.sandbox.RequestLog;
import org.viewerbatch.sandbox.SandboxOptions;
import org.viewerbatch.testsupport.FakeTime;
import org.viewerbatch.testsupport.SandboxExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The import job stopped by a stop request (what SIGTERM does), on one worker at the real
 * 60 requests a minute on the fake clock. The request that asks for the stop is the n-th
 * assign: the stop arrives while it is in flight, without any timing.
 */
@Import({ FakeTime.class, ImportViewersStopTest.StopOnAssign.class })
@SpringBootTest(properties = { "spring.batch.job.enabled=false",
		"spring.datasource.url=jdbc:hsqldb:mem:import-viewers-stop-test-${random.uuid}",
		"spring.batch.jdbc.initialize-schema=always", "viewer-batch.api.rate-limit=60",
		"viewer-batch.api.concurrency=1" })
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_EACH_TEST_METHOD)
class ImportViewersStopTest {

	@RegisterExtension
	static final SandboxExtension sandbox = new SandboxExtension(SandboxOptions.defaults().withClock(FakeTime.CLOCK));

	/** The assign (counted from 1) during which the stop is requested. */
	static final AtomicInteger stopOnAssign = new AtomicInteger();

	@DynamicPropertySource
	static void api(DynamicPropertyRegistry registry) {
		registry.add("viewer-batch.api.url", () -> sandbox.apiUrl().toString());
		registry.add("viewer-batch.api.token", sandbox::token);
	}

	@Autowired
	JobOperator jobs;

	@Autowired
	JobRepository jobRepository;

	@Autowired
	Job importViewersJob;

	@Autowired
	StopRequest stop;

	@TempDir
	Path dir;

	@Test
	void aStopInTheMiddleOfAChunkEndsTheRunStoppedAfterTheRequestInFlight() throws Exception {
		stopOnAssign.set(2);
		RequestLog log = sandbox.sandbox().requestLog();

		JobExecution execution = run(6, 3);

		assertThat(execution.getStatus()).isEqualTo(BatchStatus.STOPPED);
		StepExecution apply = applyStep(execution);
		assertThat(apply.getStatus()).isEqualTo(BatchStatus.STOPPED);
		assertThat(apply.getWriteCount()).isZero();
		// rows 1 and 2 applied, the second assign answered; row 3 never started
		assertThat(log.writes()).isEqualTo(4);
		assertThat(log.invitationsSent()).isEqualTo(2);
		assertThat(execution.getExecutionContext().getString(StopRequest.STOPPED_AT))
			.isEqualTo("before the first row (0 of 6 rows done)");
		assertThat(execution.getExecutionContext().getString("summary")).contains("stopped by SIGTERM")
			.contains("not finished 6");
		assertThat(this.dir.resolve("viewers.results.csv")).doesNotExist();

		assertThat(StoppedRun.record(execution, this.jobRepository, this.stop)).isTrue();
		JobExecution stored = this.jobRepository.getLastJobExecution("importViewersJob", execution.getJobParameters());
		assertThat(stored.getStatus()).isEqualTo(BatchStatus.STOPPED);
		assertThat(stored.getExitStatus().getExitCode()).isEqualTo(ExitStatus.STOPPED.getExitCode());
		assertThat(applyStep(stored).getExitStatus().getExitCode()).isEqualTo(ExitStatus.STOPPED.getExitCode());
	}

	@Test
	void aStopDuringTheLastRequestOfAChunkCommitsItAndStopsBeforeTheNext() throws Exception {
		stopOnAssign.set(3);
		RequestLog log = sandbox.sandbox().requestLog();

		JobExecution execution = run(6, 3);

		assertThat(execution.getStatus()).isEqualTo(BatchStatus.STOPPED);
		assertThat(applyStep(execution).getWriteCount()).isEqualTo(3);
		assertThat(log.writes()).isEqualTo(6);
		assertThat(execution.getExecutionContext().getString(StopRequest.STOPPED_AT))
			.isEqualTo("after line 4 (3 of 6 rows done)");
	}

	private JobExecution run(int rows, int chunkSize) throws Exception {
		Path file = this.dir.resolve("viewers.csv");
		Files.writeString(file,
				"email,firstname,lastname,projects\n" + IntStream.rangeClosed(1, rows)
					.mapToObj(i -> "client" + i + "@example.com,Client,Number" + i + ",101")
					.collect(Collectors.joining("\n")) + "\n");
		ImportRun<?> request = new ImportRun<>(file, 1, TestRuns.NO_API, null, null, null, null, null, null, chunkSize,
				null, null, null, null, TestRuns.VIEWERS);
		return this.jobs.start(this.importViewersJob,
				TestRuns
					.with(request, 1, sandbox.apiUrl(), FakeTime.CLOCK.instant(),
							new ViewerOptions(false, false, 100, false))
					.toJobParameters());
	}

	private static StepExecution applyStep(JobExecution execution) {
		return execution.getStepExecutions()
			.stream()
			.filter(step -> step.getStepName().endsWith("Apply"))
			.findFirst()
			.orElseThrow();
	}

	/** Asks for the stop just before the chosen assign goes out. */
	@TestConfiguration(proxyBeanMethods = false)
	static class StopOnAssign {

		@Bean
		RestClientCustomizer stopOnAssign(StopRequest stop) {
			AtomicInteger assigns = new AtomicInteger();
			return builder -> builder.requestInterceptor((request, body, execution) -> {
				if (request.getURI().getPath().endsWith("/assign-project")
						&& assigns.incrementAndGet() == stopOnAssign.get()) {
					stop.request("SIGTERM");
				}
				return execution.execute(request, body);
			});
		}

	}

}
