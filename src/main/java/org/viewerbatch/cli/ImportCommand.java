package org.viewerbatch.cli;

import picocli.CommandLine.Mixin;

import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.context.ApplicationContext;

import org.viewerbatch.imports.ImportRun.JobOptions;

/**
 * A command that runs one of the import jobs: the file and the options every import
 * shares come from {@link ImportOptions}; a subclass adds its own options, help text and
 * job.
 */
abstract class ImportCommand<O extends JobOptions> extends JobCommand {

	@Mixin
	ImportOptions options;

	/**
	 * The options only this command's job has (it also names the job).
	 * @throws IllegalArgumentException when one is not valid
	 */
	protected abstract O jobOptions();

	@Override
	protected String jobName() {
		return jobOptions().jobName();
	}

	/**
	 * A bad option is a configuration error (exit 2); an unreadable file an input error.
	 */
	@Override
	protected JobParameters jobParameters(Settings settings, ApplicationContext context) {
		try {
			return this.options.run(settings, jobOptions()).toJobParameters();
		}
		catch (IllegalArgumentException ex) {
			throw new ConfigurationException(ex.getMessage());
		}
	}

	@Override
	protected boolean rerun() {
		return this.options.rerun;
	}

}
