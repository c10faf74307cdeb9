package org.viewerbatch.runs;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;

/**
 * Records a job execution that a stop request ended as STOPPED in its status and exit
 * status, and those of its steps: Spring Batch keeps the exit status FAILED of a step
 * whose chunk the stop failed, and {@code jobs} shows the exit status.
 * <p>
 * Called once the job has returned: its step thread has finished, so nothing else writes
 * these executions.
 */
public final class StoppedRun {

	private StoppedRun() {
	}

	/** True when the execution was ended by {@code stop}; then it is recorded STOPPED. */
	public static boolean record(JobExecution execution, JobRepository jobRepository, StopRequest stop) {
		if (!stop.requested() || !endedByStop(execution)) {
			return false;
		}
		for (StepExecution step : execution.getStepExecutions()) {
			if (step.getStatus() == BatchStatus.STOPPED
					&& !ExitStatus.STOPPED.getExitCode().equals(step.getExitStatus().getExitCode())) {
				step.setExitStatus(ExitStatus.STOPPED.addExitDescription(step.getExitStatus().getExitDescription()));
				jobRepository.update(step);
			}
		}
		if (execution.getStatus() != BatchStatus.STOPPED
				|| !ExitStatus.STOPPED.getExitCode().equals(execution.getExitStatus().getExitCode())) {
			execution.setStatus(BatchStatus.STOPPED);
			execution
				.setExitStatus(ExitStatus.STOPPED.addExitDescription(execution.getExitStatus().getExitDescription()));
			jobRepository.update(execution);
		}
		return true;
	}

	private static boolean endedByStop(JobExecution execution) {
		return execution.getStatus() == BatchStatus.STOPPED
				|| execution.getStepExecutions().stream().anyMatch((step) -> step.getStatus() == BatchStatus.STOPPED);
	}

}
