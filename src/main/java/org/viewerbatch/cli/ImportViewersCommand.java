package org.viewerbatch.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import org.viewerbatch.imports.ImportRun.ViewerOptions;

/**
 * {@code import-viewers FILE}: upserts viewers by email, restores archived ones, assigns
 * projects; archives on request.
 */
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
				"  viewer-batch import-viewers crm.csv --map \"E-mail=email,Name=firstname\"",
				"  viewer-batch import-viewers offboarding.csv --allow-delete --max-deletes 200",
				"  viewer-batch import-viewers roster.csv --archive-missing --allow-delete",
				"  viewer-batch import-viewers A.csv --workspace 2 --project-map map.csv", "", "Exit codes:",
				"  0  done", "  1  failed or stopped part-way: run the same command to resume",
				"  2  bad file or option (nothing sent)", "  3  done, some rows rejected (see FILE.rejects.csv)",
				"  4  token refused (401/403)" })
class ImportViewersCommand extends ImportCommand<ViewerOptions> {

	@Option(names = "--sync-projects", description = "Also unassign the projects a row does not list (rows of a file "
			+ "without a projects column keep their projects).")
	boolean syncProjects;

	@Option(names = "--allow-delete", description = "Allow rows with action=delete (they archive the viewer).")
	boolean allowDelete;

	@Option(names = "--max-deletes", paramLabel = "N",
			description = "Refuse the file if it archives more than N " + "viewers (default: ${DEFAULT-VALUE}).",
			defaultValue = "" + ViewerOptions.DEFAULT_MAX_DELETES)
	long maxDeletes;

	@Option(names = "--archive-missing", description = "The file is the whole roster: also archive every active "
			+ "viewer it does not name (needs --allow-delete; counts against --max-deletes, checked before any write; "
			+ "a viewer on a rejected row is kept).")
	boolean archiveMissing;

	@Override
	protected ViewerOptions jobOptions() {
		return new ViewerOptions(this.syncProjects, this.allowDelete, this.maxDeletes, this.archiveMissing);
	}

}
