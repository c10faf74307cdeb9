package org.viewerbatch.cli;

import java.nio.file.Path;
import java.time.Instant;

import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.viewerbatch.imports.ImportJobParameters;
import org.viewerbatch.imports.ImportRequest;
import org.viewerbatch.imports.ImportViewersJobConfiguration;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code import-viewers FILE}: upserts viewers by email, restores archived ones, assigns projects; archives on request. */
@Command(name = "import-viewers", sortOptions = false, usageHelpAutoWidth = true,
		description = { "Upsert viewers by email from a CSV file.",
				"Creates missing viewers (one invitation each), restores archived ones, assigns the listed projects; "
						+ "rows with action=delete archive their viewer.",
				"",
				"Columns (header matched case-insensitively; others ignored): email (required), firstname and "
						+ "lastname (required for new viewers), projects (ids separated by ; or |), action (upsert "
						+ "or delete).",
				"",
				"Every row ends in FILE.results.csv or, with its reason, in FILE.rejects.csv (which imports again as "
						+ "it is). A failed or killed run resumes when the same command is run again; a completed "
						+ "file is not imported twice unless --rerun." },
		footerHeading = "%nExamples:%n",
		footer = { "  viewer-batch import-viewers clients.csv --dry-run",
				"  viewer-batch import-viewers crm.csv --map \"E-mail=email,Name=firstname\" --delimiter ';'",
				"  viewer-batch import-viewers offboarding.csv --allow-delete --max-deletes 200",
				"",
				"Exit codes: 0 done, 1 failed part-way (run the same command to resume), 2 bad file or option (nothing",
				"sent), 3 done with rejected rows, 4 token refused." })
class ImportViewersCommand extends JobCommand {

	@Parameters(index = "0", paramLabel = "FILE", description = "The CSV file to import.")
	Path file;

	@Option(names = "--dry-run", description = "Plan only: read the workspace, write FILE.plan.csv (the calls each row "
			+ "needs, the number of requests and the time at the rate limit); send no write.")
	boolean dryRun;

	@Option(names = "--sync-projects", description = "Also unassign the projects a row does not list (rows of a file "
			+ "without a projects column keep their projects).")
	boolean syncProjects;

	@Option(names = "--allow-delete", description = "Allow rows with action=delete (they archive the viewer).")
	boolean allowDelete;

	@Option(names = "--max-deletes", paramLabel = "N", description = "Refuse the file if it archives more than N "
			+ "viewers (default: ${DEFAULT-VALUE}).", defaultValue = "" + ImportViewersJobConfiguration.DEFAULT_MAX_DELETES)
	long maxDeletes;

	@Option(names = "--results", paramLabel = "PATH", description = "Where to write the results (default: FILE.results.csv).")
	Path results;

	@Option(names = "--rejects", paramLabel = "PATH", description = "Where to write the rejected rows (default: FILE.rejects.csv).")
	Path rejects;

	@Option(names = "--plan", paramLabel = "PATH", description = "Where --dry-run writes the plan (default: FILE.plan.csv).")
	Path plan;

	@Option(names = "--skip-limit", paramLabel = "N", description = "Stop the run when more than N rows are rejected "
			+ "(default: no limit; the same API refusal 5 rows in a row stops it anyway).")
	Long skipLimit;

	@Option(names = "--chunk-size", paramLabel = "N", description = "Rows per transaction of the job repository; a "
			+ "restart resumes after the last whole chunk (default: 20).")
	Integer chunkSize;

	@Option(names = "--delimiter", paramLabel = "CHAR", description = "',' ';' 'tab', or 'auto' (default: detected "
			+ "from the header line).")
	String delimiter;

	@Option(names = "--encoding", paramLabel = "CHARSET", description = "The file's encoding when it has no byte order "
			+ "mark (default: UTF-8; e.g. windows-1252 for old Excel files).")
	String encoding;

	@Option(names = "--map", paramLabel = "SPEC", description = "Rename source columns to the columns above, e.g. "
			+ "\"E-mail Address=email,Given Name=firstname\".")
	String map;

	@Option(names = "--rerun", description = "Import the file again although it was imported completely before.")
	boolean rerun;

	@Override
	protected String jobName() {
		return "importViewersJob";
	}

	@Override
	protected JobParameters jobParameters(RunSettings run) {
		ImportRequest request = new ImportRequest(this.file, this.dryRun, this.results, this.rejects, this.plan,
				this.skipLimit, this.chunkSize, this.delimiter, this.encoding, this.map);
		if (this.maxDeletes < 0) {
			throw new ConfigurationException("--max-deletes must not be negative");
		}
		try {
			JobParametersBuilder parameters = ImportJobParameters.builder(request, run.workspaceId(), run.apiUrl(),
					Instant.now());
			return parameters
				.addString(ImportViewersJobConfiguration.SYNC_PROJECTS, Boolean.toString(this.syncProjects), true)
				.addString(ImportViewersJobConfiguration.ALLOW_DELETE, Boolean.toString(this.allowDelete), false)
				.addLong(ImportViewersJobConfiguration.MAX_DELETES, this.maxDeletes, false)
				.toJobParameters();
		}
		catch (IllegalArgumentException ex) {
			throw new ConfigurationException(ex.getMessage());
		}
	}

	@Override
	protected boolean rerun() {
		return this.rerun;
	}

}
