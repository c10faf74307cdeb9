package org.viewerbatch.apply;

import java.time.Duration;
import java.time.Instant;

/**
 * The one place that decides whether a row's create may be sent. A create sends an
 * invitation email and the API has no idempotency key, so a create is in doubt from the
 * moment it is sent until an answer or a look-up by email settles it. Lists and searches
 * may show a new viewer only seconds after its create, so a look-up that does not find it
 * proves that it did not happen only once {@link #LIST_LAG} has passed since the create's
 * answer; until then the row waits, and no other create is sent.
 * <p>
 * Transitions: {@code NOT_SENT → IN_DOUBT} ({@link #sending}); {@code IN_DOUBT → DONE}
 * ({@link #created}, or {@link #found}); {@code IN_DOUBT → TAKEN} (the API says the email
 * is taken: {@link #taken}); {@code IN_DOUBT → NOT_SENT} (refused, or not found long
 * enough after: {@link #notFound}); {@code TAKEN → DONE} ({@link #found}); {@code DONE →
 * IN_DOUBT} (its viewer is gone: {@link #gone}).
 */
final class CreateState {

	/**
	 * How long after a create's answer a look-up may still miss the viewer it created.
	 */
	static final Duration LIST_LAG = Duration.ofSeconds(30);

	enum State {

		/** No create of this row may have happened: one may be sent. */
		NOT_SENT,

		/** A create was sent and nothing has shown whether it happened: look it up. */
		IN_DOUBT,

		/**
		 * The API refused a create because the email is taken, and no look-up has found
		 * who holds it yet: look it up.
		 */
		TAKEN,

		/** The viewer exists: created by this row or found by a look-up. */
		DONE

	}

	/** What a look-up that did not find the viewer means for the row. */
	enum NotFound {

		/** The create in doubt did not happen: another may be sent. */
		SEND_AGAIN,

		/** Too early to tell: the list may not show the viewer yet; the row waits. */
		WAIT,

		/**
		 * The email is taken by a viewer that no look-up shows, and not by a create of
		 * this row: the row is refused.
		 */
		HIDDEN

	}

	private State state;

	private int sent;

	// when the state last changed for an answer (a create's failure, a 'taken'): a
	// look-up
	// proves nothing until LIST_LAG after it
	private Instant since;

	private Long viewerId;

	private String lastFailure = "";

	private CreateState(State state, int sent, Instant since, Long viewerId) {
		this.state = state;
		this.sent = sent;
		this.since = since;
		this.viewerId = viewerId;
	}

	/** A row that has not sent a create yet. */
	static CreateState notSent() {
		return new CreateState(State.NOT_SENT, 0, Instant.EPOCH, null);
	}

	State state() {
		return this.state;
	}

	/** Creates this row has sent so far. */
	int sent() {
		return this.sent;
	}

	/** The viewer a create of this row made or a look-up found, once DONE. */
	Long viewerId() {
		return this.viewerId;
	}

	/** Whether a create may be sent now: none of this row may have happened. */
	boolean maySend() {
		return this.state == State.NOT_SENT;
	}

	/** Whether a look-up must come before anything else. */
	boolean mustLookUp() {
		return this.state == State.IN_DOUBT || this.state == State.TAKEN;
	}

	/**
	 * A create is about to be sent: from now until it is settled it counts as in doubt,
	 * whatever happens to the thread sending it.
	 */
	void sending(Instant now) {
		if (!maySend()) {
			throw new IllegalStateException("no create may be sent in state " + this.state + " after " + this.sent);
		}
		this.sent++;
		this.state = State.IN_DOUBT;
		this.since = now;
	}

	/** The API answered the create with the new viewer. */
	void created(long id) {
		expect(State.IN_DOUBT, "created");
		this.state = State.DONE;
		this.viewerId = id;
	}

	/**
	 * The create failed in a way that leaves open whether it happened (5xx, timeout,
	 * reset): it stays in doubt until a look-up made long enough after.
	 */
	void failed(String failure, Instant now) {
		expect(State.IN_DOUBT, "failed");
		this.lastFailure = failure;
		this.since = now;
	}

	/**
	 * The API refused the create (a 4xx about the row, a refused token): it did not
	 * happen.
	 */
	void refused() {
		expect(State.IN_DOUBT, "refused");
		this.state = State.NOT_SENT;
	}

