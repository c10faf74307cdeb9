package org.viewerbatch.imports;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStream;
import org.springframework.dao.DataAccessException;

import org.viewerbatch.apply.ApplyListener;
import org.viewerbatch.apply.PlannedCall;
import org.viewerbatch.apply.RowPlan;
import org.viewerbatch.apply.RowRejectedException;
import org.viewerbatch.apply.RowResult;
import org.viewerbatch.apply.SentChange;
import org.viewerbatch.csv.CsvRow;
import org.viewerbatch.ledger.ChangeJournal;
import org.viewerbatch.ledger.LedgerChange;
import org.viewerbatch.ledger.LedgerRow;
import org.viewerbatch.ledger.LedgerRow.Kind;
import org.viewerbatch.ledger.Outcome;
import org.viewerbatch.ledger.RecordedRows;
import org.viewerbatch.ledger.RunLedger;

/**
 * What one apply step records in the run ledger. A row's fate waits until its chunk
 * commits and is written in the chunk's transaction ({@link #update}): Spring Batch rolls
 * a chunk back before it writes it again item by item, and the rows skipped while
 * processing it are not processed again. A change is recorded before it leaves, and again
 * when its answer comes ({@link ChangeJournal}), whatever becomes of the chunk; the
 * commit waits until every one is written.
 * <p>
 * Threads: rows arrive on the step's thread; changes on the workers'.
 */
final class StepLedger implements ApplyListener, RejectSink, ItemStream {

	private final RunLedger ledger;

	private final Clock clock;

	private final Runnable rowDone;

	private final List<LedgerRow> pending = new ArrayList<>();

	private long instanceId;

	private long executionId;

	private ChangeJournal journal;

	/**
	 * @param rowDone told from a worker thread whenever a row is done (for progress)
	 */
	StepLedger(RunLedger ledger, Clock clock, Runnable rowDone) {
		this.ledger = ledger;
		this.clock = clock;
		this.rowDone = rowDone;
	}

	/** The step starts: what it records belongs to its job instance and execution. */
	void begin(StepExecution stepExecution) {
		this.instanceId = stepExecution.getJobExecution().getJobInstance().getInstanceId();
		this.executionId = stepExecution.getJobExecutionId();
		this.pending.clear();
		this.journal = new ChangeJournal(this.ledger);
	}

	/** How many rows of the job are recorded, by this execution and the ones before. */
	long recordedCount() {
		return this.ledger.rowCount(this.instanceId);
	}

	/** The rows of the job recorded so far, by this execution and the ones before. */
	RecordedRows recorded() {
		return RecordedRows.of(this.ledger, this.instanceId);
	}

	/**
	 * Hands the change over at once; the worker waits for it to be written only when its
	 * request has its slot, so the write overlaps the wait for the rate limit.
	 */
	@Override
	public Runnable changeSending(SentChange change) {
		CompletableFuture<Void> written = this.journal.add(recorded(change));
		return () -> ChangeJournal.await(written);
	}

	/**
	 * An answer is not waited for: should it be lost, its change stays in doubt, which is
	 * what a resumed run needs to know.
	 */
	@Override
	public void changeAnswered(SentChange change) {
		this.journal.add(recorded(change));
	}

	private LedgerChange recorded(SentChange change) {
		return new LedgerChange(this.instanceId, this.executionId, change.attempt(), change.line(), change.email(),
				change.viewerId(), change.call().operation(), change.call().project(), change.sent(), change.result(),
				change.httpStatus(), change.answer(), this.clock.instant());
	}

	@Override
	public void rowDone() {
		this.rowDone.run();
	}

	@Override
	public void rowApplied(RowResult result) {
		this.pending.add(new LedgerRow(this.instanceId, this.executionId, result.line(), Kind.APPLIED, result.email(),
				result.viewerId(), result.outcome(), result.requests(), result.detail(), null, null, List.of()));
	}

	/** A dry run's plan for a row. */
	void planned(RowPlan plan) {
		this.pending.add(new LedgerRow(this.instanceId, this.executionId, plan.line(), Kind.PLANNED, plan.email(),
				plan.viewerId(), outcomeOf(plan), plan.calls().size(), plan.describeCalls(), null, null, List.of()));
	}

	/** The outcomes a plan would give its row, as the ledger keeps them. */
	private static String outcomeOf(RowPlan plan) {
		return Outcome.describe(plan.calls().stream().map(PlannedCall::outcome).collect(Collectors.toSet()));
	}

	@Override
	public void rejected(CsvRow source, RowRejectedException rejection) {
		this.pending.add(new LedgerRow(this.instanceId, this.executionId, source.line(), Kind.REJECTED,
				source.get("email"), null, "rejected", 0, rejection.getMessage(), rejection.error(),
				rejection.httpStatus(), source.rawValues()));
	}

	@Override
	public void open(ExecutionContext executionContext) {
		this.pending.clear();
	}

	/** Called in the chunk's transaction just before it commits. */
	@Override
	public void update(ExecutionContext executionContext) {
		flush();
	}

	/**
	 * The step ends: a row skipped after the last commit (the last of a chunk written
	 * item by item) is recorded now. A row that will be processed again on resume is
	 * recorded again then, in its place.
	 */
	void end() {
		try {
			flush();
		}
		catch (DataAccessException ex) {
			// the job repository is gone: the rows are processed again on resume
			this.pending.clear();
		}
		finally {
			this.journal.close();
		}
	}

	private void flush() {
		this.journal.flush();
		this.ledger.record(this.pending);
		this.pending.clear();
	}

}
