package org.viewerbatch.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.context.ApplicationContext;

/** Runs {@link TestJobConfiguration}'s job the way the real job commands run theirs. */
@Command(name = "test-job", description = "A job for tests.")
class TestJobCommand extends JobCommand {

	@Option(names = "--outcome", defaultValue = "ok")
	String outcome;

	@Option(names = "--offline", description = "needs no token or workspace")
	boolean offline;

	@Option(names = "--rerun")
	boolean rerun;

	@Override
	protected String jobName() {
		return TestJobConfiguration.JOB;
	}

	@Override
	protected JobParameters jobParameters(Settings run, ApplicationContext context) {
		JobParametersBuilder parameters = new JobParametersBuilder().addString("outcome", this.outcome)
			.addString("api.url", String.valueOf(run.apiUrl()));
		if (run.workspaceId() != null) {
			parameters.addLong("workspace.id", run.workspaceId());
		}
		return parameters.toJobParameters();
	}

	@Override
	protected boolean needsApi() {
		return !this.offline;
	}

	@Override
	protected boolean rerun() {
		return this.rerun;
	}

}
