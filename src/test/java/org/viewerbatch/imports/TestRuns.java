package org.viewerbatch.imports;

import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;

import org.viewerbatch.imports.ImportRun.AssignmentOptions;
import org.viewerbatch.imports.ImportRun.JobOptions;
import org.viewerbatch.imports.ImportRun.ViewerOptions;

/**
 * Import runs for the job tests: a test gives the shared options, and the job's own
 * options, the workspace, the API and the time are set when it runs the job.
 */
final class TestRuns {

	static final URI NO_API = URI.create("http://127.0.0.1:1/api/v2/");

	static final ViewerOptions VIEWERS = new ViewerOptions(false, false, ViewerOptions.DEFAULT_MAX_DELETES, false);

	static final AssignmentOptions ASSIGNMENTS = new AssignmentOptions(false, AssignmentOptions.DEFAULT_MAX_UNASSIGNS);

	private TestRuns() {
	}

	/** Every shared option at its default. */
	static ImportRun<ViewerOptions> of(Path file) {
		return new ImportRun<>(file, 1, NO_API, null, null, null, null, null, null, null, null, null, null, null,
				VIEWERS);
	}

	/** {@code run}'s shared options for a run of another job, workspace or API. */
	static <O extends JobOptions> ImportRun<O> with(ImportRun<?> run, long workspaceId, URI apiUrl, Instant now,
			O options) {
		return new ImportRun<>(run.file(), workspaceId, apiUrl, run.dryRun() ? now : null, run.results(), run.rejects(),
				run.plan(), null, run.skipLimit(), run.chunkSize(), run.delimiter(), run.encoding(), run.columnMap(),
				run.projectMap(), options);
	}

}
