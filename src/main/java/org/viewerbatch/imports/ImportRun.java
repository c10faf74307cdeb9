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
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

import org.viewerbatch.csv.CsvInputOptions;
import org.viewerbatch.csv.CsvRowReader;
import org.viewerbatch.csv.InputFileException;
import org.viewerbatch.csv.OutputTarget;
import org.viewerbatch.csv.RegularFile;

/**
 * One import run's options, and their translation to and from job parameters (never a
 * secret). The input's content (its SHA-256, not its path), the workspace, the API, the
 * project map's content and the job's sync option identify a run: the same command after
 * a failure restarts it, from any directory and with a copy of the file under any name,
 * and a completed file is not applied twice (the command line adds an identifying
 * {@code rerun.at} for --rerun). A dry run is always a run of its own, and never marks
 * the file imported.
 * <p>
 * A {@code null} option is "not given": the constructor fills in the default (outputs
 * next to the input file, no skip limit, the delimiter detected, UTF-8) and refuses an
 * invalid value with an {@link IllegalArgumentException} that names the option.
 *
 * @param file the input CSV file
 * @param dryRunAt when the dry run was asked for; {@code null} for a real run
 * @param report the HTML report ({@code --report}); default NAME.report.html beside the
 * results (a dry run's beside its plan)
 * @param columnMap the {@code --map} renames, {@code ""} for none
 * @param projectMap a CSV file {@code from,to} that rewrites the file's project ids
 * ({@code --project-map}), {@code null} for none
 * @param options what only this run's job has; it also names the job
 */
