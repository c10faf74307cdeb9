package org.viewerbatch.imports;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStream;

import org.viewerbatch.apply.Outcome;
import org.viewerbatch.client.AuthApiException;
import org.viewerbatch.client.RequestPacer;
import org.viewerbatch.client.WebWorkClient;
import org.viewerbatch.csv.InputFileException;
import org.viewerbatch.runs.StopRequest;

/**
 * Frames an import's apply step: at every start it checks the file and takes the
 * workspace snapshot; at the end it moves the files into place (only when complete), sets
 * the exit status {@code COMPLETED_WITH_REJECTS} when rows were rejected, and leaves the
 * summary in the job's ExecutionContext. Progress starts in {@code open}, after the files
 * have restored their counts. A step ended by a stop request is recorded STOPPED, with
 * where it stopped under {@link StopRequest#STOPPED_AT}.
 */
public final class ImportStepListener implements StepExecutionListener, ItemStream {

	/** The exit status of a run that completed with rejected rows (exit code 3). */
	public static final String COMPLETED_WITH_REJECTS = "COMPLETED_WITH_REJECTS";

	private final String title;

	private final ImportBasis<?> basis;

	private final ImportOutput output;

	private final WebWorkClient client;

	private final RequestPacer pacer;

	private final Clock clock;

	private final int rateLimit;

	private final boolean dryRun;

	private final ImportProgress progress;

	private final StopRequest stop;

	private Instant start;

	private long requestsAtStart;

	private long rateLimitedAtStart;

	private long snapshotRequests;

	private long earlierRequests;

	private long earlierRateLimited;

	ImportStepListener(String title, ImportBasis<?> basis, ImportOutput output, WebWorkClient client,
			RequestPacer pacer, Clock clock, int rateLimit, boolean dryRun, ImportProgress progress, StopRequest stop) {
		this.title = title;
		this.basis = basis;
		this.output = output;
		this.client = client;
		this.pacer = pacer;
		this.clock = clock;
		this.rateLimit = rateLimit;
		this.dryRun = dryRun;
		this.progress = progress;
		this.stop = stop;
	}

	@Override
	public void beforeStep(StepExecution stepExecution) {
		this.start = this.clock.instant();
		this.requestsAtStart = this.client.requestsSent();
		this.rateLimitedAtStart = this.pacer.rateLimitedCount();
		this.basis.prepare();
		this.snapshotRequests = this.client.requestsSent() - this.requestsAtStart;
	}

	@Override
	public void open(ExecutionContext executionContext) {
		this.earlierRequests = executionContext.getLong("requests.sent", 0L);
		this.earlierRateLimited = executionContext.getLong("requests.rate-limited", 0L);
		this.progress.start(this.basis.file().rows(), this.output.tally().rows());
	}

	@Override
	public void update(ExecutionContext executionContext) {
		executionContext.putLong("requests.sent", requestsSent());
		executionContext.putLong("requests.rate-limited", rateLimited());
	}

	private long requestsSent() {
		return this.earlierRequests + this.client.requestsSent() - this.requestsAtStart;
	}

	private long rateLimited() {
		return this.earlierRateLimited + this.pacer.rateLimitedCount() - this.rateLimitedAtStart;
	}

