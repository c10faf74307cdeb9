package org.viewerbatch.imports;

import java.time.Instant;
import java.util.List;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;

import org.viewerbatch.client.RequestTimeline.Minute;

/**
 * What the apply step leaves in the job's ExecutionContext for the publish step's
 * summary: requests sent by every execution so far, 429 answers, the snapshot's cost, and
 * when and in which execution the rows were applied, and the requests of each minute.
 */
record ApplyFacts(long requests, long rateLimited, long snapshotRequests, Instant started, long executionId,
		List<Minute> minutes) {

	private static final String PREFIX = "apply.";

	void save(ExecutionContext jobContext) {
		jobContext.putLong(PREFIX + "requests", this.requests);
		jobContext.putLong(PREFIX + "rate-limited", this.rateLimited);
		jobContext.putLong(PREFIX + "snapshot-requests", this.snapshotRequests);
		jobContext.putLong(PREFIX + "started", this.started.toEpochMilli());
		jobContext.putLong(PREFIX + "execution", this.executionId);
		jobContext.putString(PREFIX + "minutes", Minute.format(this.minutes));
	}

	static ApplyFacts of(ExecutionContext jobContext) {
		return new ApplyFacts(jobContext.getLong(PREFIX + "requests", 0L),
				jobContext.getLong(PREFIX + "rate-limited", 0L), jobContext.getLong(PREFIX + "snapshot-requests", 0L),
				Instant.ofEpochMilli(jobContext.getLong(PREFIX + "started", 0L)),
				jobContext.getLong(PREFIX + "execution", 0L),
				Minute.parse(jobContext.getString(PREFIX + "minutes", "")));
	}

	/**
	 * Whether the rows were applied by this execution (else it only writes the files).
	 */
	boolean appliedBy(JobExecution execution) {
		return this.executionId == execution.getId();
	}

}
