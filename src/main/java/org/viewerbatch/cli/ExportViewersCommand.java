package org.viewerbatch.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Set;

import org.springframework.batch.core.job.parameters.JobParameters;
import org.viewerbatch.exports.ExportFormat;
import org.viewerbatch.exports.ExportRequest;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code export-viewers}: writes the workspace's viewers to a CSV file or to standard output. */
@Command(name = "export-viewers", sortOptions = false, usageHelpAutoWidth = true,
		description = { "Write the workspace's viewers to CSV, reading the API in pages of 100 (250 viewers = 3 requests).",
				"The file is written beside its target under a temporary name and renamed into place when complete:"
						+ " a failed run leaves no partial file, and an existing file is replaced atomically.",
				"Each run is a new job; see it afterwards with 'viewer-batch jobs'." },
		footer = { "", "Examples:", "  viewer-batch export-viewers --workspace 12345",
				"  viewer-batch export-viewers --output viewers.csv --status active --excel",
				"  viewer-batch export-viewers --format assignments --output - | grep '@example.com'" })
class ExportViewersCommand extends JobCommand {

	@Spec
	private CommandSpec spec;

	@Option(names = "--output", paramLabel = "PATH|-",
			description = { "The CSV file to write, or '-' for standard output.",
					"Default: viewers-<workspace>-<UTC yyyyMMdd'T'HHmmss'Z'>.csv in the current directory"
							+ " (assignments-… with --format assignments)." })
	private String output;

	@Option(names = "--format", paramLabel = "viewers|assignments", defaultValue = "viewers",
			description = { "viewers (default): id,email,firstname,lastname,status,member_since,projects,project_names,"
					+ " one row per viewer, project lists joined with ';' (a valid import-viewers file as it stands).",
					"assignments: viewer_id,email,project_id,project_name, one row per viewer and project"
							+ " (a valid import-assignments file)." })
	private String format;

	@Option(names = "--status", paramLabel = "LIST",
			description = "Only viewers with one of these statuses, comma-separated: active, inactive, left."
					+ " Default: all.")
	private String status;

	@Option(names = "--excel", description = "Write a UTF-8 byte order mark and CRLF line ends, for Excel.")
	private boolean excel;

	@Option(names = "--no-formula-guard",
			description = { "Write cells exactly as the API returns them. By default a cell that starts with"
					+ " = + - @ tab or CR is prefixed with ' so that a spreadsheet shows it as text instead of running it"
					+ " as a formula (plain numbers such as -2 are left alone)." })
	private boolean noFormulaGuard;

	private final Clock clock;

	private final Path workingDirectory;

	ExportViewersCommand() {
		this(Clock.systemUTC(), Path.of(""));
	}

	ExportViewersCommand(Clock clock, Path workingDirectory) {
		this.clock = clock;
		this.workingDirectory = workingDirectory;
	}

	@Override
	protected String jobName() {
		return "exportViewersJob";
	}

	@Override
	protected JobParameters jobParameters(RunSettings run) {
		Instant runAt = this.clock.instant();
		ExportFormat exportFormat = exportFormat();
		Path target = target(run.workspaceId(), exportFormat, runAt);
		return new ExportRequest(run.workspaceId(), run.apiUrl().toString(), target, exportFormat, statuses(),
				this.excel, !this.noFormulaGuard, runAt)
			.toJobParameters();
	}

	private ExportFormat exportFormat() {
		try {
			return ExportFormat.fromOption(this.format);
		}
		catch (IllegalArgumentException ex) {
			throw new ParameterException(this.spec.commandLine(), "--format: " + ex.getMessage());
		}
	}

	private Set<String> statuses() {
		if (this.status == null) {
			return Set.of();
		}
		try {
			return ExportRequest.parseStatuses(this.status);
		}
		catch (IllegalArgumentException ex) {
			throw new ParameterException(this.spec.commandLine(), "--status: " + ex.getMessage());
		}
	}

	// null = standard output; otherwise an absolute path, so that 'jobs' shows where the file went
	private Path target(long workspaceId, ExportFormat exportFormat, Instant runAt) {
		if (ExportRequest.STANDARD_OUTPUT.equals(this.output)) {
			return null;
		}
		Path directory = this.workingDirectory.toAbsolutePath();
		Path target = (this.output != null) ? directory.resolve(this.output).normalize()
				: ExportRequest.defaultOutput(directory, workspaceId, exportFormat, runAt);
		if (Files.isDirectory(target)) {
			throw new ParameterException(this.spec.commandLine(),
					"--output: " + target + " is a directory; give a file name");
		}
		Path parent = target.getParent();
		if (!Files.isDirectory(parent) || !Files.isWritable(parent)) {
			throw new ParameterException(this.spec.commandLine(),
					"--output: cannot write in " + parent + " (missing or not writable)");
		}
		return target;
	}

}
