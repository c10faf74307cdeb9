package org.viewerbatch.cli;

/** A setting that is missing or malformed: reported in one line, exit code 2. */
class ConfigurationException extends RuntimeException {

	ConfigurationException(String message) {
		super(message);
	}

}
