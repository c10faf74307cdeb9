package org.viewerbatch.imports;

import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.viewerbatch.imports.FileCheck.RowParser;
import org.viewerbatch.imports.ImportRun.JobOptions;

/**
 * What makes one import job different from the other: its name, its row type and how a
 * CSV row becomes one, what makes two rows duplicates, the guard that may refuse the
 * whole file, and its planner. {@link ImportSteps} builds the job and its two steps from
 * it.
 *
 * @param jobName the Job bean's name ({@code importViewersJob}); its steps are
 * {@code importViewersCheck} and {@code importViewersApply}
 * @param options reads the job's own options back from its job parameters
 * @param parser a parser for the run's project map
 * @param duplicateKey the key two rows must not share ({@code null}: never a duplicate)
 * @param planner a planner for the run
 */
record ImportJobDefinition<R, O extends JobOptions>(String jobName, Set<String> requiredColumns,
		Function<Map<String, Object>, O> options, Function<ProjectMap, RowParser<R>> parser,
		Function<R, String> duplicateKey, Guard<R, O> guard, Function<ImportRun<O>, RowPlanner<R>> planner) {

	/**
	 * Looks at the whole checked file before any request and refuses the run with an
	 * {@code InputFileException} (e.g. deletes without --allow-delete).
	 */
	@FunctionalInterface
	interface Guard<R, O extends JobOptions> {

		void check(ImportRun<O> run, CheckedFile<R> file);

	}

	/**
	 * {@code importViewers} + {@code Check}: the names of the job's steps and readers.
	 */
	String stepName(String suffix) {
		return this.jobName.replaceFirst("Job$", "") + suffix;
	}

	ImportRun<O> run(Map<String, Object> parameters) {
		return ImportRun.from(parameters, this.options);
	}

	/** A check of the run's file, to be run at every step start. */
	FileCheck<R> fileCheck(ImportRun<O> run) {
		return new FileCheck<>(() -> run.reader(stepName("CheckReader"), this.requiredColumns),
				this.parser.apply(run.readProjectMap()), this.duplicateKey);
	}

}
