package org.viewerbatch.runs;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameter;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.dao.EmptyResultDataAccessException;

import org.viewerbatch.ledger.LedgerChange;
import org.viewerbatch.ledger.LedgerRow;
import org.viewerbatch.ledger.LedgerRow.Kind;
import org.viewerbatch.ledger.Outcome;
import org.viewerbatch.ledger.RecordedRows;
import org.viewerbatch.ledger.RunLedger;
import org.viewerbatch.terminal.TerminalText;

/**
 * One execution in detail, for {@code viewer-batch jobs EXECUTION_ID}: what ran and how
 * it ended, its options and files, what became of its job's rows and the changes it sent,
 * as the job repository and its run ledger have them.
 */
public final class RunDetails {

	/** How many changes are shown when no limit is given. */
	public static final int DEFAULT_CHANGE_LIMIT = 200;

	/** The job parameters that name a file, in the order shown. */
	private static final List<FileParameter> FILES = List.of(new FileParameter("input.file", "input"),
			new FileParameter("output", "output"), new FileParameter("results.file", "results"),
			new FileParameter("rejects.file", "rejects"), new FileParameter("plan.file", "plan"));

	private static final List<String> CHANGE_HEADER = List.of("TIME", "LINE", "EMAIL", "VIEWER", "OPERATION", "RESULT",
			"ANSWER");

	private final JobRepository jobRepository;

	private final RunLedger ledger;

	private final ZoneId zone;

	/**
	 * @param zone the time zone the changes' times are shown in
	 */
	public RunDetails(JobRepository jobRepository, RunLedger ledger, ZoneId zone) {
		this.jobRepository = jobRepository;
		this.ledger = ledger;
		this.zone = zone;
	}

	/**
	 * The details of an execution, with at most {@code changeLimit} of its changes; empty
	 * when the job repository has no such execution.
	 */
	public Optional<String> render(long executionId, int changeLimit) {
		Optional<JobExecution> found = find(this.jobRepository, executionId);
		if (found.isEmpty()) {
			return Optional.empty();
		}
		JobExecution execution = found.get();
		boolean ledgerExists = this.ledger.exists();
		String jobName = execution.getJobInstance().getJobName();
		StringBuilder text = new StringBuilder("execution " + execution.getId() + ": " + JobsReport.command(jobName)
				+ " (job " + jobName + ", instance " + execution.getJobInstance().getInstanceId() + ")\n");
		line(text, "status", execution.getStatus() + ", exit status " + execution.getExitStatus().getExitCode());
		line(text, "started", JobsReport.time(execution.getStartTime()));
		line(text, "ended", JobsReport.time(execution.getEndTime()));
		line(text, "duration", JobsReport.duration(execution));
		list(text, "options", options(execution));
		list(text, "files", files(execution));
		line(text, "counts", ledgerExists ? counts(execution) : stepCounts(execution));
		if (ledgerExists) {
			changes(text, execution.getId(), changeLimit);
		}
		else {
			text.append("this run has no ledger (recorded by an older version)\n");
		}
		return Optional.of(text.toString());
	}

	/** The execution with this id, if the job repository has it. */
	public static Optional<JobExecution> find(JobRepository jobRepository, long executionId) {
		try {
			return Optional.ofNullable(jobRepository.getJobExecution(executionId));
		}
		catch (EmptyResultDataAccessException ex) {
			// how the JDBC repository says "none" (the in-memory one returns null)
			return Optional.empty();
		}
	}

	/**
	 * {@code name: value} for every job parameter but the files (listed on their own), by
	 * name; none is secret, but one named like a secret is left out all the same.
	 */
	private static List<String> options(JobExecution execution) {
		return execution.getJobParameters()
			.parameters()
			.stream()
			.filter((parameter) -> !secret(parameter.name())
					&& FILES.stream().noneMatch((file) -> file.parameter().equals(parameter.name())))
			.sorted(Comparator.comparing(JobParameter::name))
			.map((parameter) -> (parameter.name() + ": " + value(parameter)).stripTrailing())
			.toList();
	}

	/** {@code input: /data/people.csv}, ... for the files the execution read or wrote. */
	private static List<String> files(JobExecution execution) {
		boolean dryRun = Boolean.parseBoolean(execution.getJobParameters().getString("dry.run", "false"));
		List<String> files = new ArrayList<>();
		for (FileParameter file : FILES) {
			JobParameter<?> parameter = execution.getJobParameters().getParameter(file.parameter());
			if (parameter != null && written(file.parameter(), dryRun)) {
				String path = value(parameter);
				files.add(file.label() + ": " + (path.equals("-") ? "standard output" : path));
			}
		}
		return files;
	}

