package org.viewerbatch.imports;

import java.nio.file.Path;

/**
 * The options every import command shares, as given on the command line ({@code null} = not given).
 */
public record ImportRequest(Path file, boolean dryRun, Path results, Path rejects, Path plan,
		Long skipLimit, Integer chunkSize, String delimiter, String encoding, String columnMap) {
}
