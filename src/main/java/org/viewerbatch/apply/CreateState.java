package org.viewerbatch.apply;

/**
 * The one place that decides whether a row's create may be sent. A create sends an
 * invitation email and the API has no idempotency key, so a create is in doubt from the
 * moment it is sent until an answer or a look-up by email settles it; another is sent
 * only after a look-up has shown that the earlier one did not happen, and never more than
 * {@link #MAX_CREATES} in all for one row, counted across chunk retries and restarts.
 */
final class CreateState {

	/** The creates one row may ever send, whatever is retried or restarted. */
	static final int MAX_CREATES = 3;

	enum State {

		/** No create of this row may have happened: another may be sent. */
		NOT_SENT,

		/** A create was sent and nothing has shown whether it happened: look it up. */
		IN_DOUBT,

		/** The viewer exists: created by this row or found by a look-up. */
		DONE,

		/**
		 * {@link #MAX_CREATES} creates were sent and none happened: nothing more is sent.
		 */
		GIVEN_UP

	}

	private State state;

	private int sent;

	private String lastFailure = "";

	private CreateState(State state, int sent) {
		this.state = state;
		this.sent = sent;
	}

	/** A row that has not sent a create yet. */
	static CreateState notSent() {
		return new CreateState(State.NOT_SENT, 0);
	}

	State state() {
		return this.state;
	}

	/** Creates this row has sent so far. */
	int sent() {
		return this.sent;
	}

	/** Whether a create may be sent now: nothing in doubt, and the cap not reached. */
	boolean maySend() {
		return this.state == State.NOT_SENT;
	}

	/** Whether a look-up must come before anything else. */
	boolean inDoubt() {
		return this.state == State.IN_DOUBT;
	}

	boolean givenUp() {
		return this.state == State.GIVEN_UP;
	}

	/**
	 * A create is about to be sent: from now until it is settled it counts as in doubt,
	 * whatever happens to the thread sending it.
	 */
	void sending() {
		if (!maySend()) {
			throw new IllegalStateException("no create may be sent in state " + this.state + " after " + this.sent);
		}
		this.sent++;
		this.state = State.IN_DOUBT;
	}

	/** The API answered the create with the new viewer. */
	void created() {
		expect(State.IN_DOUBT, "created");
		this.state = State.DONE;
	}

	/**
	 * The create failed in a way that leaves open whether it happened (5xx, timeout,
	 * reset): it stays in doubt until a look-up.
	 */
	void failed(String failure) {
		expect(State.IN_DOUBT, "failed");
		this.lastFailure = failure;
	}

	/** The API refused the create (a 4xx, a refused token): it did not happen. */
	void refused() {
		expect(State.IN_DOUBT, "refused");
		this.state = notHappened();
	}

	/**
	 * The API refused the create because the email is taken: this create did not happen,
	 * but an earlier one of this row may have (then it is still in doubt).
	 */
	void taken() {
		expect(State.IN_DOUBT, "taken");
		this.state = (this.sent > 1) ? State.IN_DOUBT : notHappened();
	}

	/**
	 * A look-up found the viewer.
	 * @return whether the viewer is this row's own (a create of it was in doubt), so the
	 * invitation came from this row
	 */
	boolean found() {
		boolean ours = this.state == State.IN_DOUBT;
		this.state = State.DONE;
		return ours;
	}

	/**
	 * A look-up did not find the viewer: the create in doubt did not happen; at the cap
	 * the row gives up.
	 */
	void notFound() {
		if (this.state == State.IN_DOUBT) {
			this.state = notHappened();
		}
	}

	/** No create of this row happened: another may be sent, unless the cap is reached. */
	private State notHappened() {
		return (this.sent < MAX_CREATES) ? State.NOT_SENT : State.GIVEN_UP;
	}

	/**
	 * The last unclear answer to a create, e.g. {@code 503 Service Unavailable}, or
	 * empty.
	 */
	String lastFailure() {
		return this.lastFailure;
	}

	/**
	 * Whether this state must survive a restart: creates were sent and the viewer is not
	 * known to exist.
	 */
	boolean worthKeeping() {
		return this.sent > 0 && this.state != State.DONE;
	}

	/**
	 * The form kept in the step's execution context, e.g. {@code IN_DOUBT 2}; read back
	 * by {@link #restored}.
	 */
	String persisted() {
		return this.state + " " + this.sent;
	}

	/** A state kept by {@link #persisted} in an earlier execution of the same run. */
	static CreateState restored(String persisted) {
		String[] parts = persisted.trim().split(" ");
		if (parts.length != 2) {
			throw new IllegalArgumentException("not a kept create state: '" + persisted + "'");
		}
		State state = State.valueOf(parts[0]);
		int sent = Integer.parseInt(parts[1]);
		if (sent < 0) {
			throw new IllegalArgumentException("not a kept create state: '" + persisted + "'");
		}
		CreateState restored = new CreateState(state, sent);
		if (state == State.NOT_SENT) {
			// a cap lowered since the state was kept holds all the same
			restored.state = restored.notHappened();
		}
		return restored;
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
