package org.viewerbatch.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import org.springframework.batch.core.repository.JobRepository;
import org.springframework.context.ConfigurableApplicationContext;

import org.viewerbatch.runs.JobRepositoryConfiguration;
import org.viewerbatch.runs.JobsReport;
import org.viewerbatch.runs.RepositoryLock;
import org.viewerbatch.runs.RepositoryLockedException;

/** {@code viewer-batch jobs}: the recent runs recorded in the job repository. */
@Command(name = "jobs", description = "List recent runs: status, counts, start, duration")
class JobsCommand implements Callable<Integer> {

	@Option(names = "--limit", paramLabel = "N", defaultValue = "20",
			description = "How many runs to list (default ${DEFAULT-VALUE}).")
	int limit;

	@ParentCommand
	ViewerBatchCommand root;

	@Spec
	CommandSpec spec;

	@Override
	public Integer call() {
		if (this.limit < 1) {
			throw new ParameterException(this.spec.commandLine(), "--limit must be at least 1");
		}
		Settings settings = this.root.settings();
		try (RepositoryLock lock = settings.repository().lock();
				ConfigurableApplicationContext context = this.root.context()
					.start(settings.properties(), JobRepositoryConfiguration.class)) {
			this.spec.commandLine()
				.getOut()
				.print(new JobsReport(context.getBean(JobRepository.class)).render(this.limit));
			return ExitCodes.OK;
		}
		catch (RepositoryLockedException ex) {
			this.spec.commandLine().getErr().println("viewer-batch: " + ex.getMessage());
			return ExitCodes.FAILED;
		}
	}

}
