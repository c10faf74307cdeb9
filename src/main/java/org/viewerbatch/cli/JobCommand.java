package org.viewerbatch.cli;

import java.io.PrintWriter;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

import org.viewerbatch.runs.FreshOutcome;
import org.viewerbatch.runs.KilledRunRecovery;
import org.viewerbatch.runs.RepositoryLock;
import org.viewerbatch.runs.RepositoryLockedException;
import org.viewerbatch.runs.RepositoryLostException;
import org.viewerbatch.runs.RepositoryUnreachableException;
import org.viewerbatch.runs.StopRequest;
import org.viewerbatch.runs.StoppedRun;
import org.viewerbatch.runs.WorkspaceBusyException;
import org.viewerbatch.runs.WorkspaceGuard;
import org.viewerbatch.terminal.TerminalText;

/**
 * A command that runs one Spring Batch job: settings, the repository lock (a directory's,
 * or the workspace's guard on a shared PostgreSQL server), the Spring context, recovery
 * of a run left behind by a killed process, the job itself, its outcome and the exit
 * code.
 */
abstract class JobCommand implements Callable<Integer> {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

	/** The job parameter of an import's input file (not identifying: its content is). */
	private static final String INPUT_FILE = "input.file";

	@ParentCommand
	ViewerBatchCommand root;

	@Spec
	CommandSpec spec;

	/** The settings in effect, once the context has started. */
	private Settings settings;

	/** The name of the Job bean. */
	protected abstract String jobName();

	/**
	 * The parameters of this run: never a secret. May throw an input-file error or a
	 * {@link ParameterException}. {@code context} has the job repository and the API's
	 * client, for a command whose input comes from them.
	 */
	protected abstract JobParameters jobParameters(Settings settings, ApplicationContext context);

	/**
	 * Whether the command talks to the API: then a token and a workspace are required.
	 */
	protected boolean needsApi() {
		return true;
	}

	/** Whether to run again even if the same parameters completed before. */
	protected boolean rerun() {
		return false;
	}

	@Override
	public Integer call() {
		PrintWriter err = this.spec.commandLine().getErr();
		Settings settings = this.root.settings();
		try (RepositoryLock lock = settings.repository().lock(); WorkspaceGuard guard = settings.repository().guard()) {
			try (ConfigurableApplicationContext context = this.root.context().start(settings.properties())) {
				return runJob(context, settings, guard, err);
			}
		}
		catch (RepositoryLockedException | RepositoryUnreachableException ex) {
			err.println("viewer-batch: " + TerminalText.visible(ex.getMessage()));
			return ExitCodes.FAILED;
		}
	}

	/**
	 * Runs the job; {@code guard} is that of a PostgreSQL repository, {@code null} for a
	 * directory (whose lock excludes every other run).
	 */
	private int runJob(ConfigurableApplicationContext context, Settings settings, WorkspaceGuard guard,
			PrintWriter err) {
		Environment environment = context.getEnvironment();
		this.settings = settings.inEffect(environment);
		if (needsApi()) {
			requireApiSettings(environment);
		}
		JobRepository jobRepository = context.getBean(JobRepository.class);
		KilledRunRecovery recovery = new KilledRunRecovery(jobRepository, context.getBean(JobOperator.class));
		Long workspaceId = this.settings.workspaceId();
		if (guard != null && workspaceId != null) {
			try {
				guard.acquire(workspaceId);
			}
			catch (WorkspaceBusyException ex) {
				List<JobExecution> running = recovery.running(workspaceId);
				err.println("viewer-batch: "
						+ ex.describe(running.isEmpty() ? null : running.get(running.size() - 1).getId()));
				return ExitCodes.FAILED;
			}
		}
		JobParameters parameters = jobParameters(this.settings, context);
		JobOperator jobOperator = context.getBean(JobOperator.class);
		recover(recovery, guard, workspaceId)
			.forEach((recovered) -> err.println("Recovered execution " + recovered.getId() + " ("
					+ recovered.getJobInstance().getJobName() + "), left unfinished by a run that was killed."));
		JobExecution last = jobRepository.getLastJobExecution(jobName(), parameters);
		if (last != null && last.getStatus() == BatchStatus.COMPLETED) {
			if (!rerun()) {
				return alreadyCompleted(last, parameters, err);
			}
			parameters = new JobParametersBuilder(parameters).addLong("rerun.at", System.currentTimeMillis())
				.toJobParameters();
		}
		StopRequest stop = context.getBean(StopRequest.class);
		JobExecution execution;
		try (TerminalProgress progress = this.settings.quiet() ? null : TerminalProgress.installIfInteractive(err);
				StopOnSignal signals = StopOnSignal.install(stop, err, () -> recover(recovery, guard, workspaceId))) {
			execution = start(jobOperator, context.getBean(jobName(), Job.class), parameters);
		}
		boolean stopped = StoppedRun.record(execution, jobRepository, stop);
		printOutcome(execution, err);
		if (stopped) {
			reportStop(execution, stop, err);
			return ExitCodes.FAILED;
		}
		int exitCode = this.root.exitCodes().of(execution);
		if (execution.getStatus() != BatchStatus.COMPLETED) {
			reportFailure(execution, err);
		}
		return exitCode;
	}

