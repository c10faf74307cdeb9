package org.viewerbatch.apply;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.viewerbatch.client.RejectedApiException;
import org.viewerbatch.ledger.Outcome;

/**
 * What the writer has already done for one row, kept across chunk retries and the
 * item-by-item re-write after a skip, so that no call that succeeded is ever sent again.
 * Not thread-safe on purpose: a row is touched only by the one worker applying it, and by
 * the step thread only while no worker holds it (see {@link RowWorkers}).
 */
final class RowProgress {

	private final RowPlan plan;

	private final Deque<PlannedCall> pending;

	private final Set<Outcome> outcomes = EnumSet.noneOf(Outcome.class);

	private final StringBuilder detail;

	private final CreateState create;

	private Long viewerId;

	private int requests;

	private PlannedCall inDoubt;

	private boolean finished;

	private RowRejectedException rejection;

	private RuntimeException failure;

	// why the row waits for a later round, while it does
	private String deferral;

	// the API's answer that the email is taken, kept for a refusal rounds later
	private RejectedApiException takenAnswer;

	RowProgress(RowPlan plan, CreateState create) {
		this.plan = plan;
		this.create = create;
		this.pending = new ArrayDeque<>(plan.calls());
		this.viewerId = plan.viewerId();
		this.detail = new StringBuilder(plan.detail());
	}

	RowPlan plan() {
		return this.plan;
	}

	long line() {
		return this.plan.line();
	}

	String email() {
		return this.plan.email();
	}

	Long viewerId() {
		return this.viewerId;
	}

	PlannedCall nextCall() {
		return this.pending.peekFirst();
	}

	void countRequest() {
		this.requests++;
	}

	boolean sentAny() {
		return this.requests > 0;
	}

	/** Whether this row's create may be sent, and what became of the ones sent. */
	CreateState create() {
		return this.create;
	}

	/** How many calls are still to be sent (to start the longest rows first). */
	int callsLeft() {
		return this.pending.size();
	}

	/**
	 * A call is on its way, or failed in a way that leaves open whether the API applied
	 * it.
	 */
	void inDoubt(PlannedCall call) {
		this.inDoubt = call;
	}

	boolean wasInDoubt(PlannedCall call) {
		return call.equals(this.inDoubt);
	}

	void completed(PlannedCall call) {
		this.pending.removeFirst();
		this.outcomes.add(call.outcome());
		this.inDoubt = null;
	}

	void created(long id) {
		this.viewerId = id;
		completed(this.pending.peekFirst());
	}

	/**
	 * The viewer turned out to exist already: work on it with the calls planned against
	 * it instead.
	 */
	void adopt(long id, List<PlannedCall> calls, boolean createdByUs) {
		this.viewerId = id;
		this.pending.clear();
		this.pending.addAll(calls);
		if (createdByUs) {
			this.outcomes.add(Outcome.CREATED);
		}
	}

	void note(String text) {
		if (!this.detail.isEmpty()) {
			this.detail.append("; ");
		}
		this.detail.append(text);
	}

	boolean finished() {
		return this.finished;
	}

	void finish() {
		this.finished = true;
		this.failure = null;
	}

	void reject(RowRejectedException rejection) {
		this.rejection = rejection;
		this.finish();
	}

	RowRejectedException rejection() {
		return this.rejection;
	}

	void fail(RuntimeException failure) {
		this.failure = failure;
	}

	/**
	 * The API kept the row from finishing (a transient failure, a create still in doubt):
	 * it is tried again in a later round, going on from what it has done.
	 */
	void defer(String reason) {
		this.deferral = reason;
		this.failure = null;
	}

	/** Why the row waits for a later round, or null. */
	String deferral() {
		return this.deferral;
	}

	/** The row is tried again: nothing of an earlier attempt's failure holds. */
	void resume() {
		this.deferral = null;
		this.failure = null;
	}

	void takenAnswer(RejectedApiException answer) {
		this.takenAnswer = answer;
	}

	/** The API's answer that the email is taken, when this execution had one. */
	RejectedApiException takenAnswer() {
		return this.takenAnswer;
	}

	RuntimeException failure() {
		return this.failure;
	}

	/**
	 * What has been done so far, for a refusal message ("viewer 12 created; then ...").
	 */
	String doneSoFar() {
		if (this.outcomes.isEmpty()) {
			return "";
		}
		return "viewer " + this.viewerId + " "
				+ this.outcomes.stream().map(Outcome::label).collect(Collectors.joining(" and ")) + " first";
	}

	RowResult result() {
		return new RowResult(line(), email(), this.viewerId, this.outcomes, this.requests, this.detail.toString());
	}

}
