package org.viewerbatch.client;

import java.util.concurrent.CancellationException;

/**
 * A request whose answer a stop did not await: it may have reached the API and made its
 * change, so that change is in doubt until a look-up settles it.
 */
public final class AbandonedRequestException extends CancellationException {

	AbandonedRequestException(String request, Throwable cause) {
		super("the run stopped before the answer to " + request + " came: it may have happened");
		initCause(cause);
	}

}