	/**
	 * The executions a killed run left marked running: every one in a directory (its lock
	 * is ours), only those of the guarded workspace on a shared server.
	 */
	private static List<JobExecution> recover(KilledRunRecovery recovery, WorkspaceGuard guard, Long workspaceId) {
		if (guard == null) {
			return recovery.recoverAll();
		}
		return (workspaceId != null) ? recovery.recoverWorkspace(guard, workspaceId) : List.of();
	}

	/**
	 * Says when it was done (and from which file, when the same content came under
	 * another name) and how to run it again; exit code 0.
	 */
	private static int alreadyCompleted(JobExecution last, JobParameters parameters, PrintWriter err) {
		String when = (last.getEndTime() != null) ? TIME.format(last.getEndTime()) : "an earlier run";
		String from = last.getJobParameters().getString(INPUT_FILE);
		String elsewhere = (from != null && !from.equals(parameters.getString(INPUT_FILE)))
				? ", the same content from " + from : "";
		err.println("already done at " + when + " (execution " + last.getId() + TerminalText.visible(elsewhere)
				+ "); use --rerun to run it again");
		return ExitCodes.OK;
	}

	/**
	 * The default: prints the job's summary (the String under "summary" in its
	 * ExecutionContext) unless quiet.
	 */
	protected void printOutcome(JobExecution execution, PrintWriter err) {
		if (this.settings.quiet()) {
			return;
		}
		Object summary = execution.getExecutionContext().get(FreshOutcome.SUMMARY);
		if (summary instanceof String text && !text.isBlank()) {
			// its lines name files and header columns, and can quote the API
			for (String line : text.stripTrailing().split("\n")) {
				err.println(TerminalText.visible(line));
			}
		}
	}

	/**
	 * What the last line of a stopped run ends with: how to go on. The default is that of
	 * a job that resumes where it stopped when the same command runs again.
	 */
	protected String afterStop() {
		return "run the same command to resume";
	}

	/** The last line of a stopped run: where it stopped and how to go on. */
	private void reportStop(JobExecution execution, StopRequest stop, PrintWriter err) {
		Object where = execution.getExecutionContext().get(StopRequest.STOPPED_AT);
		err.println(this.spec.name() + " stopped by " + stop.reason().orElseThrow()
				+ ((where instanceof String text) ? " " + TerminalText.visible(text) : "") + " (execution "
				+ execution.getId() + "); " + afterStop());
	}

	private void reportFailure(JobExecution execution, PrintWriter err) {
		Optional<RepositoryLostException> lost = execution.getAllFailureExceptions()
			.stream()
			.map(this::repositoryLost)
			.flatMap(Optional::stream)
			.findFirst();
		if (lost.isPresent()) {
			err.println(TerminalText.visible(lost.get().getMessage()) + " (execution " + execution.getId() + ")");
			return;
		}
		Optional<Throwable> reason = this.root.exitCodes().reason(execution.getAllFailureExceptions());
		err.println(this.spec.name() + " " + execution.getStatus().toString().toLowerCase(Locale.ROOT) + " (execution "
				+ execution.getId() + "): "
				+ reason.map(Failures::describe).map(TerminalText::visible).orElse("no reason recorded"));
		if (this.settings.verbose()) {
			execution.getAllFailureExceptions().forEach((failure) -> Failures.printStackTrace(failure, err));
		}
	}

	private JobExecution start(JobOperator jobOperator, Job job, JobParameters parameters) {
		try {
			return jobOperator.start(job, parameters);
		}
		catch (Exception ex) {
			// already-running and already-complete were handled above; what is left is
			// the repository lost during the run, or unexpected
			throw repositoryLost(ex).<RuntimeException>map((lost) -> lost)
				.orElseGet(() -> new IllegalStateException(
						"cannot start " + job.getName() + ": " + Failures.describe(ex), ex));
		}
	}

	private Optional<RepositoryLostException> repositoryLost(Throwable failure) {
		return RepositoryLostException.of(failure, this.spec.name(), this.settings.repository().where());
	}

	private static void requireApiSettings(Environment environment) {
		if (!environment.containsProperty(Settings.API_TOKEN)) {
			throw new ConfigurationException(
					"no API token: set WEBWORK_API_TOKEN or use --token-file PATH (a file whose first line is the token)");
		}
		if (!environment.containsProperty(Settings.WORKSPACE)) {
			throw new ConfigurationException("no workspace: use --workspace ID or set WEBWORK_WORKSPACE_ID");
		}
	}

}
