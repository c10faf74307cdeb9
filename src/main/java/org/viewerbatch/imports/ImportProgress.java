package org.viewerbatch.imports;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.viewerbatch.client.WebWorkClient;

/**
 * Logs how far an import is (rows done of all, requests sent, their rate, the time left),
 * row by row but at most every few seconds: at 60 requests a minute a chunk can take a
 * minute, too long to wait for a sign of life.
 */
public final class ImportProgress {

	/** The logger the progress lines go to (a terminal shows them in place). */
	public static final String LOGGER = "org.viewerbatch.imports.progress";

	private static final Logger logger = LoggerFactory.getLogger(LOGGER);

	private static final Duration EVERY = Duration.ofSeconds(5);

	/** While no row is done, a line at least this often says what the run waits for. */
	static final Duration WAITING_EVERY = Duration.ofSeconds(10);

	private final String title;

	private final WebWorkClient client;

	private final Clock clock;

	private long total;

	private long done;

	private long doneAtStart;

	private long requestsAtStart;

	private Instant start;

	private Instant lastLine;

	private ScheduledExecutorService waitingLines;

	ImportProgress(String title, WebWorkClient client, Clock clock) {
		this.title = title;
		this.client = client;
		this.clock = clock;
	}

	/**
	 * The step (re)starts with {@code done} of {@code total} rows already done by earlier
	 * runs.
	 */
	synchronized void start(long total, long done) {
		this.total = total;
		this.done = done;
		this.doneAtStart = done;
		this.requestsAtStart = this.client.requestsSent();
		this.start = this.clock.instant();
		this.lastLine = this.start;
		if (this.waitingLines == null) {
			this.waitingLines = Executors.newSingleThreadScheduledExecutor((task) -> {
				Thread thread = new Thread(task, "waiting-lines");
				thread.setDaemon(true);
				return thread;
			});
			long every = WAITING_EVERY.toMillis();
			this.waitingLines.scheduleAtFixedRate(this::waiting, every, every, TimeUnit.MILLISECONDS);
		}
	}

	/** The step has ended: no more waiting lines. */
	synchronized void stop() {
		if (this.waitingLines != null) {
			this.waitingLines.shutdownNow();
			this.waitingLines = null;
		}
	}

	/**
	 * When no line has been logged for {@link #WAITING_EVERY} (no row done), says what
	 * the run is waiting for: the failure being retried, or answers still to come.
	 */
	synchronized void waiting() {
		Instant now = this.clock.instant();
		if (this.start == null || this.done >= this.total
				|| Duration.between(this.lastLine, now).compareTo(WAITING_EVERY) < 0) {
			return;
		}
		this.lastLine = now;
		logger.info("{}: {}/{} rows, waiting for the API: {}", this.title, this.done, this.total,
				this.client.lastRetry().orElse("answers still to come"));
	}

	/** One more row is done (applied, unchanged or rejected); called from any worker. */
	synchronized void rowDone() {
		this.done++;
		Instant now = this.clock.instant();
		if (this.start == null || Duration.between(this.lastLine, now).compareTo(EVERY) < 0) {
			return;
		}
		this.lastLine = now;
		Duration elapsed = Duration.between(this.start, now);
		long sent = this.client.requestsSent() - this.requestsAtStart;
		long doneNow = this.done - this.doneAtStart;
		// in milliseconds: whole seconds would overstate the rate early in a run (6
		// requests in 5.9 s is not 72/min)
		String rate = (elapsed.toMillis() > 0) ? ", " + (sent * 60_000 / elapsed.toMillis()) + "/min" : "";
		String left = (doneNow > 0 && this.done < this.total) ? ", about "
				+ ImportSummary.format(elapsed.multipliedBy(this.total - this.done).dividedBy(doneNow)) + " left" : "";
		logger.info("{}: {}/{} rows, {} requests{}{}", this.title, this.done, this.total, sent, rate, left);
	}

}
