package org.viewerbatch.runs;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameter;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;

/**
 * The recent executions of every job in the job repository, newest first, as a table for
 * {@code viewer-batch jobs}.
 * <p>
 * The "input/output" column shows the job parameters whose names start with {@code input}
 * or {@code output} (e.g. {@code input.file}; not their {@code .sha256} checksums), the
 * "workspace" column the {@code workspace.id} parameter.
 */
public final class JobsReport {

	private static final List<String> HEADER = List.of("ID", "COMMAND", "WORKSPACE", "INPUT/OUTPUT", "STATUS", "READ",
			"WRITTEN", "SKIPPED", "STARTED", "DURATION");

	static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

	private final JobRepository jobRepository;

	public JobsReport(JobRepository jobRepository) {
		this.jobRepository = jobRepository;
	}

	/** The newest {@code limit} executions over all jobs. */
	public List<JobExecution> recent(int limit) {
		List<JobExecution> executions = new ArrayList<>();
		for (String jobName : this.jobRepository.getJobNames()) {
			// instances come newest first; each holds at least one execution, so limit
			// instances suffice
			for (JobInstance instance : this.jobRepository.getJobInstances(jobName, 0, limit)) {
				executions.addAll(this.jobRepository.getJobExecutions(instance));
			}
		}
		return executions.stream()
			.sorted(Comparator.comparingLong(JobExecution::getId).reversed())
			.limit(limit)
			.toList();
	}

	/** The table of {@link #recent(int)}, or a sentence saying there are no runs yet. */
	public String render(int limit) {
		List<JobExecution> executions = recent(limit);
		if (executions.isEmpty()) {
			return "no runs recorded yet\n";
		}
		List<List<String>> rows = new ArrayList<>();
		rows.add(HEADER);
		executions.forEach((execution) -> rows.add(row(execution)));
		return TextTable.render(rows);
	}

	static List<String> row(JobExecution execution) {
		return List.of(String.valueOf(execution.getId()), command(execution.getJobInstance().getJobName()),
				parameter(execution, "workspace.id"), files(execution), status(execution),
				String.valueOf(sum(execution, StepExecution::getReadCount)),
				String.valueOf(sum(execution, StepExecution::getWriteCount)),
				String.valueOf(sum(execution, StepExecution::getSkipCount)), time(execution.getStartTime()),
				duration(execution));
	}

	/**
	 * {@code exportViewersJob} → {@code export-viewers}: the command that ran the job.
	 */
	static String command(String jobName) {
		String name = jobName.endsWith("Job") ? jobName.substring(0, jobName.length() - 3) : jobName;
		return name.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
	}

	private static String parameter(JobExecution execution, String name) {
		JobParameter<?> parameter = execution.getJobParameters().getParameter(name);
		return (parameter != null) ? String.valueOf(parameter.value()) : "-";
	}

	private static String files(JobExecution execution) {
		String files = execution.getJobParameters()
			.parameters()
			.stream()
			.filter((p) -> p.name().startsWith("input") || p.name().startsWith("output"))
			// the file's checksum identifies the run but tells a reader of this table
			// nothing
			.filter((p) -> !p.name().endsWith(".sha256"))
			.map((p) -> String.valueOf(p.value()))
			.collect(Collectors.joining(" "));
		return files.isEmpty() ? "-" : files;
	}

	/** A count of the execution's steps, summed. */
	static long sum(JobExecution execution, ToLongFunction<StepExecution> count) {
		return execution.getStepExecutions().stream().mapToLong(count).sum();
	}

	static String time(LocalDateTime time) {
		return (time != null) ? TIME.format(time) : "-";
	}

	private static String status(JobExecution execution) {
		String exitCode = execution.getExitStatus().getExitCode();
		String status = execution.getStatus().toString();
		return (exitCode.equals(status) || exitCode.equals("UNKNOWN") || exitCode.equals("EXECUTING")
				|| exitCode.equals("NOOP")) ? status : exitCode;
	}

	static String duration(JobExecution execution) {
		LocalDateTime start = execution.getStartTime();
		if (start == null) {
			return "-";
		}
		if (execution.getEndTime() == null) {
			return execution.isRunning() ? "running" : "-";
		}
		Duration duration = Duration.between(start, execution.getEndTime());
		long seconds = duration.toSeconds();
		if (seconds < 60) {
			return String.format(Locale.ROOT, "%.1fs", duration.toMillis() / 1000.0);
		}
		return (seconds >= 3600) ? String.format("%dh%02dm%02ds", seconds / 3600, seconds / 60 % 60, seconds % 60)
				: String.format("%dm%02ds", seconds / 60, seconds % 60);
	}

}