	@Override
	public ExitStatus afterStep(StepExecution stepExecution) {
		boolean stopped = this.stop.recordStop(stepExecution);
		boolean completed = stepExecution.getStatus() == BatchStatus.COMPLETED;
		ImportTally tally = this.output.tally();
		long rows = (this.basis.file() != null) ? this.basis.file().rows() : 0;
		String counts = counts(tally, completed ? 0 : Math.max(0, rows - tally.rows()), rows, completed);
		List<String> plan = this.dryRun ? planSummary(tally) : List.of();
		if (completed) {
			List<String> fileSummary = new ArrayList<>(List.of(counts));
			fileSummary.addAll(plan);
			this.output.publish(fileSummary);
		}
		if (refused(stepExecution)) {
			// a guard that needs the workspace refused the run before its first row: the
			// failure says it all
			return null;
		}
		List<String> lines = new ArrayList<>();
		String state = completed ? "completed" : stopped ? "stopped by " + this.stop.reason().orElseThrow()
				: "stopped before the end (" + stepExecution.getStatus() + ")";
		lines.add(this.title + (this.dryRun ? " (dry run: nothing sent but the reads)" : "") + ": " + state);
		lines.add(counts);
		lines.add("requests sent " + requestsSent() + " (429 answers: " + rateLimited() + "), duration "
				+ format(Duration.between(this.start, this.clock.instant())));
		lines.addAll(plan);
		lines.addAll(this.output.describe(completed));
		if (stopped) {
			// the command's last line says where it stopped and how to resume
			stepExecution.getJobExecution()
				.getExecutionContext()
				.putString(StopRequest.STOPPED_AT, stoppedAt(tally, rows));
		}
		else if (!completed) {
			lines
				.add("rows of the interrupted chunk may already be partly applied; nothing already done is sent again");
			lines.add(hasCause(stepExecution, AuthApiException.class)
					? "the API refused the token: check it and its role (owner or executive manager), then run the same command again to resume"
					: "run the same command again to resume");
		}
		stepExecution.getJobExecution().getExecutionContext().putString("summary", String.join("\n", lines));
		if (completed && tally.count(Outcome.REJECTED) > 0) {
			return new ExitStatus(COMPLETED_WITH_REJECTS, tally.count(Outcome.REJECTED) + " rows rejected");
		}
		return null;
	}

	/** The line of the last row accounted for, and how many rows that is. */
	private String stoppedAt(ImportTally tally, long rows) {
		long done = tally.rows();
		if (done == 0 || this.basis.file() == null) {
			return "before the first row (0 of " + rows + " rows done)";
		}
		long line = Stream
			.concat(this.basis.file().valid().keySet().stream(), this.basis.file().rejections().keySet().stream())
			.sorted()
			.skip(done - 1)
			.findFirst()
			.orElse(done);
		return "after line " + line + " (" + done + " of " + rows + " rows done)";
	}

	private static boolean refused(StepExecution stepExecution) {
		return hasCause(stepExecution, InputFileException.class);
	}

	private static boolean hasCause(StepExecution stepExecution, Class<? extends Throwable> type) {
		for (Throwable failure : stepExecution.getFailureExceptions()) {
			for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
				if (type.isInstance(cause)) {
					return true;
				}
			}
		}
		return false;
	}

	private static String counts(ImportTally tally, long failed, long rows, boolean finished) {
		StringBuilder text = new StringBuilder(rows + " rows:");
		for (Outcome outcome : Outcome.values()) {
			long count = (outcome == Outcome.FAILED) ? failed : tally.count(outcome);
			// in a run that stopped, the rows not accounted for are not finished rather
			// than failed for good
			String label = (outcome == Outcome.FAILED && !finished) ? "not finished" : outcome.label();
			text.append((outcome == Outcome.CREATED) ? " " : ", ").append(label).append(' ').append(count);
		}
		return text.toString();
	}

	/**
	 * What the real run will cost: the snapshot's pages again plus every planned call, at
	 * the rate limit.
	 */
	private List<String> planSummary(ImportTally tally) {
		long needed = this.snapshotRequests + tally.requests();
		Duration time = Duration.ofMillis(needed * 60_000 / Math.max(1, this.rateLimit));
		return List
			.of("the real run needs " + needed + " requests (" + this.snapshotRequests + " to read the workspace, "
					+ tally.requests() + " for the rows): about " + format(time) + " at " + this.rateLimit + "/min");
	}

	static String format(Duration duration) {
		long seconds = duration.toSeconds();
		if (seconds < 60) {
			return String.format(Locale.ROOT, "%d.%ds", seconds, duration.toMillisPart() / 100);
		}
		if (seconds < 3600) {
			return String.format(Locale.ROOT, "%dm %02ds", seconds / 60, seconds % 60);
		}
		return String.format(Locale.ROOT, "%dh %02dm", seconds / 3600, (seconds % 3600) / 60);
	}

}
