package org.viewerbatch.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Set;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.context.ApplicationContext;

import org.viewerbatch.csv.OutputTarget;
import org.viewerbatch.exports.ExportFormat;
import org.viewerbatch.exports.ExportRequest;

/**
 * {@code export-viewers}: writes the workspace's viewers to a CSV file or to standard
 * output.
 */
@Command(name = "export-viewers", sortOptions = false, usageHelpAutoWidth = true, showDefaultValues = false,
		description = { "Write the workspace's viewers to CSV.",
				"The API is read in pages of 100: 250 viewers take 3 requests. The file is written beside its target"
						+ " under a temporary name and renamed into place once the last page is in: a failed run leaves"
						+ " no partial file, and an existing file is replaced atomically.",
				"Every run is a new job; 'viewer-batch jobs' lists them." },
		footerHeading = "%nExamples:%n",
		footer = { "  viewer-batch export-viewers --workspace 12345",
				"  viewer-batch export-viewers --output viewers.csv --status active --excel",
				"  viewer-batch export-viewers --format assignments --output - | head", "", "Exit codes:",
				"  0  written", "  1  failed or stopped part-way (no partial file): run it again",
				"  2  bad option (nothing sent)", "  4  token refused (401/403)" })
class ExportViewersCommand extends JobCommand {

	private final Clock clock;

	private final Path workingDirectory;

	// null with standardOutput false: the default name
	private Path output;

	private boolean standardOutput;

	private ExportFormat format = ExportFormat.VIEWERS;

	private Set<String> statuses = Set.of();

	@Option(names = "--excel", order = -7, description = "Write a UTF-8 byte order mark and CRLF line ends, for Excel.")
	private boolean excel;

	@Option(names = "--no-formula-guard", order = -6,
			description = { "Write cells exactly as the API returns them. By default a cell that starts with"
					+ " = + - @ tab or CR gets a leading ' so that a spreadsheet shows it as text instead of running it"
					+ " (plain numbers such as -2 are left alone)." })
	private boolean noFormulaGuard;

	ExportViewersCommand() {
		this(Clock.systemUTC(), Path.of(""));
	}

	ExportViewersCommand(Clock clock, Path workingDirectory) {
		this.clock = clock;
		this.workingDirectory = workingDirectory.toAbsolutePath();
	}

	// the options below are checked as they are parsed, so that a mistake is reported
	// before any run starts

	@Option(names = { "-o", "--output" }, paramLabel = "PATH|-", order = -10,
			description = { "The CSV file to write, or '-' for standard output.",
					"Default: viewers-<workspace>-<time>.csv in the current directory, <time> in UTC as"
							+ " yyyyMMdd'T'HHmmss'Z' (assignments-… with --format assignments)." })
	void output(String value) {
		this.standardOutput = ExportRequest.STANDARD_OUTPUT.equals(value);
		if (this.standardOutput) {
			this.output = null;
			return;
		}
		Path target = this.workingDirectory.resolve(value).normalize();
		OutputTarget.problem(target).ifPresent((problem) -> {
			throw usageError("--output: " + problem);
		});
		this.output = target;
	}

	@Option(names = "--format", paramLabel = "viewers|assignments", order = -9,
			description = { "viewers (default): id,email,firstname,lastname,status,member_since,projects,project_names"
					+ " - one row per viewer, project lists joined with ';': a valid import-viewers file as it stands.",
					"assignments: viewer_id,email,project_id,project_name - one row per viewer and project:"
							+ " a valid import-assignments file." })
	void format(String value) {
		try {
			this.format = ExportFormat.fromOption(value);
		}
		catch (IllegalArgumentException ex) {
			throw usageError("--format: " + ex.getMessage());
		}
	}

	@Option(names = "--status", paramLabel = "LIST", order = -8,
			description = "Only viewers with one of these statuses, comma-separated: active, inactive, left."
					+ " Default: every viewer.")
	void status(String list) {
		try {
			this.statuses = ExportRequest.parseStatuses(list);
		}
		catch (IllegalArgumentException ex) {
			throw usageError("--status: " + ex.getMessage());
		}
	}

	@Override
	protected String jobName() {
		return "exportViewersJob";
	}

	@Override
	protected JobParameters jobParameters(Settings run, ApplicationContext context) {
		Instant runAt = this.clock.instant();
		Path target = this.standardOutput ? null : (this.output != null) ? this.output
				: ExportRequest.defaultOutput(this.workingDirectory, run.workspaceId(), this.format, runAt);
		return new ExportRequest(run.workspaceId(), run.apiUrl().toString(), target, this.format, this.statuses,
				this.excel, !this.noFormulaGuard, runAt)
			.toJobParameters();
	}

	/** An export is a new job every time: nothing of a stopped one is kept. */
	@Override
	protected String afterStop() {
		return "run the same command to export again (an export starts from the first page)";
	}

	private ParameterException usageError(String message) {
		return new ParameterException(this.spec.commandLine(), message);
	}

}
