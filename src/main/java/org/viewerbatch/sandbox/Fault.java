package org.viewerbatch.sandbox;

import java.time.Duration;
import java.util.Objects;

/**
 * A failure the sandbox injects into one request, chosen by a {@link FaultPlan}.
 */
public sealed interface Fault {

	/** Answer with that status and an error envelope; change nothing. */
	static Fault status(int code) {
		return new Status(code, null);
	}

	/**
	 * Answer with that status, an error envelope and a {@code Retry-After} header; change
	 * nothing.
	 */
	static Fault status(int code, Duration retryAfter) {
		return new Status(code, Objects.requireNonNull(retryAfter, "retryAfter"));
	}

	/**
	 * Apply the request, then answer 500: the change happened, the response says it did
	 * not.
	 */
	static Fault commitThen500() {
		return new CommitThen500();
	}

	/** Close the connection without sending any response. */
	static Fault dropConnection() {
		return new DropConnection();
	}

	/**
	 * Wait that long, then process the request normally: a real sleep, or on the
	 * sandbox's fake clock when its options give a {@link Pause} that moves one.
	 */
	static Fault delay(Duration d) {
		return new Delay(Objects.requireNonNull(d, "delay"));
	}

	/**
	 * Wait that long in real time whatever the sandbox's {@link Pause}, then process the
	 * request normally: an answer that comes after the client's read timeout has expired,
	 * in a test whose clock is otherwise fake.
	 */
	static Fault stall(Duration d) {
		return new Stall(Objects.requireNonNull(d, "stall"));
	}

	/**
	 * Run the action (what a rehearsal makes happen at that moment: a database cut off, a
	 * process killed), then process the request normally. Given in code only, not in a
	 * fault plan's text.
	 */
	static Fault before(Runnable action) {
		return new Before(Objects.requireNonNull(action, "action"));
	}

	/** An injected status answer. */
	record Status(int code, Duration retryAfter) implements Fault {
		public Status {
			if (code < 400 || code > 599) {
				throw new IllegalArgumentException("an injected status must be 4xx or 5xx, not " + code);
			}
		}

		@Override
		public String toString() {
			return (this.retryAfter == null) ? Integer.toString(this.code)
					: this.code + "/" + this.retryAfter.toSeconds();
		}
	}

	/** The request is applied and answered with 500. */
	record CommitThen500() implements Fault {
		@Override
		public String toString() {
			return "500-after-commit";
		}
	}

	/** The connection is closed with no response. */
	record DropConnection() implements Fault {
		@Override
		public String toString() {
			return "reset";
		}
	}

	/** An action run before normal processing. */
	record Before(Runnable action) implements Fault {
		@Override
		public String toString() {
			return "action";
		}
	}

	/** Extra latency before normal processing. */
	record Delay(Duration duration) implements Fault {
		public Delay {
			if (duration.isNegative()) {
				throw new IllegalArgumentException("a delay cannot be negative: " + duration);
			}
		}

		@Override
		public String toString() {
			return "delay:" + this.duration.toMillis();
		}
	}

	/** Extra latency in real time before normal processing. */
	record Stall(Duration duration) implements Fault {
		public Stall {
			if (duration.isNegative()) {
				throw new IllegalArgumentException("a stall cannot be negative: " + duration);
			}
		}

		@Override
		public String toString() {
			return "stall:" + this.duration.toMillis();
		}
	}

}
