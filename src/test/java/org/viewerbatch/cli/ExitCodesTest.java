package org.viewerbatch.cli;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;

import org.viewerbatch.cli.TestJobConfiguration.TestAuthError;
import org.viewerbatch.cli.TestJobConfiguration.TestInputError;
import org.viewerbatch.client.AuthApiException;
import org.viewerbatch.csv.InputFileException;

import static org.assertj.core.api.Assertions.assertThat;

class ExitCodesTest {

	private final ExitCodes exitCodes = CommandLineRun.EXIT_CODES;

	private static JobExecution execution(BatchStatus status, String exitCode, Throwable... failures) {
		JobExecution execution = new JobExecution(1L, new JobInstance(1L, "someJob"), new JobParameters());
		execution.setStatus(status);
		execution.setExitStatus(new ExitStatus(exitCode));
		for (Throwable failure : failures) {
			execution.addFailureException(failure);
		}
		return execution;
	}

	@Test
	void completedIsZeroAndCompletedWithRejectsIsThree() {
		assertThat(this.exitCodes.of(execution(BatchStatus.COMPLETED, "COMPLETED"))).isZero();
		assertThat(this.exitCodes.of(execution(BatchStatus.COMPLETED, "COMPLETED_WITH_REJECTS"))).isEqualTo(3);
	}

	@Test
	void anAuthErrorWinsOverAnInputErrorAnywhereInTheCauses() {
		RuntimeException auth = new RuntimeException("step failed", new TestAuthError("401"));
		assertThat(this.exitCodes.of(execution(BatchStatus.FAILED, "FAILED", new TestInputError("x.csv:2: bad"), auth)))
			.isEqualTo(4);
		assertThat(this.exitCodes.reason(List.of(new TestInputError("x.csv:2: bad"), auth)).orElseThrow())
			.isInstanceOf(TestAuthError.class);
	}

	@Test
	void anInputErrorIsTwoAndAnythingElseOne() {
		assertThat(this.exitCodes.of(new IllegalStateException("wrapped", new TestInputError("x.csv:2: bad"))))
			.isEqualTo(2);
		assertThat(this.exitCodes.of(execution(BatchStatus.FAILED, "FAILED", new IllegalStateException("boom"))))
			.isEqualTo(1);
		assertThat(this.exitCodes.of(execution(BatchStatus.STOPPED, "STOPPED"))).isEqualTo(1);
	}

	@Test
	void theReasonOfAnOrdinaryFailureIsItsInnermostCause() {
		Throwable reason = this.exitCodes
			.reason(List.of(new IllegalStateException("outer", new java.io.IOException("Connection reset"))))
			.orElseThrow();
		assertThat(reason).hasMessage("Connection reset");
	}

	@Test
	void theReasonOfAFailedRequestIsTheApiErrorThatNamesIt() {
		var failed = new org.viewerbatch.client.TransientApiException("GET /project-viewers", 0, "connection refused",
				null, new java.nio.channels.ClosedChannelException());

		Throwable reason = this.exitCodes.reason(List.of(new IllegalStateException("step failed", failed)))
			.orElseThrow();

		assertThat(reason).hasMessage("GET /project-viewers → no response: connection refused");
	}

	@Test
	void theStandardMappingKnowsTheClientsAuthErrorAndTheCsvInputError() {
		assertThat(ExitCodes.STANDARD.of(new IllegalStateException("step failed",
				new AuthApiException("GET /workspaces", 401, "Unauthenticated."))))
			.isEqualTo(4);
		assertThat(ExitCodes.STANDARD.of(new InputFileException(Path.of("a.csv"), 2, "bad"))).isEqualTo(2);
		assertThat(ExitCodes.STANDARD.of(new IllegalStateException("boom"))).isEqualTo(1);
	}

}
