package org.viewerbatch.csv;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Whether a file can be written where an option points, asked before the first request:
 * an output that cannot be published at the end would leave a run applied but its results
 * nowhere.
 */
public final class OutputTarget {

	private OutputTarget() {
	}

	/**
	 * Why {@code target} cannot be written (temporary file beside it, then renamed over
	 * it), or empty when it can.
	 */
	public static Optional<String> problem(Path target) {
		Path absolute = target.toAbsolutePath().normalize();
		if (Files.isDirectory(absolute)) {
			return Optional.of(absolute + " is a directory; give a file name");
		}
		Path parent = absolute.getParent();
		if (parent == null || !Files.isDirectory(parent)) {
			return Optional.of("the directory " + parent + " does not exist");
		}
		if (!Files.isWritable(parent)) {
			return Optional.of("cannot write in " + parent + " (not writable)");
		}
		return Optional.empty();
	}

}
