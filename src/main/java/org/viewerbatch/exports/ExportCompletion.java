package org.viewerbatch.exports;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.stream.Collectors;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;

import org.viewerbatch.client.WebWorkClient;
import org.viewerbatch.runs.FreshOutcome;
import org.viewerbatch.runs.StopRequest;

/**
 * Ends the export step: renames the file into place only when every page was written
 * (otherwise deletes it), then puts a one-line {@code summary} in the job's
 * ExecutionContext. One listener, so the summary always knows how the file ended. Not
 * final: it is a step-scoped bean, which Spring proxies by subclassing.
 */
class ExportCompletion implements StepExecutionListener {

	// the client reads the list with per_page=100
	private static final int PAGE_SIZE = 100;

	private final ExportRequest request;

	private final ViewerReader reader;

	private final ExportFileWriter writer;

	private final WebWorkClient client;

	private final Clock clock;

	private final StopRequest stop;

	private Instant started;

	private long requestsBefore;

	ExportCompletion(ExportRequest request, ViewerReader reader, ExportFileWriter writer, WebWorkClient client,
			Clock clock, StopRequest stop) {
		this.request = request;
		this.reader = reader;
		this.writer = writer;
		this.client = client;
		this.clock = clock;
		this.stop = stop;
	}

	@Override
	public void beforeStep(StepExecution stepExecution) {
		this.started = this.clock.instant();
		this.requestsBefore = this.client.requestsSent();
	}

	@Override
	public ExitStatus afterStep(StepExecution stepExecution) {
		if (this.stop.recordStop(stepExecution)) {
			stepExecution.getJobExecution()
				.getExecutionContext()
				.putString(StopRequest.STOPPED_AT, "after reading " + count(this.reader.viewersRead(), "viewer"));
		}
		ExitStatus exitStatus = finishFile(stepExecution);
		stepExecution.getJobExecution().getExecutionContext().putString(FreshOutcome.SUMMARY, summary(stepExecution));
		return exitStatus;
	}

	private ExitStatus finishFile(StepExecution stepExecution) {
		if (stepExecution.getStatus() != BatchStatus.COMPLETED) {
			this.writer.abort();
			return null;
		}
		try {
			this.writer.commit();
			return null;
		}
		catch (RuntimeException ex) {
			// Spring Batch only logs an exception thrown here, so the step would stay
			// COMPLETED without a file
			this.writer.abort();
			stepExecution.setStatus(BatchStatus.FAILED);
			stepExecution.addFailureException(ex);
			return ExitStatus.FAILED.addExitDescription(ex);
		}
	}

	private String summary(StepExecution stepExecution) {
		long requests = this.client.requestsSent() - this.requestsBefore;
		long viewers = this.reader.viewersRead();
		String took = seconds(Duration.between(this.started, this.clock.instant()));
		if (stepExecution.getStatus() != BatchStatus.COMPLETED) {
			String outcome = (this.request.output() != null) ? this.request.output() + " was not written"
					: "the export on standard output is incomplete";
			String ended = (stepExecution.getStatus() == BatchStatus.STOPPED) ? "stopped" : "failed";
			return "Export " + ended + " after reading " + count(viewers, "viewer") + " (" + count(requests, "request")
					+ ", " + took + "); " + outcome;
		}
		long pages = Math.max(1, (viewers + PAGE_SIZE - 1) / PAGE_SIZE);
		String source = count(pages, "page") + ", " + count(requests, "request");
		return "Exported " + exported(stepExecution.getWriteCount(), viewers, source) + " to "
				+ this.request.destination() + " in " + took;
	}

	private String exported(long rows, long viewers, String source) {
		boolean filtered = !this.request.statuses().isEmpty();
		String statuses = this.request.statuses().stream().sorted().collect(Collectors.joining(","));
		if (this.request.format() == ExportFormat.VIEWERS) {
			return filtered
					? count(rows, "viewer") + " with status " + statuses + " (of " + viewers + " read; " + source + ")"
					: count(rows, "viewer") + " (" + source + ")";
		}
		return filtered
				? count(rows, "assignment") + " of viewers with status " + statuses + " (" + count(viewers, "viewer")
						+ " read; " + source + ")"
				: count(rows, "assignment") + " of " + count(viewers, "viewer") + " (" + source + ")";
	}

	private static String count(long n, String noun) {
		return n + " " + noun + ((n == 1) ? "" : "s");
	}

	private static String seconds(Duration duration) {
		return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
	}

}
