package org.viewerbatch.runs;

import java.util.Optional;
import java.util.concurrent.CancellationException;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobInterruptedException;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.StepInterruptionPolicy;
import org.springframework.batch.core.step.ThreadStepInterruptionPolicy;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import org.viewerbatch.client.RequestPacer;

/**
 * The request to stop the run of this process (a SIGTERM or SIGINT): workers start no new
 * request once it is made, every wait on the API ends (a pause for the rate limit, a 429
 * hold or a retry at once; a request waiting for its answer after a short grace, left in
 * doubt), and the step thread, the only writer of its execution, ends the step STOPPED.
 * <p>
 * Deliberately not {@code JobOperator.stop()}: in Spring Batch 6.0 that updates the step
 * execution from another thread while the step thread writes it too
 * (https://github.com/spring-projects/spring-batch/issues/5120).
 */
@Component
public final class StopRequest {

	/**
	 * The job ExecutionContext key under which a stopped step says what it did (e.g.
	 * "after 24 viewers invited and 48 changes sent; 20 of 150 rows recorded").
	 */
	public static final String STOPPED_AT = "stopped.at";

	private volatile String reason;

	// ends the waits on the API
	private final Runnable endWaits;

	/**
	 * @param pacer the process's rate limiter, which knows every wait on the API
	 */
	@Autowired
	public StopRequest(ObjectProvider<RequestPacer> pacer) {
		this.endWaits = () -> pacer.ifAvailable(RequestPacer::stop);
	}

	/** A stop request for a run without an API client (a test's). */
	public StopRequest() {
		this.endWaits = () -> {
		};
	}

	/**
	 * Asks the run to stop; the first reason given is kept. Returns at once: called from
	 * the signal handler, which must stay free for a second signal.
	 */
	public void request(String reason) {
		synchronized (this) {
			if (this.reason != null) {
				return;
			}
			this.reason = reason;
		}
		this.endWaits.run();
	}

	public boolean requested() {
		return this.reason != null;
	}

	/** What asked for the stop (e.g. {@code SIGTERM}), once it was asked for. */
	public Optional<String> reason() {
		return Optional.ofNullable(this.reason);
	}

	/**
	 * Throws {@link RunStoppedException} once a stop was requested; called before each
	 * request that would start new work.
	 */
	public void checkNotRequested() {
		if (requested()) {
			throw failure();
		}
	}

	/** The failure of work left undone because of the stop. */
	public RunStoppedException failure() {
		return new RunStoppedException(reason().orElse("a stop request"));
	}

	/**
	 * The policy a chunk step checks before each chunk, on its own thread: besides the
	 * standard checks, a stop request marks the execution terminate-only, which ends the
	 * step STOPPED (and so the job).
	 */
	public StepInterruptionPolicy interruptionPolicy() {
		ThreadStepInterruptionPolicy standard = new ThreadStepInterruptionPolicy();
		return (stepExecution) -> {
			standard.checkInterrupted(stepExecution);
			stopIfRequested(stepExecution);
		};
	}

	/**
	 * Records a step that this stop ended as STOPPED, also when the stop failed its
	 * chunk; true when it did. Called from the step's afterStep, on the step thread, the
	 * only writer of its execution.
	 */
	public boolean recordStop(StepExecution stepExecution) {
		if (!requested() || stepExecution.getStatus() == BatchStatus.COMPLETED) {
			return false;
		}
		if (stepExecution.getStatus() == BatchStatus.STOPPED || stoppedBy(stepExecution)) {
			stepExecution.setStatus(BatchStatus.STOPPED);
			return true;
		}
		return false;
	}

	private static boolean stoppedBy(StepExecution stepExecution) {
		for (Throwable failure : stepExecution.getFailureExceptions()) {
			for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
				if (cause instanceof RunStoppedException || cause instanceof CancellationException) {
					return true;
				}
			}
		}
		return false;
	}

	private void stopIfRequested(StepExecution stepExecution) throws JobInterruptedException {
		String stopReason = this.reason;
		if (stopReason != null) {
			stepExecution.setTerminateOnly();
			throw new JobInterruptedException("stopped by " + stopReason);
		}
	}

}
