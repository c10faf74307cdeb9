package org.viewerbatch.apply;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 * other rows are done, the reader hands the deferred ones over again (the final pass),
 * and the writer tries them in rounds, each after a longer pause so that the API's bad
 * minute passes. Rows still deferred after the last round fail the step (exit 1), and the
 * same command goes on with them: which lines wait is kept in the step's
 * ExecutionContext.
 * <p>
 * Threads: the step's thread only (the writer defers rows once its workers are done).
 */
public final class DeferredRows implements ItemStream, StepExecutionListener {

	/** The pause before each round of the final pass; their number is the rounds'. */
	static final List<Duration> PAUSES = List.of(Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(8),
			Duration.ofSeconds(16), Duration.ofSeconds(30), Duration.ofSeconds(30), Duration.ofSeconds(30),
			Duration.ofSeconds(30));

	private static final String LINES = "apply.deferred.lines";

	private static final Duration SLICE = Duration.ofMillis(250);

	private final Clock clock;

	private final Sleeper sleeper;

	private final StopRequest stop;

	// line -> its row as read, or null for a row deferred by an earlier execution
	private final Map<Long, CsvRow> waiting = new TreeMap<>();

	// lines whose every round of the final pass is over: nothing more is tried for them
	private final Set<Long> exhausted = new HashSet<>();

	private boolean finalPass;

	private String lastReason = "";

	private Instant lastAttempt = Instant.EPOCH;

	public DeferredRows(Clock clock, Sleeper sleeper, StopRequest stop) {
		this.clock = clock;
		this.sleeper = sleeper;
		this.stop = stop;
	}

	/**
	 * The row could not be finished now: it waits for the final pass, or, deferred in it,
	 * for the same command run again.
	 * @param reason what kept it, e.g. {@code 503 Service Unavailable}
	 */
	void defer(CsvRow source, String reason) {
		this.waiting.put(source.line(), source);
		if (this.finalPass) {
			this.exhausted.add(source.line());
		}
		this.lastReason = reason;
		attempted();
	}

	/** The row is done (applied or rejected): it waits no more. */
	void settled(long line) {
		this.waiting.remove(line);
		this.exhausted.remove(line);
	}

	/**
	 * Whether the writer leaves the row alone now: it waits for the final pass, or its
	 * rounds are over (also when Spring Batch writes its chunk again).
	 */
	boolean waits(long line) {
		return this.finalPass ? this.exhausted.contains(line) : this.waiting.containsKey(line);
	}

	/** Whether the rows being written are the deferred ones, tried in rounds. */
	boolean inFinalPass() {
		return this.finalPass;
	}

	/** How many rows wait. */
	public int count() {
		return this.waiting.size();
	}

	/**
	 * Starts the final pass: the rows that wait, to be written once more.
	 * @param reread the rows of these lines from the input, for rows deferred by an
	 * earlier execution
	 */
	public List<CsvRow> finalPass(Function<List<Long>, Map<Long, CsvRow>> reread) {
		this.finalPass = true;
		List<Long> missing = this.waiting.entrySet()
			.stream()
			.filter(entry -> entry.getValue() == null)
			.map(Map.Entry::getKey)
			.toList();
		if (!missing.isEmpty()) {
			Map<Long, CsvRow> found = reread.apply(missing);
			for (long line : missing) {
				CsvRow source = found.get(line);
				if (source == null) {
					throw new IllegalStateException("line " + line + " waits, but is not in the input");
				}
				this.waiting.put(line, source);
			}
		}
		return List.copyOf(this.waiting.values());
	}

	/** The rows of a write were tried now: the next round's pause counts from here. */
	void attempted() {
		this.lastAttempt = this.clock.instant();
	}

	/**
	 * Waits out the pause before that round of the final pass (0 = the first), counted
	 * from the last attempt, unless a stop comes first.
	 * @return false when there is no such round
	 */
	boolean pauseBefore(int round) {
		if (round >= PAUSES.size()) {
			return false;
		}
		Instant until = this.lastAttempt.plus(PAUSES.get(round));
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
		return true;
	}

	@Override
	public void open(ExecutionContext executionContext) {
		this.waiting.clear();
		this.exhausted.clear();
		this.finalPass = false;
		String kept = executionContext.getString(LINES, "");
		if (!kept.isEmpty()) {
			// rows left waiting by an earlier execution: read again for the final pass
			Arrays.stream(kept.split(",")).map(Long::valueOf).forEach(line -> this.waiting.put(line, null));
		}
	}

	@Override
	public void update(ExecutionContext executionContext) {
		executionContext.putString(LINES,
				this.waiting.keySet().stream().map(String::valueOf).collect(Collectors.joining(",")));
	}

	@Override
	public void close() {
		this.waiting.clear();
		this.exhausted.clear();
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
