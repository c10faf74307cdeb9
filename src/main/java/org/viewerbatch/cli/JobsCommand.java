package org.viewerbatch.cli;

import java.io.PrintWriter;
import java.time.ZoneId;
import java.util.Optional;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import org.springframework.batch.core.repository.JobRepository;

import org.viewerbatch.ledger.RunLedger;
import org.viewerbatch.runs.JobsReport;
import org.viewerbatch.runs.RunDetails;
import org.viewerbatch.runs.ViewerHistory;

/**
 * {@code viewer-batch jobs}: the recent runs recorded in the job repository, one run in
 * detail, or every change made to one viewer.
 */
@Command(name = "jobs", sortOptions = false, usageHelpAutoWidth = true,
		description = { "List recent runs: status, counts, start, duration.",
				"With EXECUTION_ID: that run in detail: command, status, times, options, files, what became of its"
						+ " rows, and every change it sent to the API (time, line, email, viewer, operation, result,"
						+ " answer), in the order sent.",
				"With --email: every change any run sent for that viewer, newest first, with the run, its command"
						+ " and its input file: who invited this person, when, from which file." },
		footerHeading = "%nExamples:%n",
		footer = { "  viewer-batch jobs 7", "      run 7 in detail, with the first 200 changes it sent",
				"  viewer-batch jobs --email ann@example.com",
				"      who invited ann@example.com, when, from which file; and every change since", "", "Exit codes:",
				"  0  shown", "  1  no such execution, or the repository is unreachable or in use",
				"  2  bad option, or no run has used this repository" })
class JobsCommand implements Callable<Integer> {

	private static final int DEFAULT_RUN_LIMIT = 20;

	@Parameters(index = "0", arity = "0..1", paramLabel = "EXECUTION_ID",
			description = "Show this run in detail (the ID column of the list).")
	Long executionId;

	@Option(names = "--email", paramLabel = "ADDRESS",
			description = "Show every change sent for this viewer (matched trimmed, in any case).")
	String email;

	@Option(names = "--limit", paramLabel = "N",
			description = { "How many runs to list (default " + DEFAULT_RUN_LIMIT + "), changes of a run to show"
					+ " (default " + RunDetails.DEFAULT_CHANGE_LIMIT + "), or changes of a viewer (default all)." })
	Integer limit;

	@ParentCommand
	ViewerBatchCommand root;

	@Spec
	CommandSpec spec;

	@Override
	public Integer call() {
		if (this.limit != null && this.limit < 1) {
			throw new ParameterException(this.spec.commandLine(), "--limit must be at least 1");
		}
		if (this.executionId != null && this.email != null) {
			throw new ParameterException(this.spec.commandLine(), "give EXECUTION_ID or --email, not both");
		}
		if (this.email != null && this.email.isBlank()) {
			throw new ParameterException(this.spec.commandLine(), "--email needs an address");
		}
		PrintWriter out = this.spec.commandLine().getOut();
		return RecordedRuns.read(this.root, this.spec.commandLine().getErr(), (context) -> {
			JobRepository jobRepository = context.getBean(JobRepository.class);
			RunLedger ledger = context.getBean(RunLedger.class);
			if (this.executionId != null) {
				return details(new RunDetails(jobRepository, ledger, ZoneId.systemDefault()), out);
			}
			if (this.email != null) {
				out.print(new ViewerHistory(jobRepository, ledger, ZoneId.systemDefault()).render(this.email,
						limit(Integer.MAX_VALUE)));
				return ExitCodes.OK;
			}
			out.print(new JobsReport(jobRepository).render(limit(DEFAULT_RUN_LIMIT)));
			return ExitCodes.OK;
		});
	}

	private int details(RunDetails details, PrintWriter out) {
		Optional<String> text = details.render(this.executionId, limit(RunDetails.DEFAULT_CHANGE_LIMIT));
		if (text.isEmpty()) {
			this.spec.commandLine()
				.getErr()
				.println("viewer-batch: no execution " + this.executionId
						+ " in the job repository (viewer-batch jobs lists them)");
			return ExitCodes.FAILED;
		}
		out.print(text.get());
		return ExitCodes.OK;
	}

	private int limit(int fallback) {
		return (this.limit != null) ? this.limit : fallback;
	}

}
