package org.viewerbatch.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Map;

import javax.sql.DataSource;

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
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run killed two hours ago, whose last commit was five minutes after its start, is
 * recovered by the next run as having lasted five minutes, not two hours: its duration
 * ends where its process stopped writing.
 */
class KilledRunDurationTest {

	@TempDir
	Path home;

	@Test
	void aRecoveredRunEndsAtItsLastCommitNotWhenTheNextRunFoundIt() {
		LocalDateTime start = LocalDateTime.now().minusHours(2).withNano(0);
		long killed = leftStartedByAKilledRun(start, start.plusMinutes(5));

		CommandLineRun run = CommandLineRun.run(Map.of("VIEWER_BATCH_HOME", this.home.toString(), "WEBWORK_API_TOKEN",
				"secret-token", "WEBWORK_WORKSPACE_ID", "1"), "test-job");

		assertThat(run.err()).contains("Recovered execution " + killed);
		try (ConfigurableApplicationContext context = repositoryContext()) {
			JobExecution recovered = context.getBean(JobRepository.class).getJobExecution(killed);
			assertThat(Duration.between(recovered.getStartTime(), recovered.getEndTime()))
				.isEqualTo(Duration.ofMinutes(5));
		}
		CommandLineRun jobs = CommandLineRun.run(Map.of("VIEWER_BATCH_HOME", this.home.toString()), "jobs");
		assertThat(jobs.out()).containsPattern("FAILED.*5m00s");
	}

	private long leftStartedByAKilledRun(LocalDateTime start, LocalDateTime lastCommit) {
		JobParameters parameters = new JobParametersBuilder().addString("outcome", "ok")
			.addString("run.at", "killed")
			.toJobParameters();
		try (ConfigurableApplicationContext context = repositoryContext()) {
			JobRepository repository = context.getBean(JobRepository.class);
			JobInstance instance = repository.createJobInstance(TestJobConfiguration.JOB, parameters);
			JobExecution execution = repository.createJobExecution(instance, parameters, new ExecutionContext());
			execution.setStatus(BatchStatus.STARTED);
			execution.setStartTime(start);
			repository.update(execution);
			new JdbcTemplate(context.getBean(DataSource.class)).update(
					"UPDATE BATCH_JOB_EXECUTION SET LAST_UPDATED = ? WHERE JOB_EXECUTION_ID = ?", lastCommit,
					execution.getId());
			return execution.getId();
		}
	}

	private ConfigurableApplicationContext repositoryContext() {
		return new BatchContext(TestJobConfiguration.class).start(Map.of("viewer-batch.home", this.home.toString()));
	}

}
