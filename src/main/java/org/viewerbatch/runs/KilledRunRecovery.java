package org.viewerbatch.runs;

import java.time.LocalDateTime;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;

/**
 * Finds the executions that killed processes left marked as running and recovers them
 * (marks them FAILED), so that the same command can restart its job instead of failing
 * with "already running", and {@code jobs} does not show a dead export as running
 * forever.
 * <p>
 * {@link #recoverAll} is only safe while holding the {@link RepositoryLock}: then no
 * other process can be running any execution of this repository, whatever its job or
 * parameters. On a PostgreSQL repository that other machines share,
 * {@link #recoverWorkspace} recovers only the executions of the workspace whose
 * {@link WorkspaceGuard} this process holds: whoever ran them has lost its session.
 */
public final class KilledRunRecovery {

	private static final Logger logger = LoggerFactory.getLogger(KilledRunRecovery.class);

	/** The key JobOperator.recover puts in what it recovered. */
	private static final String RECOVERED = "batch.recovered";

	/** The job parameter of every run against a workspace. */
	private static final String WORKSPACE_ID = "workspace.id";

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

	/**
	 * Recovers the executions of {@code workspaceId} still marked running; only once
	 * {@code guard} holds that workspace.
	 */
	public List<JobExecution> recoverWorkspace(WorkspaceGuard guard, long workspaceId) {
		if (!guard.holds(workspaceId)) {
			throw new IllegalStateException("workspace " + workspaceId + " is not guarded by this run");
		}
		return running(workspaceId).stream().map(this::recover).toList();
	}

	/**
	 * The executions of {@code workspaceId} (their {@code workspace.id} parameter) still
	 * marked running, oldest first.
	 */
	public List<JobExecution> running(long workspaceId) {
		return this.jobRepository.getJobNames()
			.stream()
			.flatMap((jobName) -> this.jobRepository.findRunningJobExecutions(jobName).stream())
			.filter((execution) -> Long.valueOf(workspaceId).equals(execution.getJobParameters().getLong(WORKSPACE_ID)))
			.sorted(Comparator.comparing(JobExecution::getId))
			.toList();
	}

	private JobExecution recover(JobExecution execution) {
		logger.debug("Execution {} of {} was left {} by a process that ended without finishing it; marking it FAILED",
				execution.getId(), execution.getJobInstance().getJobName(), execution.getStatus());
		LocalDateTime lastCommit = lastCommit(execution);
		Map<Long, LocalDateTime> stepCommits = new HashMap<>();
		execution.getStepExecutions().forEach((step) -> stepCommits.put(step.getId(), lastCommit(step, lastCommit)));
		JobExecution recovered = this.jobOperator.recover(execution);
		// the run ended when its process died, not now: its duration ends at its last
		// commit
		for (StepExecution step : recovered.getStepExecutions()) {
			if (step.getExecutionContext().containsKey(RECOVERED) && stepCommits.containsKey(step.getId())) {
				step.setEndTime(stepCommits.get(step.getId()));
				this.jobRepository.update(step);
			}
		}
		if (recovered.getExecutionContext().containsKey(RECOVERED) && lastCommit != null) {
			recovered.setEndTime(lastCommit);
			this.jobRepository.update(recovered);
		}
		return recovered;
	}

	/**
	 * When the execution last wrote to the repository: its latest step commit, else its
	 * start.
	 */
	private static LocalDateTime lastCommit(JobExecution execution) {
		LocalDateTime last = execution.getLastUpdated();
		for (StepExecution step : execution.getStepExecutions()) {
			LocalDateTime updated = step.getLastUpdated();
			if (updated != null && (last == null || updated.isAfter(last))) {
				last = updated;
			}
		}
		return (last != null) ? last : execution.getStartTime();
	}

	private static LocalDateTime lastCommit(StepExecution step, LocalDateTime fallback) {
		return (step.getLastUpdated() != null) ? step.getLastUpdated() : fallback;
	}

}
