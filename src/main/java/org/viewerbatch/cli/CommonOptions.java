package org.viewerbatch.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.TypeConversionException;

/**
 * The options every command accepts, before or after the command name; each falls back to
 * an environment variable. Fields stay {@code null} unless given, so that
 * {@link Settings} can tell "given" from "defaulted".
 */
class CommonOptions {

	@Option(names = "--api-url", paramLabel = "URL", scope = ScopeType.INHERIT,
			description = { "API base URL (env WEBWORK_API_URL); default:", "https://api.webwork-tracker.com/api/v2/" })
	String apiUrl;

	@Option(names = "--token-file", paramLabel = "PATH", scope = ScopeType.INHERIT,
			description = "File whose first line is the API token (else env WEBWORK_API_TOKEN holds the token itself).")
	Path tokenFile;

	@Option(names = "--workspace", paramLabel = "ID", scope = ScopeType.INHERIT, converter = WorkspaceId.class,
			description = "Workspace id, 1 or more (env WEBWORK_WORKSPACE_ID).")
	Long workspace;

	@Option(names = "--rate-limit", paramLabel = "N", scope = ScopeType.INHERIT,
			description = "API requests per minute (env WEBWORK_RATE_LIMIT; default 60).")
	Integer rateLimit;

	@Option(names = "--concurrency", paramLabel = "N", scope = ScopeType.INHERIT,
			description = "API requests in flight, 1 to 32 (default 4, and more at a raised --rate-limit: 12 at 6000).")
	Integer concurrency;

	@Option(names = "--job-repository", paramLabel = "DIR|JDBC-URL", scope = ScopeType.INHERIT,
			description = {
					"Where runs are recorded: a directory, or a PostgreSQL database that several machines share:",
					"jdbc:postgresql://HOST:PORT/DATABASE",
					"(default ~/.viewer-batch/; env VIEWER_BATCH_JOB_REPOSITORY, a directory or a URL, else"
							+ " VIEWER_BATCH_HOME).",
					"The database user and password come from env VIEWER_BATCH_DB_USER and"
							+ " VIEWER_BATCH_DB_PASSWORD (or VIEWER_BATCH_DB_PASSWORD_FILE), never from the URL." })
	String jobRepository;

	@Option(names = { "-v", "--verbose" }, scope = ScopeType.INHERIT,
			description = "Log every API request (token redacted) and show stack traces.")
	boolean verbose;

	@Option(names = { "-q", "--quiet" }, scope = ScopeType.INHERIT, description = "Only warnings and errors.")
	boolean quiet;

	/**
	 * The options of the API and the job repository, which only some commands use; help,
	 * version, {@code -v} and {@code -q} apply to all.
	 */
	private static final Set<String> RUN_OPTIONS = Set.of("--api-url", "--token-file", "--workspace", "--rate-limit",
			"--concurrency", "--job-repository");

	/**
	 * Takes from {@code command} the inherited options it has no use for, so that its
	 * help shows only what applies and a misplaced option is an error, not silently
	 * ignored. They stay accepted before the command name, where they belong to
	 * {@code viewer-batch} itself.
	 */
	static void keepOnly(CommandSpec command, Set<String> applicable) {
		List<OptionSpec> unused = command.options()
			.stream()
			.filter((option) -> option.inherited() && RUN_OPTIONS.contains(option.longestName())
					&& !applicable.contains(option.longestName()))
			.toList();
		unused.forEach(command::remove);
	}

	/**
	 * The first of {@code args} that names an option of the API or the job repository
	 * ({@code --workspace} or {@code --workspace=5}), if any.
	 */
	static Optional<String> runOption(List<String> args) {
		return args.stream().map((arg) -> arg.split("=", 2)[0]).filter(RUN_OPTIONS::contains).findFirst();
	}

	Settings settings(Map<String, String> env) {
		return Settings.resolve(this, env);
	}

	/** A workspace id that is not a number says what it must be. */
	static final class WorkspaceId implements ITypeConverter<Long> {

		@Override
		public Long convert(String value) {
			try {
				return Long.valueOf(value.trim());
			}
			catch (NumberFormatException ex) {
				throw new TypeConversionException("must be a workspace id of 1 or more, not '" + value + "'");
			}
		}

	}

}
