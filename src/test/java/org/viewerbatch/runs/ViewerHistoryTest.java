package org.viewerbatch.runs;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

import org.viewerbatch.ledger.LedgerChange.Result;
import org.viewerbatch.terminal.TerminalText;

import static org.assertj.core.api.Assertions.assertThat;

class ViewerHistoryTest {

	private static final LocalDateTime START = LocalDateTime.of(2026, 11, 28, 2, 0, 1);

	private static final Instant SENT = Instant.parse("2026-11-28T02:00:02Z");

	private RecordedRuns runs;

	@AfterEach
	void close() {
		if (this.runs != null) {
			this.runs.close();
		}
	}

	private JobExecution run(String jobName, String inputFile) {
		JobParameters parameters = new JobParametersBuilder().addString("input.file", inputFile)
			.addLong("workspace.id", 1L)
			.toJobParameters();
		return this.runs.execution(this.runs.instance(jobName, parameters), parameters, BatchStatus.COMPLETED,
				"COMPLETED", START, 10, 1, 1, 0);
	}

	private ViewerHistory history() {
		return new ViewerHistory(this.runs.jobRepository(), this.runs.ledger(), ZoneOffset.UTC);
	}

	@Test
	void everyChangeSentForAViewerByAnyRunNewestFirstWithTheRunsCommandAndInputFile() throws Exception {
		this.runs = RecordedRuns.withLedger();
		JobExecution onboarding = run("importViewersJob", "/data/people.csv");
		JobExecution access = run("importAssignmentsJob", "/data/access.csv");
		this.runs.change(onboarding, 2, "ann@example.com", 1001L, "create", null, Result.DONE, null, "viewer 1001",
				SENT);
		this.runs.change(onboarding, 3, "bob@example.com", 1002L, "create", null, Result.DONE, null, "viewer 1002",
				SENT.plusSeconds(1));
		this.runs.change(onboarding, 2, "ann@example.com", 1001L, "assign", 101L, Result.DONE, null, "done",
				SENT.plusSeconds(2));
		this.runs.change(access, 7, "ann@example.com", 1001L, "unassign", 101L, Result.UNCLEAR, 503, "Service down",
				SENT.plusSeconds(3600));

		String text = history().render("  Ann@Example.COM ", Integer.MAX_VALUE);

		assertThat(text).isEqualTo(
				"""
						TIME                 EXECUTION  COMMAND             INPUT             LINE  OPERATION     RESULT       VIEWER
						2026-11-28 03:00:02  %2$-9d  import-assignments  /data/access.csv  7     unassign 101  UNCLEAR 503  1001
						2026-11-28 02:00:04  %1$-9d  import-viewers      /data/people.csv  2     assign 101    DONE         1001
						2026-11-28 02:00:02  %1$-9d  import-viewers      /data/people.csv  2     create        DONE         1001
						"""
					.formatted(onboarding.getId(), access.getId()));
	}

	@ParameterizedTest
	@ValueSource(strings = { "\u001b]0;pwned\u0007", "\u001b[2J", "\r", "\u009b2J" })
	void anEscapeSequenceInTheInputFileOrTheAddressAskedForIsShownNotObeyed(String sequence) throws Exception {
		this.runs = RecordedRuns.withLedger();
		JobExecution onboarding = run("importViewersJob", "/data/" + sequence + ".csv");
		this.runs.change(onboarding, 2, "ann@example.com", 1001L, "create", null, Result.DONE, null, "viewer 1001",
				SENT);

		String shown = TerminalText.visible(sequence);
		assertThat(history().render("ann@example.com", 10)).contains("/data/" + shown + ".csv")
			.doesNotContain(sequence);
		assertThat(history().render("nobody" + sequence + "@example.com", 10))
			.isEqualTo("no change recorded for nobody" + shown + "@example.com\n");
	}

	@Test
	void aLimitKeepsTheNewestChangesAndCountsTheOthers() throws Exception {
		this.runs = RecordedRuns.withLedger();
		JobExecution onboarding = run("importViewersJob", "/data/people.csv");
		for (long project = 101; project <= 104; project++) {
			this.runs.change(onboarding, 2, "ann@example.com", 1001L, "assign", project, Result.DONE, null, "done",
					SENT.plusSeconds(project));
		}

		String text = history().render("ann@example.com", 1);

		assertThat(text.lines()).hasSize(3);
		assertThat(text).contains("assign 104")
			.doesNotContain("assign 103")
			.endsWith("3 older changes not shown; --limit N shows more (--limit 4 shows all)\n");
	}

	@Test
	void anAddressNoRunChangedHasNoChangeRecorded() throws Exception {
		this.runs = RecordedRuns.withLedger();
		JobExecution onboarding = run("importViewersJob", "/data/people.csv");
		this.runs.change(onboarding, 2, "ann@example.com", 1001L, "create", null, Result.DONE, null, "viewer 1001",
				SENT);

		assertThat(history().render(" nobody@example.com", Integer.MAX_VALUE))
			.isEqualTo("no change recorded for nobody@example.com\n");
	}

	@Test
	void aRepositoryRecordedBeforeTheLedgerHasNoChangeRecordedAndSaysWhy() throws Exception {
		this.runs = RecordedRuns.withoutLedger();
		run("importViewersJob", "/data/people.csv");

		assertThat(history().render("ann@example.com", Integer.MAX_VALUE)).isEqualTo(
				"no change recorded for ann@example.com (this job repository has no ledger: its runs were recorded"
						+ " by an older version)\n");
	}

}
