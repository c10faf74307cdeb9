package org.viewerbatch.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;

import org.viewerbatch.imports.RunReport;
import org.viewerbatch.ledger.RunLedger;
import org.viewerbatch.runs.RunDetails;
import org.viewerbatch.terminal.TerminalText;

/**
 * {@code viewer-batch report EXECUTION_ID}: a past import's HTML report, rendered again
 * from the job repository and its ledger.
 */
@Command(name = "report", sortOptions = false, usageHelpAutoWidth = true,
		description = { "Write a past import's HTML report again (from the ledger).",
				"The report shows what became of every row, the invitations sent, the rejects by reason, the requests"
						+ " of every minute against the rate limit, the files and the options. It goes where the run"
						+ " wrote it (FILE.report.html beside the results, or the run's --report) unless --output names"
						+ " another file." },
		footerHeading = "%nExamples:%n",
		footer = { "  viewer-batch report 7",
				"      the report of run 7 (an ID of viewer-batch jobs), where run 7 wrote it",
				"  viewer-batch report 7 --output run-7.html", "      the same, into run-7.html", "", "Exit codes:",
				"  0  written", "  1  no such execution, not a completed import, the file cannot be written,",
				"     or the repository is unreachable or in use",
				"  2  bad option, or no run has used this repository" })
class ReportCommand implements Callable<Integer> {

	@Parameters(index = "0", paramLabel = "EXECUTION_ID", description = "The run (the ID column of viewer-batch jobs).")
	long executionId;

	@Option(names = "--output", paramLabel = "PATH", description = "Write the report here instead.")
	Path output;

	@ParentCommand
	ViewerBatchCommand root;

	@Spec
	CommandSpec spec;

	@Override
	public Integer call() {
		PrintWriter out = this.spec.commandLine().getOut();
		PrintWriter err = this.spec.commandLine().getErr();
		return RecordedRuns.read(this.root, err, (context) -> {
			Optional<JobExecution> execution = RunDetails.find(context.getBean(JobRepository.class), this.executionId);
			if (execution.isEmpty()) {
				err.println("viewer-batch: no execution " + this.executionId
						+ " in the job repository (viewer-batch jobs lists them)");
				return ExitCodes.FAILED;
			}
			try {
				Path written = RunReport.rewrite(execution.get(), context.getBean(RunLedger.class),
						(this.output != null) ? this.output.toAbsolutePath().normalize() : null);
				out.println("report: " + TerminalText.visible(written.toString()));
				return ExitCodes.OK;
			}
			catch (IllegalStateException ex) {
				err.println("viewer-batch: " + TerminalText.visible(ex.getMessage()));
				return ExitCodes.FAILED;
			}
		});
	}

}