public record ImportRun<O extends ImportRun.JobOptions>(Path file, long workspaceId, URI apiUrl, Instant dryRunAt,
		Path results, Path rejects, Path plan, Path report, Long skipLimit, Integer chunkSize, String delimiter,
		String encoding, String columnMap, Path projectMap, O options) {

	private static final String INPUT_FILE = "input.file";

	private static final String INPUT_SHA256 = "input.sha256";

	private static final String WORKSPACE_ID = "workspace.id";

	private static final String API_URL = "api.url";

	private static final String DRY_RUN = "dry.run";

	private static final String DRY_RUN_AT = "dry.run.at";

	private static final String RESULTS_FILE = "results.file";

	private static final String REJECTS_FILE = "rejects.file";

	private static final String PLAN_FILE = "plan.file";

	private static final String REPORT_FILE = "report.file";

	private static final String SKIP_LIMIT = "skip.limit";

	private static final String CHUNK_SIZE = "chunk.size";

	private static final String DELIMITER = "delimiter";

	private static final String ENCODING = "encoding";

	private static final String COLUMN_MAP = "column.map";

	private static final String PROJECT_MAP = "project.map";

	private static final String PROJECT_MAP_SHA256 = "project.map.sha256";

	public ImportRun {
		file = file.toAbsolutePath().normalize();
		results = output(results, file, "results");
		rejects = output(rejects, file, "rejects");
		plan = output(plan, file, "plan");
		report = (report != null) ? report.toAbsolutePath().normalize()
				: ((dryRunAt != null) ? plan : results).resolveSibling(baseName(file) + ".report.html");
		if (report.equals(file)) {
			throw new IllegalArgumentException("the report file must not be the input file " + file);
		}
		skipLimit = (skipLimit != null) ? skipLimit : Long.MAX_VALUE;
		delimiter = (delimiter != null) ? delimiter : "auto";
		encoding = (encoding != null) ? encoding : "UTF-8";
		columnMap = (columnMap != null) ? columnMap : "";
		projectMap = (projectMap != null) ? projectMap.toAbsolutePath().normalize() : null;
		if (chunkSize != null && chunkSize < 1) {
			throw new IllegalArgumentException("--chunk-size must be at least 1");
		}
		if (skipLimit < 0) {
			throw new IllegalArgumentException("--skip-limit must not be negative");
		}
		csvOptions(delimiter, encoding, columnMap);
	}

	/**
	 * Reads a run back from its job parameters; {@code options} reads the job's own.
	 */
	static <O extends JobOptions> ImportRun<O> from(Map<String, Object> parameters,
			Function<Map<String, Object>, O> options) {
		boolean dryRun = Boolean.parseBoolean(string(parameters, DRY_RUN, "false"));
		String projectMap = string(parameters, PROJECT_MAP, "");
		return new ImportRun<>(Path.of(string(parameters, INPUT_FILE, null)), number(parameters, WORKSPACE_ID, null),
				URI.create(string(parameters, API_URL, null)),
				dryRun ? Instant.parse(string(parameters, DRY_RUN_AT, null)) : null,
				Path.of(string(parameters, RESULTS_FILE, null)), Path.of(string(parameters, REJECTS_FILE, null)),
				Path.of(string(parameters, PLAN_FILE, null)),
				parameters.containsKey(REPORT_FILE) ? Path.of(string(parameters, REPORT_FILE, null)) : null,
				number(parameters, SKIP_LIMIT, Long.MAX_VALUE),
				parameters.containsKey(CHUNK_SIZE) ? (int) number(parameters, CHUNK_SIZE, null) : null,
				string(parameters, DELIMITER, null), string(parameters, ENCODING, null),
				string(parameters, COLUMN_MAP, null), projectMap.isEmpty() ? null : Path.of(projectMap),
				options.apply(parameters));
	}

	/**
	 * The job parameters of this run; reads the input file and the project map (for their
	 * checksums).
	 * @throws InputFileException when one of them is no regular file or cannot be read
	 */
	public JobParameters toJobParameters() {
		// first: the outputs of an input that is no file (/dev/stdin) are no question
		String inputSha256 = sha256(this.file);
		checkOutputs();
		JobParametersBuilder parameters = new JobParametersBuilder().addString(INPUT_FILE, this.file.toString(), false)
			.addString(INPUT_SHA256, inputSha256, true)
			.addLong(WORKSPACE_ID, this.workspaceId, true)
			.addString(API_URL, this.apiUrl.toString(), true)
			.addString(DRY_RUN, Boolean.toString(dryRun()), false)
			.addString(RESULTS_FILE, this.results.toString(), false)
			.addString(REJECTS_FILE, this.rejects.toString(), false)
			.addString(PLAN_FILE, this.plan.toString(), false)
			.addString(REPORT_FILE, this.report.toString(), false)
			.addLong(SKIP_LIMIT, this.skipLimit, false)
			.addString(DELIMITER, this.delimiter, false)
			.addString(ENCODING, this.encoding, false)
			.addString(COLUMN_MAP, this.columnMap, false);
		if (this.chunkSize != null) {
			parameters.addLong(CHUNK_SIZE, (long) this.chunkSize, false);
		}
		if (dryRun()) {
			parameters.addString(DRY_RUN_AT, this.dryRunAt.toString(), true);
		}
		if (this.projectMap != null) {
			// another map is another import; the same map after a failure resumes the run
			parameters.addString(PROJECT_MAP, this.projectMap.toString(), false)
				.addString(PROJECT_MAP_SHA256, sha256(this.projectMap), true);
			ProjectMap.read(this.projectMap);
		}
		this.options.addTo(parameters);
		return parameters.toJobParameters();
	}

	/**
	 * The files this run will write must be writable before its first request: a run
	 * whose results cannot be published would be applied with its results nowhere.
	 */
	private void checkOutputs() {
		Map<String, Path> outputs = dryRun() ? Map.of("--plan", this.plan, "--report", this.report)
				: Map.of("--results", this.results, "--rejects", this.rejects, "--report", this.report);
		outputs.forEach((option, path) -> OutputTarget.problem(path).ifPresent((problem) -> {
			throw new IllegalArgumentException(option + ": " + problem);
		}));
	}

	public boolean dryRun() {
		return this.dryRunAt != null;
	}

	/** The name of the job that runs this import. */
	public String jobName() {
		return this.options.jobName();
	}

	/**
	 * "import-viewers viewers.csv into workspace 1": what the summary and the progress
	 * lines begin with.
	 */
	String title() {
		return this.options.command() + " " + this.file.getFileName() + " into workspace " + this.workspaceId;
	}

	/**
	 * The --project-map, read again at every step start; {@link ProjectMap#NONE} without
	 * one.
	 */
	ProjectMap readProjectMap() {
		return (this.projectMap != null) ? ProjectMap.read(this.projectMap) : ProjectMap.NONE;
	}

	/**
	 * A fresh reader of the input file; the rejects columns of a re-imported rejects file
	 * are ignored.
	 */
	CsvRowReader reader(String name, Set<String> requiredColumns) {
		CsvRowReader reader = new CsvRowReader(this.file, csvOptions(this.delimiter, this.encoding, this.columnMap),
				requiredColumns, Set.copyOf(ResultFiles.REJECT_COLUMNS));
		reader.setName(name);
		return reader;
	}

	private static CsvInputOptions csvOptions(String delimiter, String encoding, String columnMap) {
		return new CsvInputOptions(CsvInputOptions.parseDelimiter(delimiter), charset(encoding),
				columnMap.isBlank() ? Map.of() : CsvInputOptions.parseMap(columnMap));
	}

	private static Charset charset(String encoding) {
		try {
			return Charset.forName(encoding);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException(
					"--encoding: unknown character set '" + encoding + "' (e.g. UTF-8, windows-1252, ISO-8859-1)", ex);
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

	/**
	 * The checksum of {@code file}: its first reading, so the place that refuses what is
	 * no regular file before it is opened.
	 */
	private static String sha256(Path file) {
		RegularFile.require(file);
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

	private static String string(Map<String, Object> parameters, String name, String fallback) {
		Object value = parameters.get(name);
		if (value == null && fallback == null) {
			throw new IllegalArgumentException("job parameter " + name + " is missing");
		}
		return (value != null) ? value.toString() : fallback;
	}

	private static long number(Map<String, Object> parameters, String name, Long fallback) {
		Object value = parameters.get(name);
		if (value == null && fallback == null) {
			throw new IllegalArgumentException("job parameter " + name + " is missing");
		}
		return (value instanceof Number number) ? number.longValue()
				: (value != null) ? Long.parseLong(value.toString()) : fallback;
	}

	/**
	 * What only one of the import jobs has: it names its job and writes its own job
	 * parameters.
	 */
	public sealed interface JobOptions permits ViewerOptions, AssignmentOptions {

		/** The Job bean that runs the import. */
		String jobName();

		/** The command, for messages: {@code import-viewers}. */
		String command();

		void addTo(JobParametersBuilder parameters);

	}

	/**
	 * The options of {@code import-viewers}.
	 *
	 * @param syncProjects unassign the projects a row does not list (identifying)
	 * @param allowDelete rows with {@code action=delete} may archive their viewer
	 * @param maxDeletes the most viewers the run may archive
	 * @param archiveMissing the file is the whole roster: archive every active viewer it
	 * does not name (identifying; needs {@code allowDelete})
	 * @param undo the file is an undo's: a row with {@code action=delete} wants its
	 * viewer archived with exactly the row's projects (identifying)
	 */
	public record ViewerOptions(boolean syncProjects, boolean allowDelete, long maxDeletes, boolean archiveMissing,
			boolean undo) implements JobOptions {

		/**
		 * Without --max-deletes, a file that archives more viewers than this is refused.
		 */
		public static final long DEFAULT_MAX_DELETES = 50;

		public static final String JOB = "importViewersJob";

		private static final String SYNC_PROJECTS = "sync.projects";

		private static final String ALLOW_DELETE = "allow.delete";

		private static final String MAX_DELETES = "max.deletes";

		private static final String ARCHIVE_MISSING = "archive.missing";

		private static final String UNDO = "undo";

		/** The options of an import-viewers run, not an undo. */
		public ViewerOptions(boolean syncProjects, boolean allowDelete, long maxDeletes, boolean archiveMissing) {
			this(syncProjects, allowDelete, maxDeletes, archiveMissing, false);
		}

		public ViewerOptions {
			if (maxDeletes < 0) {
				throw new IllegalArgumentException("--max-deletes must not be negative");
			}
			if (archiveMissing && !allowDelete) {
				throw new IllegalArgumentException("--archive-missing archives viewers: it needs --allow-delete too");
			}
		}

		static ViewerOptions from(Map<String, Object> parameters) {
			return new ViewerOptions(Boolean.parseBoolean(string(parameters, SYNC_PROJECTS, "false")),
					Boolean.parseBoolean(string(parameters, ALLOW_DELETE, "false")),
					number(parameters, MAX_DELETES, DEFAULT_MAX_DELETES),
					Boolean.parseBoolean(string(parameters, ARCHIVE_MISSING, "false")),
					Boolean.parseBoolean(string(parameters, UNDO, "false")));
		}

		@Override
		public String jobName() {
			return JOB;
		}

		@Override
		public String command() {
			return "import-viewers";
		}

		@Override
		public void addTo(JobParametersBuilder parameters) {
			parameters.addString(SYNC_PROJECTS, Boolean.toString(this.syncProjects), true)
				.addString(ALLOW_DELETE, Boolean.toString(this.allowDelete), false)
				.addLong(MAX_DELETES, this.maxDeletes, false);
			if (this.archiveMissing) {
				// another outcome, another run; absent from the runs before the option
				parameters.addString(ARCHIVE_MISSING, "true", true);
			}
			if (this.undo) {
				// the same rows, another outcome: another run; absent from import-viewers
				parameters.addString(UNDO, "true", true);
			}
		}

	}

	/**
	 * The options of {@code import-assignments}.
	 *
	 * @param sync unassign the projects the file does not list for its viewers
	 * (identifying)
	 * @param maxUnassigns the most projects --sync may unassign
	 */
	public record AssignmentOptions(boolean sync, long maxUnassigns) implements JobOptions {

		/**
		 * Without --max-unassigns, a --sync run that would unassign more projects than
		 * this is refused.
		 */
		public static final long DEFAULT_MAX_UNASSIGNS = 50;

		static final String JOB = "importAssignmentsJob";

		private static final String SYNC = "sync.assignments";

		private static final String MAX_UNASSIGNS = "max.unassigns";

		public AssignmentOptions {
			if (maxUnassigns < 0) {
				throw new IllegalArgumentException("--max-unassigns must not be negative");
			}
		}

		static AssignmentOptions from(Map<String, Object> parameters) {
			return new AssignmentOptions(Boolean.parseBoolean(string(parameters, SYNC, "false")),
					number(parameters, MAX_UNASSIGNS, DEFAULT_MAX_UNASSIGNS));
		}

		@Override
		public String jobName() {
			return JOB;
		}

		@Override
		public String command() {
			return "import-assignments";
		}

		@Override
		public void addTo(JobParametersBuilder parameters) {
			parameters.addString(SYNC, Boolean.toString(this.sync), true)
				.addLong(MAX_UNASSIGNS, this.maxUnassigns, false);
		}

	}

}
