package org.viewerbatch.client;

/**
 * A call to the API that did not succeed, e.g.
 * {@code POST /project-viewers → 400: The email has already been taken.}; the message
 * never contains the token.
 */
public abstract sealed class ApiException extends RuntimeException
		permits TransientApiException, RejectedApiException, AuthApiException {

	private final String request;

	private final int status;

	private final String apiMessage;

	ApiException(String request, int status, String apiMessage, Throwable cause) {
		super(request + " → " + ((status != 0) ? String.valueOf(status) : "no response") + ": " + apiMessage, cause);
		this.request = request;
		this.status = status;
		this.apiMessage = apiMessage;
	}

	/** The HTTP status, or 0 when no response came (I/O error, timeout, reset). */
	public int status() {
		return this.status;
	}

	/** The API's {@code message} (or what went wrong on the wire). */
	public String apiMessage() {
		return this.apiMessage;
	}

	/** Method and path relative to the API root, e.g. {@code POST /project-viewers}. */
	public String request() {
		return this.request;
	}

}
