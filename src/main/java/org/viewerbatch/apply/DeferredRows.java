package org.viewerbatch.apply;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStream;

import org.viewerbatch.client.Sleeper;
import org.viewerbatch.csv.CsvRow;
import org.viewerbatch.runs.StopRequest;

/**
 * The rows of an apply step that the API kept from finishing (5xx, timeouts, resets, a
 * create still in doubt): a transient failure delays a row, it never rejects it. Once the
 * other rows are done, the deferred ones are read again in rounds, each after a longer
 * pause so that the API's bad minute passes. Rows still deferred after the last round
 * fail the step (exit 1), and the same command goes on with them: which lines wait is
 * kept in the step's ExecutionContext.
 * <p>
 * Threads: the step's thread only (the writer defers rows once its workers are done).
 */
public final class DeferredRows implements ItemStream, StepExecutionListener {

	/** The pause before each round; their number is the number of rounds. */
	static final List<Duration> PAUSES = List.of(Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(8),
			Duration.ofSeconds(16), Duration.ofSeconds(30), Duration.ofSeconds(30), Duration.ofSeconds(30),
			Duration.ofSeconds(30));

	private static final String LINES = "apply.deferred.lines";

	private static final Duration SLICE = Duration.ofMillis(250);

	private final Clock clock;

	private final Sleeper sleeper;

	private final StopRequest stop;

	// line -> the round it waits for (1 = the first after the file)
	private final Map<Long, Integer> waiting = new TreeMap<>();

	private final Map<Long, CsvRow> sources = new TreeMap<>();

	private String lastReason = "";

	private int round;

	private Instant lastDeferred = Instant.EPOCH;

	public DeferredRows(Clock clock, Sleeper sleeper, StopRequest stop) {
		this.clock = clock;
		this.sleeper = sleeper;
		this.stop = stop;
	}

	/**
	 * The row could not be finished now: it is read again in the next round.
	 * @param reason what kept it, e.g. {@code 503 Service Unavailable}
	 */
	void defer(CsvRow source, String reason) {
		this.waiting.put(source.line(), this.round + 1);
		this.sources.put(source.line(), source);
		this.lastReason = reason;
		this.lastDeferred = this.clock.instant();
	}

	/** The row is done (applied or rejected): it waits no more. */
	void settled(long line) {
		this.waiting.remove(line);
		this.sources.remove(line);
	}

	/** Whether the row waits for a later round than the one being read now. */
	boolean waitsForLaterRound(long line) {
		Integer wanted = this.waiting.get(line);
		return wanted != null && wanted > this.round;
	}

	/** How many rows wait. */
	public int count() {
		return this.waiting.size();
	}

	/**
	 * The rows of the next round, after its pause, or none when no row waits or the last
	 * round is over.
	 * @param reread the rows of these lines from the input, for rows deferred by an
	 * earlier execution
	 */
	public List<CsvRow> nextRound(Function<List<Long>, Map<Long, CsvRow>> reread) {
		if (this.waiting.isEmpty() || this.round >= PAUSES.size()) {
			return List.of();
		}
		pause(PAUSES.get(this.round));
		this.round++;
		List<Long> missing = this.waiting.keySet().stream().filter(line -> !this.sources.containsKey(line)).toList();
		if (!missing.isEmpty()) {
			this.sources.putAll(reread.apply(missing));
		}
		List<CsvRow> rows = new ArrayList<>();
		for (Map.Entry<Long, Integer> entry : this.waiting.entrySet()) {
			CsvRow source = this.sources.get(entry.getKey());
			if (source == null) {
				throw new IllegalStateException("line " + entry.getKey() + " waits, but is not in the input");
			}
			entry.setValue(this.round);
			rows.add(source);
		}
		return rows;
	}

	/** Waits out the round's pause, counted from the last deferral, until a stop. */
	private void pause(Duration pause) {
		Instant until = this.lastDeferred.plus(pause);
		try {
			for (Instant now = this.clock.instant(); now.isBefore(until); now = this.clock.instant()) {
				this.stop.checkNotRequested();
				Duration left = Duration.between(now, until);
				this.sleeper.sleep((left.compareTo(SLICE) < 0) ? left : SLICE);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw this.stop.failure();
		}
		this.stop.checkNotRequested();
	}

	@Override
	public void open(ExecutionContext executionContext) {
		this.waiting.clear();
		this.sources.clear();
		this.round = 0;
		String kept = executionContext.getString(LINES, "");
		if (!kept.isEmpty()) {
			// rows left waiting by an earlier execution go first, in this one's first
			// round
			Arrays.stream(kept.split(",")).map(Long::valueOf).forEach(line -> this.waiting.put(line, 1));
		}
	}

	@Override
	public void update(ExecutionContext executionContext) {
		executionContext.putString(LINES,
				this.waiting.keySet().stream().map(String::valueOf).collect(Collectors.joining(",")));
	}

	@Override
	public void close() {
		this.sources.clear();
	}

	/**
	 * A step that read every row with some still waiting has not applied its file: it
	 * fails, and the same command goes on with those rows.
	 */
	@Override
	public ExitStatus afterStep(StepExecution stepExecution) {
		if (stepExecution.getStatus() != BatchStatus.COMPLETED || this.waiting.isEmpty()) {
			return null;
		}
		RowsUnfinishedException failure = new RowsUnfinishedException(this.waiting.size(), this.lastReason);
		stepExecution.setStatus(BatchStatus.FAILED);
		stepExecution.addFailureException(failure);
		return ExitStatus.FAILED.addExitDescription(failure.getMessage());
	}

}
