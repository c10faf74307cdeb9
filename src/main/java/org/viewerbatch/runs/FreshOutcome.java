package org.viewerbatch.runs;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;

/**
 * An execution that resumes a job starts without the summary and the stop position that
 * the execution before it left: Spring Batch copies the job's ExecutionContext into the
 * new execution, and a resumed run must not print the last one's outcome as its own.
 */
public final class FreshOutcome implements JobExecutionListener {

	/** The job ExecutionContext's key of the summary the command prints. */
	public static final String SUMMARY = "summary";

	@Override
	public void beforeJob(JobExecution jobExecution) {
		jobExecution.getExecutionContext().remove(SUMMARY);
		jobExecution.getExecutionContext().remove(StopRequest.STOPPED_AT);
	}

}
