package org.viewerbatch.sandbox;

import java.util.List;
import java.util.Map;

/**
 * An error answer of an API call: status, message and, for Laravel-style 422s, the field
 * errors.
 */
final class ApiError extends RuntimeException {

	private final int status;

	private final Map<String, List<String>> fieldErrors;

	ApiError(int status, String message) {
		this(status, message, Map.of());
	}

	ApiError(int status, String message, Map<String, List<String>> fieldErrors) {
		super(message, null, false, false);
		this.status = status;
		this.fieldErrors = fieldErrors;
	}

	int status() {
		return this.status;
	}

	Map<String, List<String>> fieldErrors() {
		return this.fieldErrors;
	}

}
