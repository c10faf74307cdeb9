package org.viewerbatch.apply;

import org.viewerbatch.client.ApiException;

/**
 * A row that cannot be applied, with the reason that goes into the rejects file; the step
 * skips it.
 */
public class RowRejectedException extends RuntimeException {

	private final long line;

	private final String error;

	private final Integer httpStatus;

	private final String streakKey;

	public RowRejectedException(long line, String error, Integer httpStatus, String message, String streakKey) {
		super(message);
		this.line = line;
		this.error = error;
		this.httpStatus = httpStatus;
		this.streakKey = streakKey;
	}

	/**
	 * A row refused before any request: invalid, duplicate, or not plannable against the
	 * workspace.
	 */
	public static RowRejectedException invalid(long line, String error, String message) {
		return new RowRejectedException(line, error, null, message, null);
	}

	/**
	 * A row the API refused; rows refused the same way one after another may mean a
	 * systematic failure.
	 */
	public static RowRejectedException refused(long line, ApiException refusal, String context) {
		String message = context.isEmpty() ? refusal.apiMessage() : context + "; " + refusal.apiMessage();
		return new RowRejectedException(line, "refused", refusal.status(), message,
				refusal.status() + " " + refusal.apiMessage());
	}

	/**
	 * A row whose refusal is specific to it, so it never counts towards a systematic
	 * failure.
	 */
	public static RowRejectedException refusedForThisRow(long line, ApiException refusal, String message) {
		return new RowRejectedException(line, "refused", refusal.status(), message, null);
	}

	public long line() {
		return this.line;
	}

	/**
	 * A short code: {@code invalid-email}, {@code duplicate}, {@code unknown-project},
	 * {@code refused}...
	 */
	public String error() {
		return this.error;
	}

	/** The API's status when the API refused the row, else {@code null}. */
	public Integer httpStatus() {
		return this.httpStatus;
	}

	/**
	 * What identifies "the same refusal" for the systematic-failure stop, or
	 * {@code null}.
	 */
	String streakKey() {
		return this.streakKey;
	}

}
