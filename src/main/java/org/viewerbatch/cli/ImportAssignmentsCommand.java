package org.viewerbatch.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import org.viewerbatch.imports.ImportRun.AssignmentOptions;

/**
 * {@code import-assignments FILE}: assigns or unassigns one project per row for existing
 * viewers.
 */
@Command(name = "import-assignments", sortOptions = false, usageHelpAutoWidth = true,
		description = { "Assign or unassign one project per CSV row.",
				"Works on viewers the workspace already has: a row for an unknown viewer is rejected (import it with "
						+ "import-viewers first), and so is one for an archived viewer (import-viewers restores it). "
						+ "An assignment that already holds costs no request.",
				"",
				"Columns (header matched case-insensitively; others ignored): email or viewer_id (the email wins when "
						+ "both are there), project_id (required), action (assign, the default, or unassign). Rows for "
						+ "one viewer may be anywhere in the file.",
				"",
				"Every row ends in FILE.results.csv or, with its reason, in FILE.rejects.csv (which imports again as "
						+ "it is). A failed or killed run resumes when the same command is run again; a completed "
						+ "file is not imported twice unless --rerun." },
		footerHeading = "%nExamples:%n",
		footer = { "  viewer-batch import-assignments access.csv --dry-run",
				"  viewer-batch import-assignments access.csv --sync --max-unassigns 200",
				"  viewer-batch import-assignments A.csv --workspace 2 --project-map map.csv", "", "Exit codes:",
				"  0  done", "  1  failed or stopped part-way: run the same command to resume",
				"  2  bad file or option (nothing sent)", "  3  done, some rows rejected (see FILE.rejects.csv)",
				"  4  token refused (401/403)" })
class ImportAssignmentsCommand extends ImportCommand<AssignmentOptions> {

	@Option(names = "--sync", description = "For every viewer the file names, also unassign the projects the file "
			+ "does not list for it (the whole file counts, wherever the viewer's rows are).")
	boolean sync;

	@Option(names = "--max-unassigns", paramLabel = "N",
			description = "With --sync, refuse the run (before any write) "
					+ "if it would unassign more than N projects the file does not list (default: ${DEFAULT-VALUE}).",
			defaultValue = "" + AssignmentOptions.DEFAULT_MAX_UNASSIGNS)
	long maxUnassigns;

	@Override
	protected AssignmentOptions jobOptions() {
		return new AssignmentOptions(this.sync, this.maxUnassigns);
	}

}
