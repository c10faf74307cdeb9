package org.viewerbatch.imports;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.batch.core.job.JobExecution;

import org.viewerbatch.csv.AtomicFile;
import org.viewerbatch.ledger.LedgerChange;
import org.viewerbatch.ledger.LedgerRow;
import org.viewerbatch.ledger.LedgerRow.Kind;
import org.viewerbatch.ledger.Outcome;
import org.viewerbatch.ledger.RecordedRows;
import org.viewerbatch.report.HtmlReport;
import org.viewerbatch.report.RunFacts;

/**
 * Writes an import's HTML report from what the publish step has: the ledger's rows and
 * changes, the tally and the apply step's facts. The requests per minute are the reads of
 * the workspace (in the first minute) and the changes of the ledger by the minute they
 * were sent.
 */
final class RunReport {

	private final ImportRun<?> run;

	private final int rateLimit;

	RunReport(ImportRun<?> run, int rateLimit) {
		this.run = run;
		this.rateLimit = rateLimit;
	}

	/** Writes the report and returns the summary's line naming it. */
	String publish(JobExecution job, RecordedRows rows, List<LedgerChange> changes, ImportTally tally, ApplyFacts facts,
			Instant now) {
		Map<Outcome, Long> outcomes = new EnumMap<>(Outcome.class);
		Arrays.stream(Outcome.values()).forEach((outcome) -> outcomes.put(outcome, tally.count(outcome)));
		List<RunFacts.Reject> rejects = rows.rows(Kind.REJECTED)
			.stream()
			.map((row) -> new RunFacts.Reject(reason(row), row.line(), String.join(",", row.source())))
			.toList();
		Map<String, String> options = new LinkedHashMap<>();
		job.getJobParameters().parameters().forEach((p) -> options.put(p.name(), String.valueOf(p.value())));
		Path report = this.run.report();
		RunFacts page = new RunFacts(this.run.options().command(), job.getId(), this.run.dryRun(), options, outcomes,
				rejects, minutes(facts, changes), this.rateLimit, Duration.between(facts.started(), now),
				files(report, !rejects.isEmpty()));
		try (AtomicFile out = AtomicFile.beside(report)) {
			Files.writeString(out.temp(), HtmlReport.render(page));
			out.commit();
		}
		catch (IOException ex) {
			throw new PublishException("report", report, ex);
		}
		return "report: " + report;
	}

	private static String reason(LedgerRow row) {
		return (row.error() != null && !row.error().isBlank()) ? row.error() : row.detail();
	}

	private static List<RunFacts.Minute> minutes(ApplyFacts facts, List<LedgerChange> changes) {
		List<Integer> counts = new ArrayList<>(List.of((int) facts.snapshotRequests()));
		for (LedgerChange change : changes) {
			if (change.at() == null || change.at().isBefore(facts.started())) {
				continue;
			}
			int minute = (int) Duration.between(facts.started(), change.at()).toMinutes();
			while (counts.size() <= minute) {
				counts.add(0);
			}
			counts.set(minute, counts.get(minute) + 1);
		}
		return counts.stream().map((count) -> new RunFacts.Minute(count, 0, 0)).toList();
	}

	private Map<String, String> files(Path report, boolean rejected) {
		Map<String, String> files = new LinkedHashMap<>();
		files.put("input", this.run.file().toString());
		if (this.run.dryRun()) {
			files.put("plan", this.run.plan().toString());
		}
		else {
			files.put("results", this.run.results().toString());
			if (rejected) {
				files.put("rejects", this.run.rejects().toString());
			}
		}
		files.put("report", report.toString());
		return files;
	}

}
