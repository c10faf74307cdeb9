package org.viewerbatch.cli;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.context.ConfigurableApplicationContext;

import org.viewerbatch.runs.RepositoryLock;

import static org.assertj.core.api.Assertions.assertThat;

class JobCommandTest {

	@TempDir
	Path home;

	private Map<String, String> env() {
		return Map.of("VIEWER_BATCH_HOME", this.home.toString(), "WEBWORK_API_TOKEN", "secret-token",
				"WEBWORK_WORKSPACE_ID", "1");
	}

	@Test
	void aCompletedJobExitsZeroAndPrintsItsSummary() {
		CommandLineRun run = CommandLineRun.run(env(), "test-job");
		assertThat(run.exitCode()).isZero();
		assertThat(run.err()).contains("api.url=https://api.webwork-tracker.com/api/v2/ workspace.id=1");
		assertThat(run.out()).isEmpty();
	}

	@Test
	void aFlagWinsOverTheEnvironmentWhichWinsOverTheApplicationYml() {
		Map<String, String> env = new HashMap<>(env());
		env.put("WEBWORK_API_URL", "http://127.0.0.1:1/env/api/v2/");
		assertThat(CommandLineRun.run(env, "test-job").err()).contains("api.url=http://127.0.0.1:1/env/api/v2/ ");
		assertThat(
				CommandLineRun.run(env, "--api-url", "http://127.0.0.1:1/flag/api/v2/", "test-job", "--workspace", "3")
					.err())
			.contains("api.url=http://127.0.0.1:1/flag/api/v2/ workspace.id=3");
	}

	@Test
	void quietLeavesTheSummaryOut() {
		CommandLineRun run = CommandLineRun.run(env(), "test-job", "-q");
		assertThat(run.exitCode()).isZero();
		assertThat(run.err()).doesNotContain("api.url=");
	}

	@Test
	void rejectedRowsExitThree() {
		assertThat(CommandLineRun.run(env(), "test-job", "--outcome", "rejects").exitCode()).isEqualTo(3);
	}

	@Test
	void aFailureExitsOneWithTheReasonInOneLine() {
		CommandLineRun run = CommandLineRun.run(env(), "test-job", "--outcome", "fail");
		assertThat(run.exitCode()).isEqualTo(1);
		assertThat(run.err()).contains("test-job failed (execution ").contains("): the API could not be reached");
		assertThat(run.err()).doesNotContain("\tat ");
	}

	@Test
	void aStoppedRunExitsOneWithOneLineSayingHowToResumeAndIsRecordedStopped() {
		CommandLineRun run = CommandLineRun.run(env(), "test-job", "--outcome", "stopped");
		assertThat(run.exitCode()).isEqualTo(1);
		List<String> lines = run.err().lines().filter(line -> line.contains("resume")).toList();
		assertThat(lines).hasSize(1);
		Matcher line = Pattern
			.compile("test-job stopped by SIGTERM \\(execution (\\d+)\\); run the same command to resume")
			.matcher(lines.get(0));
		assertThat(line.matches()).as(lines.get(0)).isTrue();
		try (ConfigurableApplicationContext context = repositoryContext()) {
			JobExecution stopped = context.getBean(JobRepository.class).getJobExecution(Long.parseLong(line.group(1)));
			assertThat(stopped.getStatus()).isEqualTo(BatchStatus.STOPPED);
			assertThat(stopped.getExitStatus().getExitCode()).isEqualTo("STOPPED");
		}
	}

	@Test
	void verboseAddsTheStackTrace() {
		CommandLineRun run = CommandLineRun.run(env(), "test-job", "--outcome", "fail", "-v");
		assertThat(run.exitCode()).isEqualTo(1);
		assertThat(run.err()).contains("\tat ");
	}

	@Test
	void anInputFileErrorExitsTwo() {
		CommandLineRun run = CommandLineRun.run(env(), "test-job", "--outcome", "input-error");
		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(run.err()).contains("people.csv:7: missing email");
	}

	@Test
	void theCsvPackagesInputFileErrorExitsTwo() {
		CommandLineRun run = CommandLineRun.run(ExitCodes.STANDARD, env(), "test-job", "--outcome", "input-file-error");
		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(run.err()).contains("): people.csv:7: missing column 'email'");
	}

	@Test
	void anAuthErrorAnywhereInTheCausesExitsFour() {
		CommandLineRun run = CommandLineRun.run(env(), "test-job", "--outcome", "auth-error");
		assertThat(run.exitCode()).isEqualTo(4);
		assertThat(run.err()).contains("GET /workspaces → 401: Unauthenticated.");
	}

