package org.viewerbatch.imports;

import java.util.Map;
import java.util.Set;

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
import org.viewerbatch.imports.ViewerRow.Action;

/**
 * The {@code import-viewers} job: check the file ({@code importViewersCheck}), then plan
 * and apply every row ({@code importViewersApply}). The steps are job-scoped so that each
 * run (and each restart) gets its own reader, writer memory and files, built from its job
 * parameters.
 */
@Configuration(proxyBeanMethods = false)
public class ImportViewersJobConfiguration {

	/**
	 * Job parameter: {@code true} to unassign the projects a row does not list
	 * (identifying).
	 */
	public static final String SYNC_PROJECTS = "sync.projects";

	/** Job parameter: {@code true} when --allow-delete was given. */
	public static final String ALLOW_DELETE = "allow.delete";

	/** Job parameter: the most {@code action=delete} rows the run may archive. */
	public static final String MAX_DELETES = "max.deletes";

	/** Without --max-deletes, a file that archives more viewers than this is refused. */
	public static final long DEFAULT_MAX_DELETES = 50;

	static final Set<String> REQUIRED_COLUMNS = Set.of("email");

	@Bean
	Job importViewersJob(JobRepository jobRepository, Step importViewersCheck, Step importViewersApply) {
		return new JobBuilder("importViewersJob", jobRepository).start(importViewersCheck)
			.next(importViewersApply)
			.build();
	}

	@Bean
	@JobScope
	Step importViewersCheck(ImportSteps steps, @Value("#{jobParameters}") Map<String, Object> parameters) {
		ImportSettings settings = ImportSettings.of(parameters);
		boolean allowDelete = Boolean.parseBoolean(ImportSettings.string(parameters, ALLOW_DELETE, "false"));
		long maxDeletes = ImportSettings.number(parameters, MAX_DELETES, DEFAULT_MAX_DELETES);
		return steps.checkStep("importViewersCheck", fileCheck(settings),
				file -> guardDeletes(settings, file, allowDelete, maxDeletes));
	}

	@Bean
	@JobScope
	Step importViewersApply(ImportSteps steps, WebWorkClient client,
			@Value("#{jobParameters}") Map<String, Object> parameters) {
		ImportSettings settings = ImportSettings.of(parameters);
		boolean syncProjects = Boolean.parseBoolean(ImportSettings.string(parameters, SYNC_PROJECTS, "false"));
		FileCheck<ViewerRow> check = fileCheck(settings);
		ImportBasis<ViewerRow> basis = new ImportBasis<>(check::run,
				() -> WorkspaceSnapshot.load(client, settings.workspaceId()));
		ViewerRowPlanner planner = new ViewerRowPlanner(basis, syncProjects);
		String title = "import-viewers " + settings.inputFile().getFileName() + " into workspace "
				+ settings.workspaceId();
		return steps.applyStep("importViewersApply", title, settings, REQUIRED_COLUMNS, basis, planner, planner);
	}

	private static FileCheck<ViewerRow> fileCheck(ImportSettings settings) {
		return new FileCheck<>(() -> settings.reader("importViewersCheckReader", REQUIRED_COLUMNS),
				new ViewerRowParser(settings.projectMap()), row -> WorkspaceSnapshot.key(row.email()));
	}

	/**
	 * Archiving is the one thing an import cannot undo by itself, so it needs to be asked
	 * for, and bounded.
	 */
	static void guardDeletes(ImportSettings settings, CheckedFile<ViewerRow> file, boolean allowDelete,
			long maxDeletes) {
		var deletes = file.valid().values().stream().filter(row -> row.action() == Action.DELETE).toList();
		if (deletes.isEmpty()) {
			return;
		}
		long firstLine = deletes.stream().mapToLong(ViewerRow::line).min().orElse(0);
		if (!allowDelete) {
			throw new InputFileException(settings.inputFile(), firstLine, deletes.size()
					+ " rows have action=delete (this is the first); archiving viewers needs --allow-delete");
		}
		if (deletes.size() > maxDeletes) {
			throw new InputFileException(settings.inputFile(), 0,
					deletes.size() + " rows have action=delete, more than --max-deletes " + maxDeletes
							+ "; check the file, or raise --max-deletes to run it");
		}
	}

}
