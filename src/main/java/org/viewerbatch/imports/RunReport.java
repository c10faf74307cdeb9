package org.viewerbatch.imports;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;

import org.viewerbatch.csv.AtomicFile;
import org.viewerbatch.imports.ImportRun.AssignmentOptions;
import org.viewerbatch.imports.ImportRun.JobOptions;
import org.viewerbatch.imports.ImportRun.ViewerOptions;
import org.viewerbatch.ledger.LedgerRow;
import org.viewerbatch.ledger.LedgerRow.Kind;
import org.viewerbatch.ledger.Outcome;
import org.viewerbatch.ledger.RecordedRows;
import org.viewerbatch.ledger.RunLedger;
import org.viewerbatch.report.HtmlReport;
import org.viewerbatch.report.RunFacts;

/**
 * An import's HTML report, from the ledger's rows, the apply step's facts (requests of
 * every minute among them) and the job parameters. The publish step writes it and keeps
 * the rate limit and the duration in the job's ExecutionContext, so that it can be
 * rendered again for a past run from the job repository alone.
 */
public final class RunReport {

	private static final String RATE_LIMIT = "report.rate-limit";

	private static final String DURATION = "report.duration-ms";

	private static final Map<String, Function<Map<String, Object>, ? extends JobOptions>> JOBS = Map
		.of(ViewerOptions.JOB, ViewerOptions::from, AssignmentOptions.JOB, AssignmentOptions::from);

	private RunReport() {
	}

	/** Writes the report at the publish step and returns the summary's line naming it. */
	static String publish(ImportRun<?> run, JobExecution job, RecordedRows rows, ApplyFacts facts, int rateLimit,
			Instant now) {
		ExecutionContext context = job.getExecutionContext();
		context.putInt(RATE_LIMIT, rateLimit);
		context.putLong(DURATION, Duration.between(facts.started(), now).toMillis());
		try {
			write(render(run, job, rows, facts), run.report());
		}
		catch (IOException ex) {
			throw new PublishException("report", run.report(), ex);
		}
		return "report: " + run.report();
	}

	/**
	 * Writes the report of a past import execution again from the job repository and the
	 * ledger: to {@code output}, or where the run wrote it when {@code null}.
	 * @return the file written
	 * @throws IllegalStateException when the execution is not one of an import or did not
	 * complete (only a completed run has its report), or the file cannot be written
	 */
	public static Path rewrite(JobExecution execution, RunLedger ledger, Path output) {
		ImportRun<?> run = run(execution).orElseThrow(() -> new IllegalStateException("execution " + execution.getId()
				+ " is not an import (" + execution.getJobInstance().getJobName() + "): only imports have a report"));
		Path target = (output != null) ? output : run.report();
		if (execution.getStatus() != BatchStatus.COMPLETED) {
			throw new IllegalStateException("execution " + execution.getId() + " did not complete ("
					+ execution.getStatus() + "): a report is made when the run completes (viewer-batch jobs "
					+ execution.getId() + " shows its rows so far)");
		}
		if (!execution.getExecutionContext().containsKey(DURATION)) {
			throw new IllegalStateException("execution " + execution.getId()
					+ " was recorded by an older version of viewer-batch, which kept nothing for a report (viewer-batch"
					+ " jobs " + execution.getId() + " shows its rows)");
		}
		RecordedRows rows = RecordedRows.of(ledger, execution.getJobInstance().getInstanceId());
		try {
			write(render(run, execution, rows, ApplyFacts.of(execution.getExecutionContext())), target);
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot write " + target + ": " + PublishException.reason(ex), ex);
		}
		return target;
	}

	private static Optional<ImportRun<?>> run(JobExecution execution) {
		Function<Map<String, Object>, ? extends JobOptions> options = JOBS.get(execution.getJobInstance().getJobName());
		if (options == null) {
			return Optional.empty();
		}
		Map<String, Object> parameters = new LinkedHashMap<>();
		execution.getJobParameters().parameters().forEach((p) -> parameters.put(p.name(), p.value()));
		return Optional.of(ImportRun.from(parameters, options));
	}

	private static String render(ImportRun<?> run, JobExecution job, RecordedRows rows, ApplyFacts facts) {
		ImportTally tally = ImportTally.of(rows);
		Map<Outcome, Long> outcomes = new EnumMap<>(Outcome.class);
		Arrays.stream(Outcome.values()).forEach((outcome) -> outcomes.put(outcome, tally.count(outcome)));
		List<RunFacts.Reject> rejects = rows.rows(Kind.REJECTED)
			.stream()
			.map((row) -> new RunFacts.Reject(reason(row), row.line(), String.join(",", row.source())))
			.toList();
		Map<String, String> options = new LinkedHashMap<>();
		job.getJobParameters().parameters().forEach((p) -> options.put(p.name(), String.valueOf(p.value())));
		ExecutionContext context = job.getExecutionContext();
		RunFacts page = new RunFacts(run.options().command(), job.getId(), run.dryRun(), options, outcomes, rejects,
				facts.minutes(), context.getInt(RATE_LIMIT), Duration.ofMillis(context.getLong(DURATION)),
				files(run, !rejects.isEmpty()));
		return HtmlReport.render(page);
	}

	private static void write(String html, Path target) throws IOException {
		try (AtomicFile out = AtomicFile.beside(target)) {
			Files.writeString(out.temp(), html);
			out.commit();
		}
	}

	private static String reason(LedgerRow row) {
		return (row.error() != null && !row.error().isBlank()) ? row.error() : row.detail();
	}

	private static Map<String, String> files(ImportRun<?> run, boolean rejected) {
		Map<String, String> files = new LinkedHashMap<>();
		files.put("input", run.file().toString());
		if (run.dryRun()) {
			files.put("plan", run.plan().toString());
		}
		else {
			files.put("results", run.results().toString());
			if (rejected) {
				files.put("rejects", run.rejects().toString());
			}
		}
		files.put("report", run.report().toString());
		return files;
	}

}
