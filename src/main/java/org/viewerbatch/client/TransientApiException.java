package org.viewerbatch.client;

import java.time.Duration;
import java.util.Optional;

/**
 * A failure that may pass if the same request is sent again later: 429, 5xx, 408, I/O
 * errors, timeouts, resets.
 */
public final class TransientApiException extends ApiException {

	private final Duration retryAfter;

	/**
	 * {@code retryAfter} is the server's {@code Retry-After}, {@code null} when it sent
	 * none.
	 */
	public TransientApiException(String request, int status, String apiMessage, Duration retryAfter, Throwable cause) {
		super(request, status, apiMessage, cause);
		this.retryAfter = retryAfter;
	}

	/** How long the server asked us to wait, when it said so. */
	public Optional<Duration> retryAfter() {
		return Optional.ofNullable(this.retryAfter);
	}

}
