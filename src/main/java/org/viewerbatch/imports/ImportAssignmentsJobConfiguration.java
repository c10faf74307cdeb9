package org.viewerbatch.imports;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.batch.core.configuration.annotation.JobScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import org.viewerbatch.client.WebWorkClient;
import org.viewerbatch.csv.InputFileException;

/**
 * The {@code import-assignments} job: check the file ({@code importAssignmentsCheck}),
 * then plan and apply every row ({@code importAssignmentsApply}), on the same import
 * steps as import-viewers with its own rows, parser and planner.
 */
@Configuration(proxyBeanMethods = false)
public class ImportAssignmentsJobConfiguration {

	/**
	 * Job parameter: {@code true} to unassign the projects the file does not list for its
	 * viewers (identifying).
	 */
	public static final String SYNC = "sync.assignments";

	/** Job parameter: the most projects --sync may unassign. */
	public static final String MAX_UNASSIGNS = "max.unassigns";

	/**
	 * Without --max-unassigns, a --sync run that would unassign more projects than this
	 * is refused.
	 */
	public static final long DEFAULT_MAX_UNASSIGNS = 50;

	static final Set<String> REQUIRED_COLUMNS = Set.of("project_id");

	@Bean
	Job importAssignmentsJob(JobRepository jobRepository, Step importAssignmentsCheck, Step importAssignmentsApply) {
		return new JobBuilder("importAssignmentsJob", jobRepository).start(importAssignmentsCheck)
			.next(importAssignmentsApply)
			.build();
	}

	@Bean
	@JobScope
	Step importAssignmentsCheck(ImportSteps steps, @Value("#{jobParameters}") Map<String, Object> parameters) {
		ImportSettings settings = ImportSettings.of(parameters);
		boolean sync = Boolean.parseBoolean(ImportSettings.string(parameters, SYNC, "false"));
		return steps.checkStep("importAssignmentsCheck", fileCheck(settings), file -> {
			requireViewerColumn(settings, file);
			if (sync) {
				refuseRejectsFile(settings, file);
			}
		});
	}

	@Bean
	@JobScope
	Step importAssignmentsApply(ImportSteps steps, WebWorkClient client,
			@Value("#{jobParameters}") Map<String, Object> parameters) {
		ImportSettings settings = ImportSettings.of(parameters);
		boolean sync = Boolean.parseBoolean(ImportSettings.string(parameters, SYNC, "false"));
		long maxUnassigns = ImportSettings.number(parameters, MAX_UNASSIGNS, DEFAULT_MAX_UNASSIGNS);
		AssignmentRowPlanner planner = new AssignmentRowPlanner(settings.workspaceId(), sync, maxUnassigns,
				settings.inputFile());
		ImportBasis<AssignmentRow> basis = new ImportBasis<>(fileCheck(settings)::run,
				() -> WorkspaceSnapshot.load(client, settings.workspaceId()), planner::prepare);
		String title = "import-assignments " + settings.inputFile().getFileName() + " into workspace "
				+ settings.workspaceId();
		return steps.applyStep("importAssignmentsApply", title, settings, REQUIRED_COLUMNS, basis, planner, planner);
	}

	private static FileCheck<AssignmentRow> fileCheck(ImportSettings settings) {
		return new FileCheck<>(() -> settings.reader("importAssignmentsCheckReader", REQUIRED_COLUMNS),
				new AssignmentRowParser(settings.projectMap()), row -> row.viewerKey() + "/" + row.projectId());
	}

	/**
	 * A rejects file holds only the rejected rows of a viewer: --sync would take away
	 * every project the other rows of the original file gave it.
	 */
	static void refuseRejectsFile(ImportSettings settings, CheckedFile<AssignmentRow> file) {
		Set<String> header = file.header()
			.stream()
			.map(name -> name.trim().toLowerCase(Locale.ROOT))
			.collect(Collectors.toSet());
		if (header.containsAll(ResultFiles.REJECT_COLUMNS)) {
			throw new InputFileException(settings.inputFile(), 1, "this is a rejects file: it lists only the rows that"
					+ " were rejected, so --sync would unassign the projects the other rows gave their viewers; import it"
					+ " without --sync (or run --sync with the whole corrected file)");
		}
	}

	/**
	 * A row names its viewer by email or by id, so the file needs one of the two columns.
	 */
	static void requireViewerColumn(ImportSettings settings, CheckedFile<AssignmentRow> file) {
		if (!file.columns().contains("email") && !file.columns().contains("viewer_id")) {
			throw new InputFileException(settings.inputFile(), 1, "missing column 'email' (or 'viewer_id'); found "
					+ file.header() + "; use --map \"Your Column=email\"");
		}
	}

}
