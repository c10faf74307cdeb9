package org.viewerbatch.imports;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;

import org.springframework.batch.core.job.parameters.JobParametersBuilder;

import org.viewerbatch.csv.CsvInputOptions;
import org.viewerbatch.csv.InputFileException;

/**
 * Turns an import request into job parameters. The file (its absolute path and its
 * SHA-256), the workspace and the API identify a run: the same command after a failure
 * restarts it, and a completed file is not applied twice (the command line adds an
 * identifying {@code rerun.at} for --rerun). A dry run is always a run of its own, and
 * never marks the file imported. A project map (its path and SHA-256) identifies the run
 * too. Never a secret in here.
 */
public final class ImportJobParameters {

	public static final String INPUT_FILE = "input.file";

	public static final String INPUT_SHA256 = "input.sha256";

	public static final String WORKSPACE_ID = "workspace.id";

	public static final String API_URL = "api.url";

	public static final String DRY_RUN_AT = "dry.run.at";

	public static final String DRY_RUN = "dry.run";

	public static final String RESULTS_FILE = "results.file";

	public static final String REJECTS_FILE = "rejects.file";

	public static final String PLAN_FILE = "plan.file";

	public static final String SKIP_LIMIT = "skip.limit";

	public static final String CHUNK_SIZE = "chunk.size";

	public static final String DELIMITER = "delimiter";

	public static final String ENCODING = "encoding";

	public static final String COLUMN_MAP = "column.map";

	public static final String PROJECT_MAP = "project.map";

	public static final String PROJECT_MAP_SHA256 = "project.map.sha256";

	static final int DEFAULT_CHUNK_SIZE = 20;

	private ImportJobParameters() {
	}

	/**
	 * The parameters every import has; the command adds its own.
	 * @throws InputFileException when the file cannot be read
	 * @throws IllegalArgumentException when an option is not valid (the message says
	 * which and why)
	 */
	public static JobParametersBuilder builder(ImportRequest request, long workspaceId, URI apiUrl, Instant now) {
		Path file = request.file().toAbsolutePath().normalize();
		checkOptions(request);
		JobParametersBuilder parameters = new JobParametersBuilder().addString(INPUT_FILE, file.toString(), true)
			.addString(INPUT_SHA256, sha256(file), true)
			.addLong(WORKSPACE_ID, workspaceId, true)
			.addString(API_URL, apiUrl.toString(), true)
			.addString(DRY_RUN, Boolean.toString(request.dryRun()), false)
			.addString(RESULTS_FILE, output(request.results(), file, "results").toString(), false)
			.addString(REJECTS_FILE, output(request.rejects(), file, "rejects").toString(), false)
			.addString(PLAN_FILE, output(request.plan(), file, "plan").toString(), false)
			.addLong(SKIP_LIMIT, (request.skipLimit() != null) ? request.skipLimit() : Long.MAX_VALUE, false)
			.addLong(CHUNK_SIZE, (long) ((request.chunkSize() != null) ? request.chunkSize() : DEFAULT_CHUNK_SIZE),
					false)
			.addString(DELIMITER, (request.delimiter() != null) ? request.delimiter() : "auto", false)
			.addString(ENCODING, (request.encoding() != null) ? request.encoding() : "UTF-8", false)
			.addString(COLUMN_MAP, (request.columnMap() != null) ? request.columnMap() : "", false);
		if (request.dryRun()) {
			parameters.addString(DRY_RUN_AT, now.toString(), true);
		}
		if (request.projectMap() != null) {
			// another map is another import; the same map after a failure resumes the run
			Path map = request.projectMap().toAbsolutePath().normalize();
			parameters.addString(PROJECT_MAP, map.toString(), true).addString(PROJECT_MAP_SHA256, sha256(map), true);
			ProjectMap.read(map);
		}
		return parameters;
	}

	private static void checkOptions(ImportRequest request) {
		if (request.chunkSize() != null && request.chunkSize() < 1) {
			throw new IllegalArgumentException("--chunk-size must be at least 1");
		}
		if (request.skipLimit() != null && request.skipLimit() < 0) {
			throw new IllegalArgumentException("--skip-limit must not be negative");
		}
		CsvInputOptions.parseDelimiter(request.delimiter());
		if (request.encoding() != null) {
			encoding(request.encoding());
		}
		if (request.columnMap() != null && !request.columnMap().isBlank()) {
			CsvInputOptions.parseMap(request.columnMap());
		}
	}

	static Charset encoding(String option) {
		try {
			return Charset.forName(option);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException(
					"--encoding: unknown character set '" + option + "' (e.g. UTF-8, windows-1252, ISO-8859-1)", ex);
		}
	}

	/** The given path, or NAME.kind.csv next to the input file NAME.csv. */
	private static Path output(Path given, Path input, String kind) {
		Path path = (given != null) ? given.toAbsolutePath().normalize()
				: input.resolveSibling(baseName(input) + "." + kind + ".csv");
		if (path.equals(input)) {
			throw new IllegalArgumentException("the " + kind + " file must not be the input file " + input);
		}
		return path;
	}

	private static String baseName(Path input) {
		String name = input.getFileName().toString();
		int dot = name.lastIndexOf('.');
		return (dot > 0 && name.substring(dot).toLowerCase(Locale.ROOT).matches("\\.(csv|tsv|txt)"))
				? name.substring(0, dot) : name;
	}

	static String sha256(Path file) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
				in.transferTo(OutputStream.nullOutputStream());
			}
			return HexFormat.of().formatHex(digest.digest());
		}
		catch (NoSuchFileException ex) {
			throw new InputFileException(file, 0, "no such file");
		}
		catch (IOException ex) {
			throw new InputFileException(file, 0, "cannot read the file: " + ex.getMessage());
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is not available", ex);
		}
	}

}
