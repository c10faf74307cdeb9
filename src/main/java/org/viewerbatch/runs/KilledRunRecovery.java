package org.viewerbatch.runs;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;

/**
 * Finds the executions that killed processes left marked as running and recovers them
 * (marks them FAILED), so that the same command can restart its job instead of failing
 * with "already running", and {@code jobs} does not show a dead export as running
 * forever.
 * <p>
 * Only safe while holding the {@link RepositoryLock}: then no other process can be
 * running any execution of this repository, whatever its job or parameters.
 */
public final class KilledRunRecovery {

	private static final Logger logger = LoggerFactory.getLogger(KilledRunRecovery.class);

	private final JobRepository jobRepository;

	private final JobOperator jobOperator;

	public KilledRunRecovery(JobRepository jobRepository, JobOperator jobOperator) {
		this.jobRepository = jobRepository;
		this.jobOperator = jobOperator;
	}

	/**
	 * Recovers every execution of every job still marked running; returns those it
	 * recovered.
	 */
	public List<JobExecution> recoverAll() {
		return this.jobRepository.getJobNames()
			.stream()
			.flatMap((jobName) -> this.jobRepository.findRunningJobExecutions(jobName).stream())
			.map(this::recover)
			.toList();
	}

	private JobExecution recover(JobExecution execution) {
		logger.debug("Execution {} of {} was left {} by a process that ended without finishing it; marking it FAILED",
				execution.getId(), execution.getJobInstance().getJobName(), execution.getStatus());
		return this.jobOperator.recover(execution);
	}

}
