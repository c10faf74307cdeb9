package org.viewerbatch.imports;

import java.time.Clock;
import java.util.Map;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.listener.StepListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

import org.viewerbatch.apply.ChunkSizing;
import org.viewerbatch.apply.DeferredRows;
import org.viewerbatch.apply.PlanWriter;
import org.viewerbatch.apply.RejectionStreak;
import org.viewerbatch.apply.RowPlan;
import org.viewerbatch.client.ApiProperties;
import org.viewerbatch.client.RequestPacer;
import org.viewerbatch.client.Sleeper;
import org.viewerbatch.client.WebWorkClient;
import org.viewerbatch.csv.CsvRow;
import org.viewerbatch.imports.ImportRun.JobOptions;
import org.viewerbatch.ledger.RunLedger;
import org.viewerbatch.runs.FreshOutcome;
import org.viewerbatch.runs.StopRequest;

/**
 * Builds every import job from its {@link ImportJobDefinition}: a check of the whole file
 * before any request, the fault-tolerant apply step (snapshot, plan, apply, each row's
 * fate into the run ledger), then the files rendered from the ledger. The steps are
 * job-scoped beans of the job's configuration, so that each run (and each restart) gets
 * its own reader, writer memory and files, built from its job parameters.
 */
@Component
class ImportSteps {

	/**
	 * The same refusal for this many rows in a row stops the job (see
	 * {@link RejectionStreak}).
	 */
	static final int SYSTEMATIC_REFUSALS = 5;

	private final JobRepository jobRepository;

	private final PlatformTransactionManager transactionManager;

	private final WebWorkClient client;

	private final RequestPacer pacer;

	private final Clock clock;

	private final Sleeper sleeper;

	private final ApiProperties api;

	private final StopRequest stop;

	private final RunLedger ledger;

	ImportSteps(JobRepository jobRepository, PlatformTransactionManager transactionManager, WebWorkClient client,
			RequestPacer pacer, Clock clock, Sleeper sleeper, ApiProperties api, StopRequest stop, RunLedger ledger) {
		this.jobRepository = jobRepository;
		this.transactionManager = transactionManager;
		this.client = client;
		this.pacer = pacer;
		this.clock = clock;
		this.sleeper = sleeper;
		this.api = api;
		this.stop = stop;
		this.ledger = ledger;
	}

	/**
	 * The --chunk-size given, else as many rows as take a few seconds at the rate limit.
	 */
	private int chunkSize(ImportRun<?> run) {
		return (run.chunkSize() != null) ? run.chunkSize() : ChunkSizing.forRate(this.api.rateLimit());
	}

	/**
	 * The job: check the whole file, plan and apply every row, then write the files from
	 * the ledger.
	 */
	Job job(ImportJobDefinition<?, ?> definition, Step check, Step apply, Step publish) {
		return new JobBuilder(definition.jobName(), this.jobRepository).listener(new FreshOutcome())
			.start(check)
			.next(apply)
			.next(publish)
			.build();
	}

	/**
	 * The step that renders the results and rejects files (or the plan) and the summary
	 * from the ledger.
	 */
	<R, O extends JobOptions> Step publishStep(ImportJobDefinition<R, O> definition, Map<String, Object> parameters) {
		ImportRun<O> run = definition.run(parameters);
		return new StepBuilder(definition.stepName("Publish"), this.jobRepository)
			.tasklet(new PublishTasklet(run, this.ledger, this.clock, this.api.rateLimit()), this.transactionManager)
			.build();
	}

	/**
	 * The step that reads and judges the whole file before any request, and applies the
	 * job's guard.
	 */
	<R, O extends JobOptions> Step checkStep(ImportJobDefinition<R, O> definition, Map<String, Object> parameters) {
		ImportRun<O> run = definition.run(parameters);
		FileCheck<R> check = definition.fileCheck(run);
		return new StepBuilder(definition.stepName("Check"), this.jobRepository)
			.tasklet(new CheckFileTasklet<>(check, file -> definition.guard().check(run, file)),
					this.transactionManager)
			.build();
	}

	/**
	 * The step that plans each row against a fresh snapshot and applies (or, in a dry
	 * run, lists) the plans.
	 */
	<R, O extends JobOptions> Step applyStep(ImportJobDefinition<R, O> definition, Map<String, Object> parameters) {
		ImportRun<O> run = definition.run(parameters);
		String name = definition.stepName("Apply");
		RowPlanner<R> planner = definition.planner().apply(run);
		ImportBasis<R> basis = new ImportBasis<>(definition.fileCheck(run)::run,
				() -> WorkspaceSnapshot.load(this.client, run.workspaceId()), planner::prepare);
		ImportProgress progress = new ImportProgress(run.title(), this.client, this.clock);
		StepLedger ledger = new StepLedger(this.ledger, this.clock, progress::rowDone);
		DeferredRows deferred = new DeferredRows(this.clock, this.sleeper, this.stop);
		ItemWriter<RowPlan> writer = run.dryRun() ? (chunk) -> chunk.forEach(ledger::planned)
				: new PlanWriter(this.client, run.workspaceId(), planner, this.api.concurrency(), ledger,
						new RejectionStreak(SYSTEMATIC_REFUSALS), this.stop, deferred, this.clock);
		ImportStepListener listener = new ImportStepListener(run.title(), basis, ledger, this.client, this.pacer,
				this.clock, progress, this.stop);
		return new StepBuilder(name, this.jobRepository).<CsvRow, RowPlan>chunk(chunkSize(run))
			.transactionManager(this.transactionManager)
			.reader(new ApplyReader(run.reader(name + "Reader", definition.requiredColumns()), planner, deferred,
					() -> run.reader(name + "Again", definition.requiredColumns())))
			.processor(planner)
			.writer(writer)
			.stream(ledger)
			.stream(listener)
			.stream(deferred)
			.listener((StepListener) listener)
			.listener((StepListener) deferred)
			// a stop request ends the step at the next chunk boundary
			.interruptionPolicy(this.stop.interruptionPolicy())
			// a transient failure never fails a chunk: its row is deferred (DeferredRows)
			.faultTolerant()
			.skipPolicy(new RejectedRowSkipPolicy(run.skipLimit()))
			.skipListener(new RejectsListener(ledger, progress))
			.build();
	}

}
