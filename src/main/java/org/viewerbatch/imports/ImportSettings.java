package org.viewerbatch.imports;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

import org.viewerbatch.csv.CsvInputOptions;
import org.viewerbatch.csv.CsvRowReader;

/**
 * An import run's settings, read back from its job parameters.
 *
 * @param projectMapFile the --project-map file, {@code null} without one
 */
record ImportSettings(Path inputFile, long workspaceId, boolean dryRun, Path resultsFile, Path rejectsFile,
		Path planFile, long skipLimit, int chunkSize, CsvInputOptions csv, Path projectMapFile) {

	static ImportSettings of(Map<String, Object> parameters) {
		String map = string(parameters, ImportJobParameters.COLUMN_MAP, "");
		CsvInputOptions csv = new CsvInputOptions(
				CsvInputOptions.parseDelimiter(string(parameters, ImportJobParameters.DELIMITER, "auto")),
				ImportJobParameters.encoding(string(parameters, ImportJobParameters.ENCODING, "UTF-8")),
				map.isBlank() ? Map.of() : CsvInputOptions.parseMap(map));
		return new ImportSettings(Path.of(string(parameters, ImportJobParameters.INPUT_FILE, null)),
				number(parameters, ImportJobParameters.WORKSPACE_ID, null),
				Boolean.parseBoolean(string(parameters, ImportJobParameters.DRY_RUN, "false")),
				Path.of(string(parameters, ImportJobParameters.RESULTS_FILE, null)),
				Path.of(string(parameters, ImportJobParameters.REJECTS_FILE, null)),
				Path.of(string(parameters, ImportJobParameters.PLAN_FILE, null)),
				number(parameters, ImportJobParameters.SKIP_LIMIT, Long.MAX_VALUE),
				(int) number(parameters, ImportJobParameters.CHUNK_SIZE, (long) ImportJobParameters.DEFAULT_CHUNK_SIZE),
				csv, parameters.containsKey(ImportJobParameters.PROJECT_MAP)
						? Path.of(string(parameters, ImportJobParameters.PROJECT_MAP, null)) : null);
	}

	/**
	 * The --project-map, read again at every step start; {@link ProjectMap#NONE} without
	 * one.
	 */
	ProjectMap projectMap() {
		return (this.projectMapFile != null) ? ProjectMap.read(this.projectMapFile) : ProjectMap.NONE;
	}

	/**
	 * A fresh reader of the input file; the rejects columns of a re-imported rejects file
	 * are ignored.
	 */
	CsvRowReader reader(String name, Set<String> requiredColumns) {
		CsvRowReader reader = new CsvRowReader(this.inputFile, this.csv, requiredColumns,
				Set.copyOf(ResultFiles.REJECT_COLUMNS));
		reader.setName(name);
		return reader;
	}

	static String string(Map<String, Object> parameters, String name, String fallback) {
		Object value = parameters.get(name);
		if (value == null && fallback == null) {
			throw new IllegalArgumentException("job parameter " + name + " is missing");
		}
		return (value != null) ? value.toString() : fallback;
	}

	static long number(Map<String, Object> parameters, String name, Long fallback) {
		Object value = parameters.get(name);
		if (value == null && fallback == null) {
			throw new IllegalArgumentException("job parameter " + name + " is missing");
		}
		return (value instanceof Number number) ? number.longValue()
				: (value != null) ? Long.parseLong(value.toString()) : fallback;
	}

}
