package org.viewerbatch.imports;

import java.nio.file.Path;

/**
 * The options every import command shares, as given on the command line ({@code null} =
 * not given).
 *
 * @param projectMap a CSV file {@code from,to} that rewrites the file's project ids
 * ({@code --project-map})
 */
public record ImportRequest(Path file, boolean dryRun, Path results, Path rejects, Path plan, Long skipLimit,
		Integer chunkSize, String delimiter, String encoding, String columnMap, Path projectMap) {

	/** Without a project map. */
	public ImportRequest(Path file, boolean dryRun, Path results, Path rejects, Path plan, Long skipLimit,
			Integer chunkSize, String delimiter, String encoding, String columnMap) {
		this(file, dryRun, results, rejects, plan, skipLimit, chunkSize, delimiter, encoding, columnMap, null);
	}

}
