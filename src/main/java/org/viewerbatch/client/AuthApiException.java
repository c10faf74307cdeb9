package org.viewerbatch.client;

/** The token was refused (401) or lacks the right (403): nothing more should be sent. */
public final class AuthApiException extends ApiException {

	public AuthApiException(String request, int status, String apiMessage) {
		super(request, status, apiMessage, null);
	}

}
