package org.viewerbatch.exports;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.viewerbatch.client.ProjectRef;
import org.viewerbatch.client.Viewer;

/**
 * The two layouts of an export file: one row per viewer, or one row per viewer and
 * project.
 */
public enum ExportFormat {

	/**
	 * {@code id,email,firstname,lastname,status,member_since,projects,project_names}: a
	 * viewers import file.
	 */
	VIEWERS("viewers",
			List.of("id", "email", "firstname", "lastname", "status", "member_since", "projects", "project_names")),

	/** {@code viewer_id,email,project_id,project_name}: an assignments import file. */
	ASSIGNMENTS("assignments", List.of("viewer_id", "email", "project_id", "project_name"));

	// the import side splits project lists on ';' (or '|'), so the export joins them with
	// ';'
	private static final String LIST_SEPARATOR = ";";

	private final String optionValue;

	private final List<String> header;

	ExportFormat(String optionValue, List<String> header) {
		this.optionValue = optionValue;
		this.header = header;
	}

	/** Parses the value of {@code --format}, case-insensitively. */
	public static ExportFormat fromOption(String value) {
		String wanted = value.trim().toLowerCase(Locale.ROOT);
		return Arrays.stream(values())
			.filter((format) -> format.optionValue.equals(wanted))
			.findFirst()
			.orElseThrow(
					() -> new IllegalArgumentException("unknown format '" + value + "'; use one of " + optionValues()));
	}

	static String optionValues() {
		return Arrays.stream(values()).map(ExportFormat::optionValue).collect(Collectors.joining(", "));
	}

	/** The value of {@code --format} that selects this layout. */
	public String optionValue() {
		return this.optionValue;
	}

	List<String> header() {
		return this.header;
	}

	/**
	 * The rows one viewer contributes: itself, or one per assigned project (none when it
	 * has no project).
	 */
	Stream<ExportRow> rows(Viewer viewer) {
		return switch (this) {
			case VIEWERS -> Stream.of(new ExportRow(viewer, null));
			case ASSIGNMENTS -> viewer.projects().stream().map((project) -> new ExportRow(viewer, project));
		};
	}

	List<String> cells(ExportRow row) {
		Viewer viewer = row.viewer();
		return switch (this) {
			case VIEWERS -> List.of(Long.toString(viewer.id()), text(viewer.email()), text(viewer.firstname()),
					text(viewer.lastname()), text(viewer.status()), memberSince(viewer.memberSince()),
					joined(viewer.projects().stream().map((project) -> Long.toString(project.projectId()))),
					joined(viewer.projects().stream().map(ProjectRef::projectName).map(ExportFormat::text)));
			case ASSIGNMENTS -> List.of(Long.toString(viewer.id()), text(viewer.email()),
					Long.toString(row.project().projectId()), text(row.project().projectName()));
		};
	}

	private static String memberSince(Instant memberSince) {
		// whole seconds in UTC ("2024-03-01T09:30:00Z"): what every spreadsheet and date
		// parser reads
		return (memberSince != null) ? memberSince.truncatedTo(ChronoUnit.SECONDS).toString() : "";
	}

	private static String joined(Stream<String> values) {
		return values.collect(Collectors.joining(LIST_SEPARATOR));
	}

	private static String text(String value) {
		return (value != null) ? value : "";
	}

}