	@Test
	void theClientsAuthErrorExitsFour() {
		CommandLineRun run = CommandLineRun.run(ExitCodes.STANDARD, env(), "test-job", "--outcome", "api-auth-error");
		assertThat(run.exitCode()).isEqualTo(4);
		assertThat(run.err()).contains("GET /workspaces").contains("This action is unauthorized.");
	}

	@Test
	void aMissingTokenIsAConfigurationError() {
		CommandLineRun run = CommandLineRun.run(Map.of("VIEWER_BATCH_HOME", this.home.toString()), "test-job");
		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(run.err().strip()).startsWith("viewer-batch: no API token").doesNotContain("\n");
	}

	@Test
	void aSecondRunOnTheSameRepositoryFailsAtOnceInOneLine() {
		try (RepositoryLock held = RepositoryLock.acquire(this.home)) {
			// refused before any Spring context (and so before HSQLDB's own 10 s lock
			// wait): NO_SPRING fails the test if one starts
			CommandLineRun run = CommandLineRun.run(CommandLineRun.NO_SPRING, CommandLineRun.EXIT_CODES, env(),
					"test-job");
			assertThat(run.exitCode()).isEqualTo(1);
			assertThat(run.err()).isEqualTo("viewer-batch: another viewer-batch run is using " + this.home
					+ " (lock held); wait for it or use --job-repository\n");
		}
	}

	@Test
	void theSameParametersAfterCompletionAreNotRunAgainUnlessRerun() {
		assertThat(CommandLineRun.run(env(), "test-job").exitCode()).isZero();
		CommandLineRun again = CommandLineRun.run(env(), "test-job");
		assertThat(again.exitCode()).isZero();
		assertThat(again.err()).contains("already done at ").contains("use --rerun").doesNotContain("api.url=");
		CommandLineRun rerun = CommandLineRun.run(env(), "test-job", "--rerun");
		assertThat(rerun.exitCode()).isZero();
		assertThat(rerun.err()).contains("api.url=");
	}

	@Test
	void anExecutionLeftStartedByAKilledRunIsRecoveredAndTheJobRuns() {
		JobParameters parameters = new JobParametersBuilder().addString("outcome", "ok")
			.addString("api.url", "https://api.webwork-tracker.com/api/v2/")
			.addLong("workspace.id", 1L)
			.toJobParameters();
		long killed = leftStartedByAKilledRun(parameters);

		CommandLineRun run = CommandLineRun.run(env(), "test-job");

		assertThat(run.exitCode()).isZero();
		assertThat(run.err()).contains("Recovered execution " + killed).contains("api.url=");
		try (ConfigurableApplicationContext context = repositoryContext()) {
			JobRepository repository = context.getBean(JobRepository.class);
			assertThat(repository.getJobExecution(killed).getStatus()).isEqualTo(BatchStatus.FAILED);
			assertThat(repository.getLastJobExecution(TestJobConfiguration.JOB, parameters).getStatus())
				.isEqualTo(BatchStatus.COMPLETED);
		}
	}

	@Test
	void anExecutionOfOtherParametersLeftStartedIsRecoveredToo() {
		// an export has its own run.at each time: its killed execution is never "the same
		// command" again
		JobParameters otherRun = new JobParametersBuilder().addString("outcome", "ok")
			.addString("run.at", "2026-11-28T02:00:00Z")
			.toJobParameters();
		long killed = leftStartedByAKilledRun(otherRun);

		CommandLineRun run = CommandLineRun.run(env(), "test-job");

		assertThat(run.exitCode()).isZero();
		assertThat(run.err()).contains("Recovered execution " + killed);
		try (ConfigurableApplicationContext context = repositoryContext()) {
			assertThat(context.getBean(JobRepository.class).getJobExecution(killed).getStatus())
				.isEqualTo(BatchStatus.FAILED);
		}
	}

	/**
	 * An execution marked STARTED, as a process killed mid-run leaves it; returns its id.
	 */
	private long leftStartedByAKilledRun(JobParameters parameters) {
		try (ConfigurableApplicationContext context = repositoryContext()) {
			JobRepository repository = context.getBean(JobRepository.class);
			JobInstance instance = repository.createJobInstance(TestJobConfiguration.JOB, parameters);
			JobExecution execution = repository.createJobExecution(instance, parameters, new ExecutionContext());
			execution.setStatus(BatchStatus.STARTED);
			execution.setStartTime(LocalDateTime.now());
			repository.update(execution);
			return execution.getId();
		}
	}

	private ConfigurableApplicationContext repositoryContext() {
		return new BatchContext(TestJobConfiguration.class).start(Map.of("viewer-batch.home", this.home.toString()));
	}

}
