package org.viewerbatch.report;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.viewerbatch.client.RequestTimeline.Minute;
import org.viewerbatch.ledger.Outcome;

/**
 * What a run report shows: gathered once from the job repository and the run ledger,
 * rendered by {@link HtmlReport}.
 *
 * @param job the job's name, e.g. {@code import-viewers}
 * @param executionId the job execution's id
 * @param dryRun whether the run only planned
 * @param options the command line's options by name; secrets are dropped when rendered
 * @param outcomes the number of rows per outcome
 * @param rejects the rejected rows, in line order
 * @param minutes the requests of each minute of the apply step, from its start (of each
 * of its executions, one after the other)
 * @param rateLimit the API's rate limit, requests per minute
 * @param duration how long the apply step took
 * @param files the run's files by role (input, results, rejects, plan)
 */
public record RunFacts(String job, long executionId, boolean dryRun, Map<String, String> options,
		Map<Outcome, Long> outcomes, List<Reject> rejects, List<Minute> minutes, int rateLimit, Duration duration,
		Map<String, String> files) {

	/** A rejected row: why, its line in the input and its source text. */
	public record Reject(String reason, long line, String source) {
	}

	/** All requests of the run. */
	public int requests() {
		return this.minutes.stream().mapToInt(Minute::requests).sum();
	}

	/** The shortest the run could take at the rate limit: requests ÷ rate limit. */
	public Duration minimum() {
		return (this.rateLimit <= 0) ? Duration.ZERO : Duration.ofMillis(60_000L * requests() / this.rateLimit);
	}

	/** Invitations sent: one per created viewer. */
	public long invitations() {
		return this.outcomes.getOrDefault(Outcome.CREATED, 0L);
	}

}
