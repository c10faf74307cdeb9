package org.viewerbatch.exports;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

/**
 * What one run of {@code exportViewersJob} exports, and its translation to and from job
 * parameters (never a secret).
 *
 * @param workspaceId the workspace whose viewers are exported
 * @param apiUrl the API base URL, recorded so that runs against different servers stay
 * apart
 * @param output the file to write; {@code null} for standard output
 * @param format the layout of the file
 * @param statuses the viewer statuses to keep (lower case); empty keeps every viewer
 * @param excel write a UTF-8 BOM and CRLF line ends
 * @param formulaGuard neutralise cells that a spreadsheet would run as a formula
 * @param runAt when the run was asked for: makes every run its own job instance
 */
public record ExportRequest(long workspaceId, String apiUrl, Path output, ExportFormat format, Set<String> statuses,
		boolean excel, boolean formulaGuard, Instant runAt) {

	/** The {@code output} parameter value that means standard output. */
	public static final String STANDARD_OUTPUT = "-";

	/** The statuses the API documents for a viewer. */
	public static final Set<String> KNOWN_STATUSES = Set.of("active", "inactive", "left");

	static final String WORKSPACE_ID = "workspace.id";

	static final String API_URL = "api.url";

	static final String OUTPUT = "output";

	static final String FORMAT = "format";

	static final String STATUS = "status";

	static final String EXCEL = "excel";

	static final String FORMULA_GUARD = "formula.guard";

	static final String RUN_AT = "run.at";

	private static final DateTimeFormatter FILE_STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
		.withZone(ZoneOffset.UTC);

	public ExportRequest {
		statuses = Set.copyOf(statuses);
	}

	/**
	 * The file an export writes when no {@code --output} is given:
	 * {@code viewers-<workspace>-<UTC time>.csv} ({@code assignments-…} for that format)
	 * in {@code directory}.
	 */
	public static Path defaultOutput(Path directory, long workspaceId, ExportFormat format, Instant at) {
		return directory.resolve(format.optionValue() + "-" + workspaceId + "-" + FILE_STAMP.format(at) + ".csv");
	}

	/**
	 * Parses {@code --status active,left}: trimmed, lower-cased, each one of
	 * {@link #KNOWN_STATUSES}.
	 * @throws IllegalArgumentException naming the unknown value and the accepted ones
	 */
	public static Set<String> parseStatuses(String list) {
		Set<String> statuses = new LinkedHashSet<>();
		for (String value : list.split(",")) {
			String status = value.trim().toLowerCase(Locale.ROOT);
			if (!KNOWN_STATUSES.contains(status)) {
				throw new IllegalArgumentException("unknown status '" + value.trim() + "'; use one or more of "
						+ KNOWN_STATUSES.stream().sorted().collect(Collectors.joining(",")));
			}
			statuses.add(status);
		}
		return statuses;
	}

	/**
	 * The job parameters of this run: the identifying ones make each run its own
	 * instance.
	 */
	public JobParameters toJobParameters() {
		JobParametersBuilder builder = new JobParametersBuilder().addLong(WORKSPACE_ID, this.workspaceId)
			.addString(API_URL, this.apiUrl)
			.addString(OUTPUT, (this.output != null) ? this.output.toString() : STANDARD_OUTPUT)
			.addString(RUN_AT, this.runAt.toString())
			.addString(FORMAT, this.format.optionValue(), false)
			.addJobParameter(EXCEL, this.excel, Boolean.class, false)
			.addJobParameter(FORMULA_GUARD, this.formulaGuard, Boolean.class, false);
		if (!this.statuses.isEmpty()) {
			builder.addString(STATUS, this.statuses.stream().sorted().collect(Collectors.joining(",")), false);
		}
		return builder.toJobParameters();
	}

	static ExportRequest from(JobParameters parameters) {
		String output = parameters.getString(OUTPUT, STANDARD_OUTPUT);
		String status = parameters.getString(STATUS, "");
		return new ExportRequest(parameters.getLong(WORKSPACE_ID), parameters.getString(API_URL),
				STANDARD_OUTPUT.equals(output) ? null : Path.of(output),
				ExportFormat.fromOption(parameters.getString(FORMAT, ExportFormat.VIEWERS.optionValue())),
				status.isEmpty() ? Set.of() : parseStatuses(status), flag(parameters, EXCEL, false),
				flag(parameters, FORMULA_GUARD, true), Instant.parse(parameters.getString(RUN_AT)));
	}

	private static boolean flag(JobParameters parameters, String name, boolean absent) {
		Object value = (parameters.getParameter(name) != null) ? parameters.getParameter(name).value() : null;
		return (value != null) ? Boolean.parseBoolean(value.toString()) : absent;
	}

	/** Where the file goes, for messages: the path, or "standard output". */
	String destination() {
		return (this.output != null) ? this.output.toString() : "standard output";
	}

}
