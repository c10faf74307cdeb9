package org.viewerbatch.imports;

import java.util.Map;
import java.util.Set;

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

	static final ImportJobDefinition<ViewerRow, ViewerOptions> DEFINITION = new ImportJobDefinition<>(ViewerOptions.JOB,
			Set.of("email"), ViewerOptions::from, ViewerRowParser::new, row -> WorkspaceSnapshot.key(row.email()),
			ImportViewersJobConfiguration::guardDeletes,
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
	 * Archiving is the one thing an import cannot undo by itself, so it needs to be asked
	 * for, and bounded.
	 */
	static void guardDeletes(ImportRun<ViewerOptions> run, CheckedFile<ViewerRow> file) {
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
