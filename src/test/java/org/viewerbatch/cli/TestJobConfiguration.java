package org.viewerbatch.cli;

import java.nio.file.Path;

import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.transaction.PlatformTransactionManager;

import org.viewerbatch.client.AuthApiException;
import org.viewerbatch.csv.InputFileException;
import org.viewerbatch.imports.ImportStepListener;
import org.viewerbatch.runs.StopRequest;

import static org.assertj.core.api.Assertions.fail;

/**
 * A one-step job whose outcome the job parameter {@code outcome} chooses: {@code ok},
 * {@code rejects}, {@code fail}, {@code input-error}, {@code auth-error} or
 * {@code hostile} (control characters in its summary and failure). Its summary shows the
 * parameters it was given. Any other outcome fails the test that asked for it.
 */
@TestConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
@Import(StopRequest.class)
class TestJobConfiguration {

	static final String JOB = "testJob";

	@Bean
	Job testJob(JobRepository jobRepository, PlatformTransactionManager transactionManager, StopRequest stop) {
		return new JobBuilder(JOB, jobRepository)
			.start(new StepBuilder("testStep", jobRepository).tasklet((contribution, chunkContext) -> {
				StepExecution step = chunkContext.getStepContext().getStepExecution();
				JobParameters parameters = step.getJobParameters();
				step.getJobExecution()
					.getExecutionContext()
					.putString("summary", "api.url=" + parameters.getString("api.url") + " workspace.id="
							+ parameters.getLong("workspace.id") + "\n");
				switch (parameters.getString("outcome")) {
					case "rejects" ->
						contribution.setExitStatus(new ExitStatus(ImportStepListener.COMPLETED_WITH_REJECTS));
					case "fail" -> throw new IllegalStateException("the API could not be reached");
					case "stopped" -> {
						// what a SIGTERM in the middle of a chunk does
						stop.request("SIGTERM");
						throw stop.failure();
					}
					case "input-error" -> throw new TestInputError("people.csv:7: missing email");
					case "input-file-error" ->
						throw new InputFileException(Path.of("people.csv"), 7, "missing column 'email'");
					case "auth-error" -> throw new IllegalStateException("wrapped",
							new TestAuthError("GET /workspaces → 401: Unauthenticated."));
					case "api-auth-error" ->
						throw new AuthApiException("GET /workspaces", 403, "This action is unauthorized.");
					case "hostile" -> {
						// what an API answer or a file name can put in a summary and a
						// failure
						step.getJobExecution()
							.getExecutionContext()
							.putString("summary", "rejects: /data/\u001b]0;pwned\u0007.csv\nanswer \u009b2J\rover\n");
						throw new IllegalStateException("422 from the API: \u001b[2J\u001b[Hcleared");
					}
					case "ok" -> contribution.incrementReadCount();
					// a misspelt outcome must not pass for "ok"
					default -> fail("no such --outcome of the test job: " + parameters.getString("outcome"));
				}
				return RepeatStatus.FINISHED;
			}, transactionManager).build())
			.build();
	}

	/** Stands for the input-file error of the csv package. */
	static class TestInputError extends RuntimeException {

		TestInputError(String message) {
			super(message);
		}

	}

	/** Stands for the 401/403 error of the client package. */
	static class TestAuthError extends RuntimeException {

		TestAuthError(String message) {
			super(message);
		}

	}

}
