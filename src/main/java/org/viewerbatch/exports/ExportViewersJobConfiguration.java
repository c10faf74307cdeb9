package org.viewerbatch.exports;

import java.time.Clock;

import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

import org.viewerbatch.client.WebWorkClient;
import org.viewerbatch.runs.FreshOutcome;
import org.viewerbatch.runs.StopRequest;

/**
 * {@code exportViewersJob}: one chunk step that streams the viewers list from the API to
 * a CSV file, renamed into place only when the last page is written.
 */
@Configuration(proxyBeanMethods = false)
class ExportViewersJobConfiguration {

	// one API page per chunk: the step's ExecutionContext is saved once per page, not
	// once per viewer
	private static final int CHUNK_SIZE = 100;

	private static final String JOB_PARAMETERS = "#{stepExecution.jobParameters}";

	@Bean
	Job exportViewersJob(JobRepository jobRepository, Step exportViewersStep) {
		// no incrementer: it would replace the parameters given on the command line
		// (run.at keeps runs apart)
		return new JobBuilder("exportViewersJob", jobRepository).listener(new FreshOutcome())
			.start(exportViewersStep)
			.build();
	}

	@Bean
	Step exportViewersStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			ViewerReader exportViewersReader, StatusFilter exportViewersFilter, ExportFileWriter exportViewersWriter,
			ExportCompletion exportViewersCompletion, StopRequest stop) {
		return new StepBuilder("exportViewersStep", jobRepository).<ExportRow, ExportRow>chunk(CHUNK_SIZE)
			.transactionManager(transactionManager)
			.reader(exportViewersReader)
			.processor(exportViewersFilter)
			.writer(exportViewersWriter)
			.listener(exportViewersCompletion)
			// a stop request ends the step at the next chunk boundary (the reader stops
			// before the next page)
			.interruptionPolicy(stop.interruptionPolicy())
			.build();
	}

	// no inferred destroy method: the step already closes the reader
	@Bean(destroyMethod = "")
	@StepScope
	ViewerReader exportViewersReader(WebWorkClient client, @Value(JOB_PARAMETERS) JobParameters parameters,
			StopRequest stop) {
		ExportRequest request = ExportRequest.from(parameters);
		return new ViewerReader(client, request.workspaceId(), request.format(), stop);
	}

	@Bean
	@StepScope
	StatusFilter exportViewersFilter(@Value(JOB_PARAMETERS) JobParameters parameters) {
		return new StatusFilter(ExportRequest.from(parameters).statuses());
	}

	// likewise for the writer
	@Bean(destroyMethod = "")
	@StepScope
	ExportFileWriter exportViewersWriter(@Value(JOB_PARAMETERS) JobParameters parameters) {
		return new ExportFileWriter(ExportRequest.from(parameters));
	}

	@Bean
	@StepScope
	ExportCompletion exportViewersCompletion(@Value(JOB_PARAMETERS) JobParameters parameters,
			ViewerReader exportViewersReader, ExportFileWriter exportViewersWriter, WebWorkClient client, Clock clock,
			StopRequest stop) {
		return new ExportCompletion(ExportRequest.from(parameters), exportViewersReader, exportViewersWriter, client,
				clock, stop);
	}

}
