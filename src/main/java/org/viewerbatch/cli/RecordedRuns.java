package org.viewerbatch.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.ToIntFunction;

import org.springframework.context.ConfigurableApplicationContext;

import org.viewerbatch.runs.JobRepositoryConfiguration;
import org.viewerbatch.runs.RepositoryLock;
import org.viewerbatch.runs.RepositoryLockedException;
import org.viewerbatch.runs.RepositoryUnreachableException;
import org.viewerbatch.terminal.TerminalText;

/**
 * The job repository opened for a command that only reads what runs recorded
 * ({@code jobs}, {@code report}): never made where none exists, checked to be reachable,
 * and shared with nobody who writes it.
 */
final class RecordedRuns {

	private RecordedRuns() {
	}

	/**
	 * Runs {@code command} with the job repository's context and returns its exit code; a
	 * repository no run has used exits 2, one unreachable or in use exits 1, in one line
	 * on {@code err}.
	 */
	static int read(ViewerBatchCommand root, PrintWriter err, ToIntFunction<ConfigurableApplicationContext> command) {
		Settings settings = root.settings();
		Optional<Path> missing = settings.repository().missingDatabase();
		if (missing.isPresent()) {
			// reading runs must not make an empty repository where the user mistyped a
			// path
			err.println("viewer-batch: no job repository in " + TerminalText.visible(missing.get().toString())
					+ ": no run has used it (--job-repository, VIEWER_BATCH_JOB_REPOSITORY or VIEWER_BATCH_HOME"
					+ " name the one your runs use)");
			return ExitCodes.USAGE;
		}
		try {
			settings.repository().probe();
		}
		catch (RepositoryUnreachableException ex) {
			err.println("viewer-batch: " + TerminalText.visible(ex.getMessage()));
			return ExitCodes.FAILED;
		}
		try (RepositoryLock lock = settings.repository().lock();
				ConfigurableApplicationContext context = root.context()
					.start(settings.properties(), JobRepositoryConfiguration.class)) {
			return command.applyAsInt(context);
		}
		catch (RepositoryLockedException ex) {
			err.println("viewer-batch: " + TerminalText.visible(ex.getMessage()));
			return ExitCodes.FAILED;
		}
	}

}
