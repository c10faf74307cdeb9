package org.viewerbatch.runs;

import java.time.LocalDateTime;

import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.step.StepExecution;

import static org.assertj.core.api.Assertions.assertThat;

class JobsReportTest {

	@Test
	void theCommandIsNamedAfterTheJob() {
		assertThat(JobsReport.command("exportViewersJob")).isEqualTo("export-viewers");
		assertThat(JobsReport.command("importAssignmentsJob")).isEqualTo("import-assignments");
		assertThat(JobsReport.command("other")).isEqualTo("other");
	}

	@Test
	void aRowShowsFilesExitStatusSummedCountsAndDuration() {
		JobExecution execution = new JobExecution(12L, new JobInstance(3L, "importViewersJob"),
				new JobParametersBuilder().addString("input.file", "/data/people.csv")
					.addString("input.sha256", "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08")
					.addLong("workspace.id", 1L)
					.addString("api.url", "http://x/")
					.toJobParameters());
		LocalDateTime start = LocalDateTime.of(2026, 11, 28, 2, 0, 0);
		execution.setStartTime(start);
		execution.setEndTime(start.plusSeconds(754));
		execution.setStatus(BatchStatus.COMPLETED);
		execution.setExitStatus(new ExitStatus("COMPLETED_WITH_REJECTS"));
		for (int i = 0; i < 2; i++) {
			StepExecution step = new StepExecution(i, "step" + i, execution);
			step.setReadCount(10);
			step.setWriteCount(8);
			step.setWriteSkipCount(2);
			execution.addStepExecution(step);
		}
		assertThat(JobsReport.row(execution)).containsExactly("12", "import-viewers", "1", "/data/people.csv",
				"COMPLETED_WITH_REJECTS", "20", "16", "4", "2026-11-28 02:00:00", "12m34s");
	}

	@Test
	void aRunningExecutionHasNoDurationYet() {
		JobExecution execution = new JobExecution(1L, new JobInstance(1L, "exportViewersJob"),
				new JobParametersBuilder().toJobParameters());
		execution.setStartTime(LocalDateTime.now());
		execution.setStatus(BatchStatus.STARTED);
		assertThat(JobsReport.row(execution)).endsWith("running").contains("STARTED", "-");
	}

}
