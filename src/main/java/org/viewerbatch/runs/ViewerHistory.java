package org.viewerbatch.runs;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;

import org.viewerbatch.ledger.LedgerChange;
import org.viewerbatch.ledger.RunLedger;
import org.viewerbatch.terminal.TerminalText;

/**
 * Every change any run sent for one viewer, newest first, for
 * {@code viewer-batch jobs --email ADDRESS}: who invited this person, when, from which
 * file.
 */
public final class ViewerHistory {

	private static final List<String> HEADER = List.of("TIME", "EXECUTION", "COMMAND", "INPUT", "LINE", "OPERATION",
			"RESULT", "VIEWER");

	private final JobRepository jobRepository;

	private final RunLedger ledger;

	private final ZoneId zone;

	/**
	 * @param zone the time zone the changes' times are shown in
	 */
	public ViewerHistory(JobRepository jobRepository, RunLedger ledger, ZoneId zone) {
		this.jobRepository = jobRepository;
		this.ledger = ledger;
		this.zone = zone;
	}

	/**
	 * The newest {@code limit} changes sent for an email (trimmed, in any case) as a
	 * table, or a sentence saying there are none.
	 */
	public String render(String email, int limit) {
		String address = email.trim();
		if (!this.ledger.exists()) {
			return "no change recorded for " + TerminalText.visible(address)
					+ " (this job repository has no ledger: its runs were recorded by an older version)\n";
		}
		List<LedgerChange> changes = this.ledger.changesOfEmail(address);
		if (changes.isEmpty()) {
			return "no change recorded for " + TerminalText.visible(address) + "\n";
		}
		// a viewer's changes come from a few runs: each is read once
		Map<Long, Optional<JobExecution>> executions = new HashMap<>();
		List<List<String>> rows = new ArrayList<>();
		rows.add(HEADER);
		for (LedgerChange change : changes.subList(0, Math.min(limit, changes.size()))) {
			Optional<JobExecution> execution = executions.computeIfAbsent(change.executionId(),
					(id) -> RunDetails.find(this.jobRepository, id));
			rows.add(List.of(RunDetails.time(change.at(), this.zone), String.valueOf(change.executionId()),
					execution.map((run) -> JobsReport.command(run.getJobInstance().getJobName())).orElse("-"),
					execution.map((run) -> run.getJobParameters().getString("input.file", "-")).orElse("-"),
					String.valueOf(change.line()), RunDetails.operation(change), RunDetails.result(change),
					RunDetails.viewer(change)));
		}
		String table = TextTable.render(rows);
		return (changes.size() > limit) ? table + (changes.size() - limit)
				+ " older changes not shown; --limit N shows more (--limit " + changes.size() + " shows all)\n" : table;
	}

}
