package org.viewerbatch.imports;

/**
 * The API refuses every row the same way: the job stops instead of sending the rest of
 * the file.
 */
class SystematicRejectionException extends RuntimeException {

	SystematicRejectionException(String message) {
		super(message);
	}

}
