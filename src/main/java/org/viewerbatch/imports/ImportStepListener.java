package org.viewerbatch.imports;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStream;

import org.viewerbatch.client.AuthApiException;
import org.viewerbatch.client.RequestPacer;
import org.viewerbatch.client.RequestTimeline;
import org.viewerbatch.client.RequestTimeline.Minute;
import org.viewerbatch.client.WebWorkClient;
import org.viewerbatch.client.WritesSent;
import org.viewerbatch.csv.InputFileException;
import org.viewerbatch.ledger.RecordedRows;
import org.viewerbatch.runs.FreshOutcome;
import org.viewerbatch.runs.StopRequest;

/**
 * Frames an import's apply step: at every start it checks the file and takes the
 * workspace snapshot; at the end it leaves what the publish step needs in the job's
 * ExecutionContext ({@link ApplyFacts}) or, when the step did not complete, the summary
 * of the rows done so far. Progress starts in {@code open}. A step ended by a stop
 * request is recorded STOPPED, with where it stopped under
 * {@link StopRequest#STOPPED_AT}.
 */
public final class ImportStepListener implements StepExecutionListener, ItemStream {

	/** The exit status of a run that completed with rejected rows (exit code 3). */
	public static final String COMPLETED_WITH_REJECTS = "COMPLETED_WITH_REJECTS";

	private final String title;

	private final ImportBasis<?> basis;

	private final StepLedger ledger;

	private final WebWorkClient client;

	private final RequestPacer pacer;

	private final Clock clock;

	private final ImportProgress progress;

	private final StopRequest stop;

	private Instant start;

	private long requestsAtStart;

	private long rateLimitedAtStart;

	private WritesSent writesAtStart;

	private long snapshotRequests;

	private long earlierRequests;

	private long earlierRateLimited;

	private List<Minute> earlierMinutes;

	private RequestTimeline timeline;

	ImportStepListener(String title, ImportBasis<?> basis, StepLedger ledger, WebWorkClient client, RequestPacer pacer,
			Clock clock, ImportProgress progress, StopRequest stop) {
		this.title = title;
		this.basis = basis;
		this.ledger = ledger;
		this.client = client;
		this.pacer = pacer;
		this.clock = clock;
		this.progress = progress;
		this.stop = stop;
	}

	@Override
	public void beforeStep(StepExecution stepExecution) {
		this.start = this.clock.instant();
		this.timeline = this.pacer.startTimeline();
		this.ledger.begin(stepExecution);
		this.requestsAtStart = this.client.requestsSent();
		this.rateLimitedAtStart = this.pacer.rateLimitedCount();
		this.writesAtStart = this.client.writesSent();
		this.basis.prepare();
		this.snapshotRequests = this.client.requestsSent() - this.requestsAtStart;
	}

	@Override
	public void open(ExecutionContext executionContext) {
		this.earlierRequests = executionContext.getLong("requests.sent", 0L);
		this.earlierRateLimited = executionContext.getLong("requests.rate-limited", 0L);
		this.earlierMinutes = Minute.parse(executionContext.getString("requests.minutes", ""));
		this.progress.start(this.basis.file().rows(), this.ledger.recordedCount());
	}

	@Override
	public void update(ExecutionContext executionContext) {
		executionContext.putLong("requests.sent", requestsSent());
		executionContext.putLong("requests.rate-limited", rateLimited());
		executionContext.putString("requests.minutes", Minute.format(minutes()));
	}

	/** The minutes of the earlier executions of this step, then this one's. */
	private List<Minute> minutes() {
		List<Minute> minutes = new ArrayList<>(this.earlierMinutes);
		minutes.addAll(this.timeline.minutes(this.clock.instant()));
		return minutes;
	}

	private long requestsSent() {
		return this.earlierRequests + this.client.requestsSent() - this.requestsAtStart;
	}

	private long rateLimited() {
		return this.earlierRateLimited + this.pacer.rateLimitedCount() - this.rateLimitedAtStart;
	}

	@Override
	public ExitStatus afterStep(StepExecution stepExecution) {
		this.progress.stop();
		boolean stopped = this.stop.recordStop(stepExecution);
		this.ledger.end();
		JobExecution job = stepExecution.getJobExecution();
		if (stepExecution.getStatus() == BatchStatus.COMPLETED) {
			new ApplyFacts(requestsSent(), rateLimited(), this.snapshotRequests, this.start, job.getId(), minutes())
				.save(job.getExecutionContext());
			return null;
		}
		if (refused(stepExecution)) {
			// a guard that needs the workspace refused the run before its first row: the
			// failure says it all
			return null;
		}
		RecordedRows rows = this.ledger.recorded();
		long total = (this.basis.file() != null) ? this.basis.file().rows() : 0;
		List<String> lines = new ArrayList<>();
		String state = stopped ? "stopped by " + this.stop.reason().orElseThrow()
				: "stopped before the end (" + stepExecution.getStatus() + ")";
		lines.add(this.title + ": " + state);
		lines.add(ImportSummary.counts(ImportTally.of(rows), total, false));
		lines.add(ImportSummary.requests(requestsSent(), rateLimited(),
				Duration.between(this.start, this.clock.instant())));
		lines.add("the rows done so far are kept in the job repository; the files are written when the run completes");
		if (stopped) {
			// the command's last line says what the run did and how to resume
			job.getExecutionContext()
				.putString(StopRequest.STOPPED_AT,
						stoppedAt(this.client.writesSent().since(this.writesAtStart), rows.rows().size(), total));
		}
		else {
			lines
				.add("rows of the interrupted chunk may already be partly applied; nothing already done is sent again");
			lines.add(hasCause(stepExecution, AuthApiException.class)
					? "the API refused the token: check it and its role (owner or executive manager), then run the same command again to resume"
					: "run the same command again to resume");
		}
		job.getExecutionContext().putString(FreshOutcome.SUMMARY, String.join("\n", lines));
		return null;
	}

	/**
	 * What a stopped run did: the viewers it invited, the changes it sent and those left
	 * in doubt, and the rows recorded (by every execution of the job).
	 */
	static String stoppedAt(WritesSent writes, long recorded, long total) {
		String rows = recorded + " of " + total + " rows recorded";
		if (writes.changes() == 0) {
			return "before any change was sent; " + rows;
		}
		String invited = (writes.invitations() > 0) ? count(writes.invitations(), "viewer") + " invited and " : "";
		String unanswered = (writes.unanswered() > 0) ? ", " + writes.unanswered() + " of them unanswered and left in"
				+ " doubt (the resumed run looks " + ((writes.unanswered() == 1) ? "it" : "them") + " up)" : "";
		return "after " + invited + count(writes.changes(), "change") + " sent" + unanswered + "; " + rows;
	}

	private static String count(long n, String noun) {
		return n + " " + noun + ((n == 1) ? "" : "s");
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

}
