package org.viewerbatch.cli;

import java.nio.file.Path;
import java.time.Instant;

import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import org.viewerbatch.imports.ImportRun;
import org.viewerbatch.imports.ImportRun.JobOptions;

/** The file and the options every import command shares (a picocli mixin). */
final class ImportOptions {

	@Parameters(index = "0", paramLabel = "FILE", description = "The CSV file to import.")
	Path file;

	@Option(names = "--dry-run", description = "Plan only: read the workspace, write FILE.plan.csv (the calls each row "
			+ "needs, the number of requests and the time at the rate limit); send no write.")
	boolean dryRun;

	@Option(names = "--results", paramLabel = "PATH",
			description = { "Where to write the results; default:", "FILE.results.csv" })
	Path results;

	@Option(names = "--rejects", paramLabel = "PATH",
			description = { "Where to write the rejected rows; default:", "FILE.rejects.csv" })
	Path rejects;

	@Option(names = "--plan", paramLabel = "PATH",
			description = { "Where --dry-run writes the plan; default:", "FILE.plan.csv" })
	Path plan;

	@Option(names = "--report", paramLabel = "PATH",
			description = { "Where to write the run's HTML report; default:", "FILE.report.html" })
	Path report;

	@Option(names = "--skip-limit", paramLabel = "N", description = "Stop the run when more than N rows are rejected "
			+ "(default: no limit; the same API refusal 5 rows in a row stops it anyway).")
	Long skipLimit;

	@Option(names = "--chunk-size", paramLabel = "N", description = "Rows per transaction of the job repository; a "
			+ "restart resumes after the last whole chunk (default: about 20 s of requests at the rate limit, at least "
			+ "20: 20 at 60/min, 1000 at 6000/min).")
	Integer chunkSize;

	@Option(names = "--delimiter", paramLabel = "CHAR",
			description = "',' ';' 'tab', or 'auto' (default: detected " + "from the header line).")
	String delimiter;

	@Option(names = "--encoding", paramLabel = "CHARSET", description = "The file's encoding when it has no byte order "
			+ "mark (default: UTF-8; e.g. windows-1252 for old Excel files).")
	String encoding;

	@Option(names = "--map", paramLabel = "SPEC", description = "Rename source columns to the columns above, e.g. "
			+ "\"E-mail Address=email,Given Name=firstname\".")
	String map;

	@Option(names = "--project-map", paramLabel = "FILE", description = "A CSV file with the header from,to that "
			+ "rewrites the file's project ids (e.g. 101,201), to move viewers from another workspace; a row with a "
			+ "project the map does not name is rejected.")
	Path projectMap;

	@Option(names = "--rerun", description = "Import the file again although it was imported completely before.")
	boolean rerun;

	/**
	 * The run these options ask for, with the job's own options.
	 * @throws IllegalArgumentException when an option is not valid
	 */
	<O extends JobOptions> ImportRun<O> run(Settings settings, O jobOptions) {
		return new ImportRun<>(this.file, settings.workspaceId(), settings.apiUrl(), this.dryRun ? Instant.now() : null,
				this.results, this.rejects, this.plan, this.report, this.skipLimit, this.chunkSize, this.delimiter,
				this.encoding, this.map, this.projectMap, jobOptions);
	}

}
