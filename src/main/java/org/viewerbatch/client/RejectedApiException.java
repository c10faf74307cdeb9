package org.viewerbatch.client;

import java.util.List;
import java.util.Map;

/**
 * The API refused this request (a 4xx other than 401/403/408/429): sending it again will
 * not help.
 */
public final class RejectedApiException extends ApiException {

	private final Map<String, List<String>> fieldErrors;

	/**
	 * {@code fieldErrors} is a Laravel-style {@code errors} map (field → messages), empty
	 * when none was sent.
	 */
	public RejectedApiException(String request, int status, String apiMessage, Map<String, List<String>> fieldErrors) {
		super(request, status, apiMessage, null);
		this.fieldErrors = Map.copyOf(fieldErrors);
	}

	/**
	 * Messages per field, e.g. {@code email → [The email has already been taken.]}; empty
	 * when none was sent.
	 */
	public Map<String, List<String>> fieldErrors() {
		return this.fieldErrors;
	}

}
