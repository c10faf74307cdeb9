package org.viewerbatch.runs;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;

import static org.assertj.core.api.Assertions.assertThat;

class FreshOutcomeTest {

	@Test
	void aResumingExecutionDropsTheOutcomeTheExecutionBeforeLeft() {
		JobExecution resumed = new JobExecution(2L, new JobInstance(1L, "importViewersJob"), new JobParameters());
		// what Spring Batch copied from the stopped execution
		resumed.getExecutionContext().putString(FreshOutcome.SUMMARY, "import-viewers: stopped by SIGTERM");
		resumed.getExecutionContext().putString(StopRequest.STOPPED_AT, "after line 41 (40 of 100 rows done)");
		resumed.getExecutionContext().putString("input.header", "email");

		new FreshOutcome().beforeJob(resumed);

		assertThat(resumed.getExecutionContext().entrySet()).extracting(Map.Entry::getKey)
			.containsExactly("input.header");
	}

}
