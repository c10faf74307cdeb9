package org.viewerbatch.imports;

import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.function.Consumer;

import org.springframework.batch.core.listener.StepListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

import org.viewerbatch.apply.PlanWriter;
import org.viewerbatch.apply.RejectionStreak;
import org.viewerbatch.apply.Replanner;
import org.viewerbatch.apply.RowPlan;
import org.viewerbatch.client.ApiProperties;
import org.viewerbatch.client.RequestPacer;
import org.viewerbatch.client.TransientApiException;
import org.viewerbatch.client.WebWorkClient;
import org.viewerbatch.csv.CsvRow;

/**
 * Builds the two steps every import job has: a check of the whole file before any
 * request, and the fault-tolerant apply step (snapshot, plan, apply, results/rejects
 * files). A job brings its own row type, parser, guard and planner.
 */
@Component
class ImportSteps {

	/**
	 * The same refusal for this many rows in a row stops the job (see
	 * {@link RejectionStreak}).
	 */
	static final int SYSTEMATIC_REFUSALS = 5;

	/**
	 * The client already retries each request; this is the second line, for a chunk whose
	 * rows failed.
	 */
	private static final RetryPolicy CHUNK_RETRY = RetryPolicy.builder()
		.includes(TransientApiException.class)
		.maxRetries(2)
		.delay(Duration.ofMillis(200))
		.multiplier(2)
		.maxDelay(Duration.ofSeconds(2))
		.build();

	private final JobRepository jobRepository;

	private final PlatformTransactionManager transactionManager;

	private final WebWorkClient client;

	private final RequestPacer pacer;

	private final Clock clock;

	private final ApiProperties api;

	ImportSteps(JobRepository jobRepository, PlatformTransactionManager transactionManager, WebWorkClient client,
			RequestPacer pacer, Clock clock, ApiProperties api) {
		this.jobRepository = jobRepository;
		this.transactionManager = transactionManager;
		this.client = client;
		this.pacer = pacer;
		this.clock = clock;
		this.api = api;
	}

	/** The step that reads and judges the whole file, and applies the job's guard. */
	<R> Step checkStep(String name, FileCheck<R> check, Consumer<CheckedFile<R>> guard) {
		return new StepBuilder(name, this.jobRepository)
			.tasklet(new CheckFileTasklet<>(check, guard), this.transactionManager)
			.build();
	}

	/**
	 * The step that plans each row against a fresh snapshot and applies (or, in a dry
	 * run, lists) the plans.
	 */
	<R> Step applyStep(String name, String title, ImportSettings settings, Set<String> requiredColumns,
			ImportBasis<R> basis, ItemProcessor<CsvRow, RowPlan> planner, Replanner replanner) {
		ImportProgress progress = new ImportProgress(title, this.client, this.clock);
		ImportOutput output;
		ItemWriter<RowPlan> writer;
		if (settings.dryRun()) {
			PlanFile plan = new PlanFile(settings.planFile());
			output = plan;
			writer = plan;
		}
		else {
			ResultFiles files = new ResultFiles(settings.resultsFile(), settings.rejectsFile(),
					() -> basis.file().header());
			output = files;
			writer = new PlanWriter(this.client, settings.workspaceId(), replanner, this.api.concurrency(),
					files::applied, new RejectionStreak(SYSTEMATIC_REFUSALS), progress::rowDone);
		}
		ImportStepListener listener = new ImportStepListener(title, basis, output, this.client, this.pacer, this.clock,
				this.api.rateLimit(), settings.dryRun(), progress);
		return new StepBuilder(name, this.jobRepository).<CsvRow, RowPlan>chunk(settings.chunkSize())
			.transactionManager(this.transactionManager)
			.reader(settings.reader(name + "Reader", requiredColumns))
			.processor(planner)
			.writer(writer)
			.stream(output)
			.stream(listener)
			.listener((StepListener) listener)
			.faultTolerant()
			.retryPolicy(CHUNK_RETRY)
			.skipPolicy(new RejectedRowSkipPolicy(settings.skipLimit()))
			.skipListener(new RejectsListener(output, progress))
			.build();
	}

}
