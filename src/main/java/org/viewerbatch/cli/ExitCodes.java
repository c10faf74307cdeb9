package org.viewerbatch.cli;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;

import org.viewerbatch.client.ApiException;
import org.viewerbatch.client.AuthApiException;
import org.viewerbatch.csv.InputFileException;
import org.viewerbatch.imports.ImportStepListener;
import org.viewerbatch.runs.RepositoryLostException;

/**
 * The process exit codes of the SPEC, and how a finished job execution or an error maps
 * to them.
 */
final class ExitCodes {

	static final int OK = 0;

	static final int FAILED = 1;

	static final int USAGE = 2;

	static final int REJECTS = 3;

	static final int AUTH = 4;

	/** The mapping for this application's exception types. */
	static final ExitCodes STANDARD = new ExitCodes(InputFileException.class::isInstance,
			AuthApiException.class::isInstance);

	private final Predicate<Throwable> inputError;

	private final Predicate<Throwable> authError;

	ExitCodes(Predicate<Throwable> inputError, Predicate<Throwable> authError) {
		this.inputError = inputError;
		this.authError = authError;
	}

	int of(JobExecution execution) {
		if (execution.getStatus() == BatchStatus.COMPLETED) {
			return ImportStepListener.COMPLETED_WITH_REJECTS.equals(execution.getExitStatus().getExitCode()) ? REJECTS
					: OK;
		}
		return ofFailures(execution.getAllFailureExceptions());
	}

	int of(Throwable failure) {
		return ofFailures(List.of(failure));
	}

	/**
	 * The cause that decides the exit code (an auth or input error), else the first API
	 * error (its message names the request and what the API said), else the first
	 * failure's innermost cause.
	 */
	Optional<Throwable> reason(List<Throwable> failures) {
		List<Throwable> causes = causes(failures);
		return causes.stream()
			.filter(this.authError)
			.findFirst()
			.or(() -> causes.stream().filter(this.inputError).findFirst())
			.or(() -> causes.stream().filter(ApiException.class::isInstance).findFirst())
			.or(() -> causes.stream().filter(RepositoryLostException.class::isInstance).findFirst())
			.or(() -> failures.stream().findFirst().map(ExitCodes::innermost));
	}

	private int ofFailures(List<Throwable> failures) {
		List<Throwable> causes = causes(failures);
		if (causes.stream().anyMatch(this.authError)) {
			return AUTH;
		}
		if (causes.stream().anyMatch(this.inputError)) {
			return USAGE;
		}
		return FAILED;
	}

	private static List<Throwable> causes(List<Throwable> failures) {
		List<Throwable> causes = new ArrayList<>();
		Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
		for (Throwable failure : failures) {
			for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
				causes.add(t);
			}
		}
		return causes;
	}

	private static Throwable innermost(Throwable failure) {
		Throwable innermost = failure;
		while (innermost.getCause() != null && innermost.getCause() != innermost) {
			innermost = innermost.getCause();
		}
		return innermost;
	}

}
