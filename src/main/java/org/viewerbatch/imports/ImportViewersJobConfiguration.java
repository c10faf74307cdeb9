package org.viewerbatch.imports;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.batch.core.configuration.annotation.JobScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.step.Step;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import org.viewerbatch.csv.InputFileException;
import org.viewerbatch.imports.ImportRun.ViewerOptions;
import org.viewerbatch.imports.ViewerRow.Action;

/**
 * The {@code import-viewers} job: check the file ({@code importViewersCheck}), then plan
 * and apply every row ({@code importViewersApply}), on the import steps with its own
 * rows, parser, guard and planner.
 */
@Configuration(proxyBeanMethods = false)
public class ImportViewersJobConfiguration {

	/** The most lines a refusal names. */
	private static final int LINES_NAMED = 20;

	static final ImportJobDefinition<ViewerRow, ViewerOptions> DEFINITION = new ImportJobDefinition<>(ViewerOptions.JOB,
			Set.of("email"), ViewerOptions::from, ViewerRowParser::new, row -> WorkspaceSnapshot.key(row.email()),
			ImportViewersJobConfiguration::guardFile,
			run -> new ViewerRowPlanner(run.options().syncProjects(), run.options().undo(),
					run.options().archiveMissing() ? new ViewerRowPlanner.Roster(run.file(), run.options().maxDeletes())
							: null));

	@Bean
	Job importViewersJob(ImportSteps steps, Step importViewersCheck, Step importViewersApply,
			Step importViewersPublish) {
		return steps.job(DEFINITION, importViewersCheck, importViewersApply, importViewersPublish);
	}

	@Bean
	@JobScope
	Step importViewersCheck(ImportSteps steps, @Value("#{jobParameters}") Map<String, Object> parameters) {
		return steps.checkStep(DEFINITION, parameters);
	}

	@Bean
	@JobScope
	Step importViewersApply(ImportSteps steps, @Value("#{jobParameters}") Map<String, Object> parameters) {
		return steps.applyStep(DEFINITION, parameters);
	}

	@Bean
	@JobScope
	Step importViewersPublish(ImportSteps steps, @Value("#{jobParameters}") Map<String, Object> parameters) {
		return steps.publishStep(DEFINITION, parameters);
	}

	/**
	 * Refuses a file before any request when its deletes or its roster are not safe to
	 * run.
	 */
	static void guardFile(ImportRun<ViewerOptions> run, CheckedFile<ViewerRow> file) {
		if (run.options().archiveMissing()) {
			guardRoster(run, file);
		}
		guardDeletes(run, file);
	}

	/**
	 * A roster keeps every viewer it names, on a valid row or a rejected one; a row whose
	 * email cannot be read may be the one that keeps someone, so --archive-missing would
	 * archive them.
	 */
	private static void guardRoster(ImportRun<ViewerOptions> run, CheckedFile<ViewerRow> file) {
		if (file.unreadEmails().isEmpty()) {
			return;
		}
		List<Long> lines = file.unreadEmails().stream().sorted().toList();
		String named = lines.stream()
			.limit(LINES_NAMED)
			.map(String::valueOf)
			.collect(Collectors.joining(", ", (lines.size() > 1) ? "lines " : "line ",
					(lines.size() > LINES_NAMED) ? " and " + (lines.size() - LINES_NAMED) + " more" : ""));
		boolean one = lines.size() == 1;
		throw new InputFileException(run.file(), 0,
				named + ": the email cannot be read, so --archive-missing cannot know whom "
						+ (one ? "this row keeps" : "these rows keep") + "; correct " + (one ? "it" : "them")
						+ " (or drop --archive-missing)");
	}

	/**
	 * Archiving is the one thing an import cannot undo by itself, so it needs to be asked
	 * for, and bounded.
	 */
	private static void guardDeletes(ImportRun<ViewerOptions> run, CheckedFile<ViewerRow> file) {
		var deletes = file.valid().values().stream().filter(row -> row.action() == Action.DELETE).toList();
		if (deletes.isEmpty()) {
			return;
		}
		long firstLine = deletes.stream().mapToLong(ViewerRow::line).min().orElse(0);
		if (!run.options().allowDelete()) {
			throw new InputFileException(run.file(), firstLine, deletes.size()
					+ " rows have action=delete (this is the first); archiving viewers needs --allow-delete");
		}
		long maxDeletes = run.options().maxDeletes();
		if (deletes.size() > maxDeletes) {
			throw new InputFileException(run.file(), 0,
					deletes.size() + " rows have action=delete, more than --max-deletes " + maxDeletes
							+ "; check the file, or raise --max-deletes to run it");
		}
	}

}
