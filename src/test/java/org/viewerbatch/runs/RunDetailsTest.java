package org.viewerbatch.runs;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.repository.support.ResourcelessJobRepository;

import org.viewerbatch.ledger.LedgerChange.Result;
import org.viewerbatch.ledger.LedgerRow.Kind;
import org.viewerbatch.ledger.LedgerSchema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class RunDetailsTest {

	private static final LocalDateTime START = LocalDateTime.of(2026, 11, 28, 2, 0, 1);

	private static final Instant SENT = Instant.parse("2026-11-28T02:00:02Z");

	private RecordedRuns runs;

	@AfterEach
	void close() {
		if (this.runs != null) {
			this.runs.close();
		}
	}

	private static JobParameters importParameters(boolean dryRun) {
		return new JobParametersBuilder().addString("input.file", "/data/people.csv")
			.addString("input.sha256", "9f86d081")
			.addLong("workspace.id", 1L)
			.addString("api.url", "http://localhost:8080/api/v2/")
			.addString("dry.run", Boolean.toString(dryRun), false)
			.addString("results.file", "/data/people.results.csv", false)
			.addString("rejects.file", "/data/people.rejects.csv", false)
			.addString("plan.file", "/data/people.plan.csv", false)
			.toJobParameters();
	}

	private RunDetails details() {
		return new RunDetails(this.runs.jobRepository(), this.runs.ledger(), ZoneOffset.UTC);
	}

	private JobExecution completedImport(JobParameters parameters) {
		JobInstance instance = this.runs.instance("importViewersJob", parameters);
		return this.runs.execution(instance, parameters, BatchStatus.COMPLETED, "COMPLETED_WITH_REJECTS", START, 754, 4,
				3, 1);
	}

	@Test
	void oneRunShowsWhatRanHowItEndedItsOptionsFilesCountsAndChangesInTheOrderSent() throws Exception {
		this.runs = RecordedRuns.withLedger();
		JobExecution run = completedImport(importParameters(false));
		this.runs.row(run, 2, Kind.APPLIED, "ann@example.com", "created+assigned");
		this.runs.row(run, 3, Kind.APPLIED, "bob@example.com", "assigned");
		this.runs.row(run, 4, Kind.APPLIED, "cy@example.com", "unchanged");
		this.runs.row(run, 5, Kind.REJECTED, "nobody", "rejected");
		this.runs.change(run, 2, "ann@example.com", 1001L, "create", null, Result.DONE, null, "viewer 1001", SENT);
		this.runs.change(run, 2, "ann@example.com", 1001L, "assign", 101L, Result.DONE, null, "done",
				SENT.plusSeconds(1));
		this.runs.change(run, 3, "bob@example.com", 502L, "assign", 999L, Result.REFUSED, 422,
				"The selected project id is invalid.\nCheck the id.", SENT.plusSeconds(2));
		this.runs.change(run, 3, "bob@example.com", 502L, "assign", 102L, Result.DONE, null, "done",
				SENT.plusSeconds(3));

		String text = details().render(run.getId(), RunDetails.DEFAULT_CHANGE_LIMIT).orElseThrow();

		assertThat(text).isEqualTo(
				"""
						execution %d: import-viewers (job importViewersJob, instance %d)
						status:   COMPLETED, exit status COMPLETED_WITH_REJECTS
						started:  2026-11-28 02:00:01
						ended:    2026-11-28 02:12:35
						duration: 12m34s
						options:
						  api.url: http://localhost:8080/api/v2/
						  dry.run: false
						  input.sha256: 9f86d081
						  workspace.id: 1
						files:
						  input: /data/people.csv
						  results: /data/people.results.csv
						  rejects: /data/people.rejects.csv
						counts:   4 rows: created 1, assigned 2, unchanged 1, rejected 1
						changes:  4, in the order sent
						  TIME                 LINE  EMAIL            VIEWER  OPERATION   RESULT       ANSWER
						  2026-11-28 02:00:02  2     ann@example.com  1001    create      DONE         viewer 1001
						  2026-11-28 02:00:03  2     ann@example.com  1001    assign 101  DONE         done
						  2026-11-28 02:00:04  3     bob@example.com  502     assign 999  REFUSED 422  The selected project id is invalid. Check the id.
						  2026-11-28 02:00:05  3     bob@example.com  502     assign 102  DONE         done
						"""
					.formatted(run.getId(), run.getJobInstance().getInstanceId()));
	}

	static Stream<Arguments> escapeSequences() {
		return Stream.of(arguments("\u001b]0;pwned\u0007", "\\e]0;pwned\\x07"),
				arguments("\u001b[2J\u001b[H", "\\e[2J\\e[H"), arguments("\u009b2J", "\\u009b2J"),
				arguments("\u0000", "\\x00"), arguments("\u007f", "\\x7f"), arguments("\u0008\u0008", "\\x08\\x08"));
	}

	@ParameterizedTest
	@MethodSource("escapeSequences")
	void theApisAnswersEmailsAndFileNamesShowTheirControlCharactersAsEscapes(String sequence, String shown)
			throws Exception {
		this.runs = RecordedRuns.withLedger();
		JobParameters parameters = new JobParametersBuilder().addString("input.file", "/data/" + sequence + ".csv")
			.addLong("workspace.id", 1L)
			.addString("results.file", "/data/" + sequence + ".results.csv", false)
			.toJobParameters();
		JobExecution run = completedImport(parameters);
		this.runs.change(run, 2, "ann" + sequence + "@example.com", 1001L, "create", null, Result.REFUSED, 422,
				"The email " + sequence + " is invalid.", SENT);

		String text = details().render(run.getId(), RunDetails.DEFAULT_CHANGE_LIMIT).orElseThrow();

		assertThat(text.replace("\n", "")).doesNotContainPattern("[\\p{Cntrl}\\u0080-\\u009f]");
		assertThat(text).contains("  input: /data/" + shown + ".csv\n", "  results: /data/" + shown + ".results.csv\n",
				// the ledger keeps an email in lower case
				"  " + ("ann" + shown + "@example.com").toLowerCase(Locale.ROOT)
						+ "  1001    create     REFUSED 422  The email " + shown + " is invalid.\n");
	}

	@Test
	void changesBeyondTheLimitAreCountedAndTheLimitOptionNamed() throws Exception {
		this.runs = RecordedRuns.withLedger();
		JobExecution run = completedImport(importParameters(false));
		for (long line = 2; line <= 6; line++) {
			this.runs.change(run, line, "v" + line + "@example.com", 1000 + line, "create", null, Result.DONE, null,
					"viewer " + (1000 + line), SENT.plusSeconds(line));
		}

		String text = details().render(run.getId(), 2).orElseThrow();

		assertThat(text).contains("changes:  5, in the order sent\n")
			.contains("v2@example.com", "v3@example.com")
			.doesNotContain("v4@example.com", "v5@example.com", "v6@example.com")
			.endsWith("  3 more changes not shown; --limit N shows more (--limit 5 shows all)\n");
		assertThat(details().render(run.getId(), 5).orElseThrow()).contains("v6@example.com")
			.doesNotContain("more changes");
	}

	@Test
	void aParameterNamedLikeASecretAndAPasswordInAUrlAreNeverShown() throws Exception {
		this.runs = RecordedRuns.withLedger();
		JobParameters parameters = new JobParametersBuilder(importParameters(false))
			.addString("api.token", "tok-123", false)
			.addString("db.Password", "pw-456", false)
			.addString("api.url", "https://admin:pw-789@api.example.com/api/v2/")
			.toJobParameters();
		JobExecution run = completedImport(parameters);

		String text = details().render(run.getId(), RunDetails.DEFAULT_CHANGE_LIMIT).orElseThrow();

		assertThat(text).doesNotContain("tok-123", "pw-456", "pw-789", "api.token", "db.Password")
			.contains("api.url: https://***@api.example.com/api/v2/");
	}

	@Test
	void aDryRunShowsItsPlanFileAndWhatItPlanned() throws Exception {
		this.runs = RecordedRuns.withLedger();
		JobExecution run = completedImport(importParameters(true));
		this.runs.row(run, 2, Kind.PLANNED, "ann@example.com", "created+assigned");
		this.runs.row(run, 3, Kind.PLANNED, "bob@example.com", "unchanged");

		String text = details().render(run.getId(), RunDetails.DEFAULT_CHANGE_LIMIT).orElseThrow();

		assertThat(text).contains("files:\n  input: /data/people.csv\n  plan: /data/people.plan.csv\ncounts:")
			.doesNotContain("results.csv", "rejects.csv")
			.contains("counts:   2 rows planned: created 1, assigned 1, unchanged 1\n")
			.endsWith("changes:  none sent\n");
	}

	@Test
	void theRowsOfAResumedJobNameTheExecutionsThatRecordedThem() throws Exception {
		this.runs = RecordedRuns.withLedger();
		JobParameters parameters = importParameters(false);
		JobInstance instance = this.runs.instance("importViewersJob", parameters);
		JobExecution failed = this.runs.execution(instance, parameters, BatchStatus.FAILED, "FAILED", START, 5, 1, 1,
				0);
		JobExecution resumed = this.runs.execution(instance, parameters, BatchStatus.COMPLETED, "COMPLETED",
				START.plusMinutes(5), 5, 1, 1, 0);
		this.runs.row(failed, 2, Kind.APPLIED, "ann@example.com", "created");
		this.runs.row(resumed, 3, Kind.APPLIED, "bob@example.com", "created");
		this.runs.change(failed, 2, "ann@example.com", 1001L, "create", null, Result.DONE, null, "viewer 1001", SENT);
		this.runs.change(resumed, 3, "bob@example.com", 1002L, "create", null, Result.DONE, null, "viewer 1002",
				SENT.plusSeconds(300));

		String text = details().render(resumed.getId(), RunDetails.DEFAULT_CHANGE_LIMIT).orElseThrow();

		assertThat(text)
			.contains("counts:   2 rows: created 2 (recorded by executions " + failed.getId() + ", " + resumed.getId()
					+ ")\n")
			.contains("changes:  1, in the order sent\n")
			.contains("bob@example.com")
			.doesNotContain("ann@example.com");
	}

	@Test
	void anExportShowsItsOutputAndItsStepsCounts() throws Exception {
		this.runs = RecordedRuns.withLedger();
		JobParameters parameters = new JobParametersBuilder().addLong("workspace.id", 1L)
			.addString("output", "-")
			.addString("run.at", "2026-11-28T02:00:01Z")
			.toJobParameters();
		JobExecution run = this.runs.execution(this.runs.instance("exportViewersJob", parameters), parameters,
				BatchStatus.COMPLETED, "COMPLETED", START, 4, 250, 250, 0);

		String text = details().render(run.getId(), RunDetails.DEFAULT_CHANGE_LIMIT).orElseThrow();

		assertThat(text).startsWith("execution " + run.getId() + ": export-viewers (job exportViewersJob")
			.contains("files:\n  output: standard output\n")
			.contains("counts:   read 250, written 250, skipped 0\n")
			.endsWith("changes:  none sent\n");
	}

	@Test
	void anUnknownExecutionHasNoDetails() throws Exception {
		this.runs = RecordedRuns.withLedger();
		JobExecution run = completedImport(importParameters(false));

		assertThat(details().render(run.getId() + 1, RunDetails.DEFAULT_CHANGE_LIMIT)).isEmpty();
		assertThat(new RunDetails(new ResourcelessJobRepository(), this.runs.ledger(), ZoneOffset.UTC).render(0,
				RunDetails.DEFAULT_CHANGE_LIMIT))
			.isEmpty();
	}

	@Test
	void aRunRecordedBeforeTheLedgerShowsItsDetailsWithoutChangesAndCreatesNoTable() throws Exception {
		this.runs = RecordedRuns.withoutLedger();
		JobExecution run = completedImport(importParameters(false));

		String text = details().render(run.getId(), RunDetails.DEFAULT_CHANGE_LIMIT).orElseThrow();

		assertThat(text).contains("status:   COMPLETED, exit status COMPLETED_WITH_REJECTS\n")
			.contains("  input: /data/people.csv\n")
			.endsWith("counts:   read 4, written 3, skipped 1\n"
					+ "this run has no ledger (recorded by an older version)\n");
		assertThat(LedgerSchema.exists(this.runs.dataSource())).isFalse();
	}

}