	/**
	 * The API refused the create because the email is taken: this create did not happen,
	 * but the viewer exists; when an earlier create of this row was in doubt, probably by
	 * that one.
	 */
	void taken(Instant now) {
		expect(State.IN_DOUBT, "taken");
		this.state = State.TAKEN;
		this.since = now;
	}

	/**
	 * Whether the viewer that holds the email probably came from this row: an earlier
	 * create of it was in doubt before the one refused as taken.
	 */
	boolean takenByOurs() {
		return this.state == State.TAKEN && this.sent > 1;
	}

	/**
	 * A look-up found the viewer.
	 * @return whether the viewer is this row's own (a create of it was in doubt), so the
	 * invitation came from this row
	 */
	boolean found(long id) {
		boolean ours = this.state == State.IN_DOUBT || takenByOurs();
		this.state = State.DONE;
		this.viewerId = id;
		return ours;
	}

	/**
	 * The viewer a create of this row made is no longer there (404 by its id): whether
	 * the row's viewer exists is open again, and a look-up by email settles it.
	 */
	void gone(Instant now) {
		expect(State.DONE, "gone");
		this.state = State.IN_DOUBT;
		this.viewerId = null;
		this.since = now;
	}

	/**
	 * A look-up at {@code now} did not find the viewer.
	 * @return what the row does next
	 */
	NotFound notFound(Instant now) {
		if (!mustLookUp()) {
			throw new IllegalStateException("'not found' in state " + this.state);
		}
		if (now.isBefore(this.since.plus(LIST_LAG))) {
			return NotFound.WAIT;
		}
		if (this.state == State.IN_DOUBT) {
			this.state = State.NOT_SENT;
			return NotFound.SEND_AGAIN;
		}
		// taken, and the list has had time to show the holder: if a create of ours may be
		// it, the row keeps waiting rather than refuse a viewer this run may have invited
		return takenByOurs() ? NotFound.WAIT : NotFound.HIDDEN;
	}

	/**
	 * The last unclear answer to a create, e.g. {@code 503 Service Unavailable}, or
	 * empty.
	 */
	String lastFailure() {
		return this.lastFailure;
	}

	/**
	 * Whether this state must survive a restart of a row not yet recorded: creates were
	 * sent (the viewer may exist although a lagging list does not show it).
	 */
	boolean worthKeeping() {
		return this.sent > 0;
	}

	/**
	 * The form kept in the step's execution context, e.g. {@code IN_DOUBT 2 1764000000000
	 * -} or {@code DONE 1 1764000000000 42}; read back by {@link #restored}.
	 */
	String persisted() {
		return this.state + " " + this.sent + " " + this.since.toEpochMilli() + " "
				+ ((this.viewerId != null) ? this.viewerId : "-");
	}

	/**
	 * A state kept by {@link #persisted} in an earlier execution of the same run; a state
	 * kept before the time was (two parts) counts from {@code now}.
	 */
	static CreateState restored(String persisted, Instant now) {
		String[] parts = persisted.trim().split(" ");
		try {
			if (parts.length != 2 && parts.length != 4) {
				throw new IllegalArgumentException("expected 2 or 4 parts");
			}
			// GIVEN_UP: kept by an older version that capped a row's creates; look it up
			// again
			State state = parts[0].equals("GIVEN_UP") ? State.IN_DOUBT : State.valueOf(parts[0]);
			int sent = Integer.parseInt(parts[1]);
			if (sent < 0) {
				throw new IllegalArgumentException("a negative count");
			}
			Instant since = (parts.length == 4) ? Instant.ofEpochMilli(Long.parseLong(parts[2])) : now;
			Long viewerId = (parts.length == 4 && !parts[3].equals("-")) ? Long.valueOf(parts[3]) : null;
			if (state == State.DONE && viewerId == null) {
				// kept by an older version, which forgot DONE states: look it up again
				state = State.IN_DOUBT;
			}
			return new CreateState(state, sent, since, viewerId);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("not a kept create state: '" + persisted + "'", ex);
		}
	}

	private void expect(State expected, String transition) {
		if (this.state != expected) {
			throw new IllegalStateException("'" + transition + "' in state " + this.state);
		}
	}

	@Override
	public String toString() {
		return persisted();
	}

}
