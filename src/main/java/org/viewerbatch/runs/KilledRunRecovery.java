package org.viewerbatch.runs;

import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;

/**
 * Finds the execution that a killed process left marked as running and recovers it (marks it FAILED), so that the
 * same command can restart the job instead of failing with "already running".
 * <p>
 * Only safe while holding the {@link RepositoryLock}: then no other process can be running that execution.
 */
public final class KilledRunRecovery {

	private static final Logger logger = LoggerFactory.getLogger(KilledRunRecovery.class);

	private final JobRepository jobRepository;

	private final JobOperator jobOperator;

	public KilledRunRecovery(JobRepository jobRepository, JobOperator jobOperator) {
		this.jobRepository = jobRepository;
		this.jobOperator = jobOperator;
	}

	/** Recovers the last execution of that job and parameters when it is still marked running; returns it if so. */
	public Optional<JobExecution> recover(String jobName, JobParameters parameters) {
		JobExecution last = this.jobRepository.getLastJobExecution(jobName, parameters);
		if (last == null || !last.isRunning()) {
			return Optional.empty();
		}
		logger.debug("Execution {} of {} was left {} by a process that ended without finishing it; marking it FAILED",
				last.getId(), jobName, last.getStatus());
		return Optional.of(this.jobOperator.recover(last));
	}

}
