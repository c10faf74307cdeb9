package org.viewerbatch.imports;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import org.viewerbatch.ledger.Outcome;
import org.viewerbatch.ledger.RecordedRows;
import org.viewerbatch.ledger.RunLedger;
import org.viewerbatch.runs.FreshOutcome;

/**
 * The last step of an import: renders the results and rejects files (or a dry run's plan)
 * from the ledger, complete across every execution of the job, and the summary. A file
 * that cannot be written fails the step, so the run is not complete: the same command
 * runs this step again, and nothing else.
 */
final class PublishTasklet implements Tasklet {

	private final ImportRun<?> run;

	private final RunLedger ledger;

	private final Clock clock;

	private final int rateLimit;

	PublishTasklet(ImportRun<?> run, RunLedger ledger, Clock clock, int rateLimit) {
		this.run = run;
		this.ledger = ledger;
		this.clock = clock;
		this.rateLimit = rateLimit;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
		JobExecution job = contribution.getStepExecution().getJobExecution();
		ExecutionContext jobContext = job.getExecutionContext();
		RecordedRows rows = RecordedRows.of(this.ledger, job.getJobInstance().getInstanceId());
		ImportTally tally = ImportTally.of(rows);
		ApplyFacts facts = ApplyFacts.of(jobContext);
		List<String> lines = new ArrayList<>();
		lines.add(
				this.run.title() + (this.run.dryRun() ? " (dry run: nothing sent but the reads)" : "") + ": completed");
		lines.add(ImportSummary.counts(tally, CheckedInput.rows(jobContext), true));
		lines.addAll(CheckedInput.renamed(jobContext));
		if (facts.appliedBy(job)) {
			lines.add(ImportSummary.requests(facts.requests(), facts.rateLimited(),
					Duration.between(facts.started(), this.clock.instant())));
		}
		else {
			lines.add("nothing sent: execution " + facts.executionId()
					+ " applied the rows; this run wrote the files (requests sent " + facts.requests() + ")");
		}
		if (this.run.dryRun()) {
			List<String> plan = ImportSummary.plan(tally, facts.snapshotRequests(), this.rateLimit);
			lines.addAll(plan);
			List<String> fileSummary = new ArrayList<>(List.of(lines.get(1)));
			fileSummary.addAll(CheckedInput.renamed(jobContext));
			fileSummary.addAll(plan);
			lines.addAll(new PlanFile(this.run.plan()).publish(rows, fileSummary));
		}
		else {
			lines.addAll(new ResultFiles(this.run.results(), this.run.rejects()).publish(rows,
					CheckedInput.header(jobContext)));
		}
		lines.add(RunReport.publish(this.run, job, rows, facts, this.rateLimit, this.clock.instant()));
		jobContext.putString(FreshOutcome.SUMMARY, String.join("\n", lines));
		long rejected = tally.count(Outcome.REJECTED);
		if (rejected > 0) {
			contribution
				.setExitStatus(new ExitStatus(ImportStepListener.COMPLETED_WITH_REJECTS, rejected + " rows rejected"));
		}
		return RepeatStatus.FINISHED;
	}

}
