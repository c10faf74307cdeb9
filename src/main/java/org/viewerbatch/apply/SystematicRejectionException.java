package org.viewerbatch.apply;

/**
 * The API refuses every row the same way: the job stops instead of sending the rest of
 * the file.
 */
public class SystematicRejectionException extends RuntimeException {

	SystematicRejectionException(String message) {
		super(message);
	}

}