	/**
	 * {@code 11 rows: created 3, assigned 5, unchanged 2, rejected 1} from the ledger's
	 * rows of the execution's job (a resumed job's rows were recorded by several of its
	 * executions); without rows (an export), the steps' counts.
	 */
	private String counts(JobExecution execution) {
		List<LedgerRow> rows = RecordedRows.of(this.ledger, execution.getJobInstance().getInstanceId()).rows();
		if (rows.isEmpty()) {
			return stepCounts(execution);
		}
		Map<Outcome, Long> counts = new EnumMap<>(Outcome.class);
		for (LedgerRow row : rows) {
			Set<Outcome> outcomes = (row.kind() == Kind.REJECTED) ? Set.of(Outcome.REJECTED)
					: Outcome.parse(row.outcome());
			for (Outcome outcome : outcomes.isEmpty() ? Set.of(Outcome.UNCHANGED) : outcomes) {
				counts.merge(outcome, 1L, Long::sum);
			}
		}
		boolean planned = rows.stream().anyMatch((row) -> row.kind() == Kind.PLANNED);
		String text = rows.size() + (planned ? " rows planned: " : " rows: ")
				+ counts.entrySet()
					.stream()
					.map((count) -> count.getKey().label() + " " + count.getValue())
					.collect(Collectors.joining(", "));
		Set<Long> executions = rows.stream().map(LedgerRow::executionId).collect(Collectors.toCollection(TreeSet::new));
		if (executions.equals(Set.of(execution.getId()))) {
			return text;
		}
		return text + " (recorded by " + ((executions.size() == 1) ? "execution " : "executions ")
				+ executions.stream().map(String::valueOf).collect(Collectors.joining(", ")) + ")";
	}

	private void changes(StringBuilder text, long executionId, int limit) {
		long total = this.ledger.changeCountOfExecution(executionId);
		if (total == 0) {
			line(text, "changes", "none sent");
			return;
		}
		line(text, "changes", total + ", in the order sent");
		List<List<String>> rows = new ArrayList<>();
		rows.add(CHANGE_HEADER);
		for (LedgerChange change : this.ledger.changesOfExecution(executionId, limit)) {
			rows.add(List.of(time(change.at(), this.zone), String.valueOf(change.line()),
					(change.email() != null) ? change.email() : "-", viewer(change), operation(change), result(change),
					oneLine(change.answer())));
		}
		TextTable.render(rows).lines().forEach((row) -> text.append("  ").append(row).append('\n'));
		if (total > limit) {
			text.append("  ")
				.append(total - limit)
				.append(" more changes not shown; --limit N shows more (--limit ")
				.append(total)
				.append(" shows all)\n");
		}
	}

	/** {@code read 250, written 250, skipped 0}: the steps' counts summed. */
	private static String stepCounts(JobExecution execution) {
		return "read " + JobsReport.sum(execution, StepExecution::getReadCount) + ", written "
				+ JobsReport.sum(execution, StepExecution::getWriteCount) + ", skipped "
				+ JobsReport.sum(execution, StepExecution::getSkipCount);
	}

	/**
	 * An import names all three of its outputs: a dry run writes only the plan, a real
	 * run only the results and rejects.
	 */
	private static boolean written(String parameter, boolean dryRun) {
		return switch (parameter) {
			case "plan.file" -> dryRun;
			case "results.file", "rejects.file" -> !dryRun;
			default -> true;
		};
	}

	private static boolean secret(String name) {
		String lowerCase = name.toLowerCase(Locale.ROOT);
		return lowerCase.contains("token") || lowerCase.contains("password");
	}

	// a URL can carry a user and password (https://user:secret@host/): never shown
	private static String value(JobParameter<?> parameter) {
		return String.valueOf(parameter.value()).replaceAll("(?<=://)[^/@\\s]*@", "***@");
	}

	/** {@code 2026-11-28 02:00:02}: when a change was sent, in the given zone. */
	static String time(Instant at, ZoneId zone) {
		return JobsReport.TIME.format(at.atZone(zone));
	}

	static String viewer(LedgerChange change) {
		return (change.viewerId() != null) ? String.valueOf(change.viewerId()) : "-";
	}

	/** {@code create}, or {@code assign 101} with the project. */
	static String operation(LedgerChange change) {
		return (change.projectId() != null) ? change.operation() + " " + change.projectId() : change.operation();
	}

	/** {@code DONE}, or {@code REFUSED 422} with the HTTP status. */
	static String result(LedgerChange change) {
		return (change.httpStatus() != null) ? change.result() + " " + change.httpStatus() : change.result().name();
	}

	// an API's message can span lines; one change is one line
	private static String oneLine(String answer) {
		return answer.replaceAll("\\s*\\R\\s*", " ");
	}

	// options and files hold the user's paths and values: shown, never obeyed
	private static void list(StringBuilder text, String label, List<String> items) {
		if (items.isEmpty()) {
			line(text, label, "none");
			return;
		}
		text.append(label).append(":\n");
		items.forEach((item) -> text.append("  ").append(TerminalText.visible(item)).append('\n'));
	}

	private static void line(StringBuilder text, String label, String value) {
		text.append(String.format("%-10s%s", label + ":", TerminalText.visible(value))).append('\n');
	}

	/** A job parameter that names a file, and what the details call the file. */
	private record FileParameter(String parameter, String label) {
	}

}
