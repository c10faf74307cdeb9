package org.viewerbatch.imports;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;

/**
 * A file of a completed run could not be written: the run is not complete, and running
 * the same command again writes it from the ledger without sending anything.
 */
final class PublishException extends RuntimeException {

	/**
	 * @param cause its reason becomes part of the message, which is what the command
	 * prints
	 */
	PublishException(String name, Path target, IOException cause) {
		super("cannot write the " + name + " file " + target + ": " + reason(cause)
				+ "; nothing more needs sending: run the same command again to write the files");
	}

	static String reason(IOException cause) {
		if (cause instanceof AccessDeniedException) {
			return "permission denied";
		}
		if (cause instanceof FileSystemException fileSystem && fileSystem.getReason() != null) {
			// its message would name the path again
			return fileSystem.getReason();
		}
		return (cause.getMessage() != null) ? cause.getMessage() : cause.getClass().getSimpleName();
	}

}
