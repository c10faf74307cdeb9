package org.viewerbatch.imports;

import java.util.Locale;
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
import org.viewerbatch.imports.ImportRun.AssignmentOptions;

/**
 * The {@code import-assignments} job: check the file ({@code importAssignmentsCheck}),
 * then plan and apply every row ({@code importAssignmentsApply}), on the import steps
 * with its own rows, parser, guard and planner.
 */
@Configuration(proxyBeanMethods = false)
public class ImportAssignmentsJobConfiguration {

	static final ImportJobDefinition<AssignmentRow, AssignmentOptions> DEFINITION = new ImportJobDefinition<>(
			AssignmentOptions.JOB, Set.of("project_id"), AssignmentOptions::from, AssignmentRowParser::new,
			row -> row.viewerKey() + "/" + row.projectId(), ImportAssignmentsJobConfiguration::guardFile,
			run -> new AssignmentRowPlanner(run.workspaceId(), run.options().sync(), run.options().maxUnassigns(),
					run.file()));

	@Bean
	Job importAssignmentsJob(ImportSteps steps, Step importAssignmentsCheck, Step importAssignmentsApply,
			Step importAssignmentsPublish) {
		return steps.job(DEFINITION, importAssignmentsCheck, importAssignmentsApply, importAssignmentsPublish);
	}

	@Bean
	@JobScope
	Step importAssignmentsCheck(ImportSteps steps, @Value("#{jobParameters}") Map<String, Object> parameters) {
		return steps.checkStep(DEFINITION, parameters);
	}

	@Bean
	@JobScope
	Step importAssignmentsApply(ImportSteps steps, @Value("#{jobParameters}") Map<String, Object> parameters) {
		return steps.applyStep(DEFINITION, parameters);
	}

	@Bean
	@JobScope
	Step importAssignmentsPublish(ImportSteps steps, @Value("#{jobParameters}") Map<String, Object> parameters) {
		return steps.publishStep(DEFINITION, parameters);
	}

	static void guardFile(ImportRun<AssignmentOptions> run, CheckedFile<AssignmentRow> file) {
		requireViewerColumn(run, file);
		if (run.options().sync()) {
			refuseRejectsFile(run, file);
		}
	}

	/**
	 * A rejects file holds only the rejected rows of a viewer: --sync would take away
	 * every project the other rows of the original file gave it.
	 */
	private static void refuseRejectsFile(ImportRun<AssignmentOptions> run, CheckedFile<AssignmentRow> file) {
		Set<String> header = file.header()
			.stream()
			.map(name -> name.trim().toLowerCase(Locale.ROOT))
			.collect(Collectors.toSet());
		if (header.containsAll(ResultFiles.REJECT_COLUMNS)) {
			throw new InputFileException(run.file(), 1, "this is a rejects file: it lists only the rows that"
					+ " were rejected, so --sync would unassign the projects the other rows gave their viewers; import it"
					+ " without --sync (or run --sync with the whole corrected file)");
		}
	}

	/**
	 * A row names its viewer by email or by id, so the file needs one of the two columns.
	 */
	private static void requireViewerColumn(ImportRun<AssignmentOptions> run, CheckedFile<AssignmentRow> file) {
		if (!file.columns().contains("email") && !file.columns().contains("viewer_id")) {
			throw new InputFileException(run.file(), 1, "missing column 'email' (or 'viewer_id'); found "
					+ file.header() + "; use --map \"Your Column=email\"");
		}
	}

}
