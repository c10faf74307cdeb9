package org.viewerbatch.cli;

import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.springframework.core.env.Environment;

import org.viewerbatch.client.ApiToken;

/**
 * The common options resolved against the environment (flag wins over env), as the Spring
 * properties that a run passes on. A setting that neither a flag nor the environment
 * gives is left out, so {@code application.yml} decides; {@link #inEffect} reads back
 * what the started context decided.
 *
 * @param properties Spring properties for the highest-precedence property source; may
 * hold the token
 * @param repository where the job repository lives, and which directory to lock
 * @param verbose {@code -v}: debug logging and stack traces
 * @param quiet {@code -q}: warnings and errors only
 * @param apiUrl the API base URL in effect; {@code null} until {@link #inEffect}
 * @param workspaceId the workspace in effect; {@code null} until {@link #inEffect}, or
 * when none is configured
 */
record Settings(Map<String, Object> properties, RepositoryLocation repository, boolean verbose, boolean quiet,
		URI apiUrl, Long workspaceId) {

	static final String API_URL = "viewer-batch.api.url";

	static final String API_TOKEN = "viewer-batch.api.token";

	static final String RATE_LIMIT = "viewer-batch.api.rate-limit";

	static final String CONCURRENCY = "viewer-batch.api.concurrency";

	static final String WORKSPACE = "viewer-batch.workspace";

	static final String DATABASE_PASSWORD = "spring.datasource.password";

	static Settings resolve(CommonOptions options, Map<String, String> env) {
		if (options.verbose && options.quiet) {
			throw new ConfigurationException("--verbose and --quiet exclude each other");
		}
		Map<String, Object> properties = new LinkedHashMap<>();
		String urlOption = (options.apiUrl != null) ? "--api-url" : "WEBWORK_API_URL";
		first(options.apiUrl, env.get("WEBWORK_API_URL")).map((url) -> SettingChecks.apiUrl(urlOption, url))
			.ifPresent((url) -> properties.put(API_URL, url));
		token(options, env).ifPresent((token) -> properties.put(API_TOKEN, token));
		String workspaceOption = (options.workspace != null) ? "--workspace" : "WEBWORK_WORKSPACE_ID";
		first(options.workspace, number(env, "WEBWORK_WORKSPACE_ID"))
			.map((id) -> SettingChecks.workspace(workspaceOption, id))
			.ifPresent((id) -> properties.put(WORKSPACE, id));
		String rateOption = (options.rateLimit != null) ? "--rate-limit" : "WEBWORK_RATE_LIMIT";
		Optional.ofNullable(options.rateLimit)
			.map(Long::valueOf)
			.or(() -> Optional.ofNullable(number(env, "WEBWORK_RATE_LIMIT")))
			.map((n) -> SettingChecks.rateLimit(rateOption, n))
			.ifPresent((n) -> properties.put(RATE_LIMIT, n));
		Optional.ofNullable(options.concurrency)
			.map(SettingChecks::concurrency)
			.ifPresent((n) -> properties.put(CONCURRENCY, n));
		RepositoryLocation repository = RepositoryLocation.of(
				first(options.jobRepository, blankToNull(env.get("VIEWER_BATCH_JOB_REPOSITORY")))
					.or(() -> Optional.ofNullable(blankToNull(env.get("VIEWER_BATCH_HOME"))))
					.orElse(Path.of(System.getProperty("user.home"), ".viewer-batch").toString()),
				DatabaseCredentials.from(env));
		properties.putAll(repository.springProperties());
		properties.putAll(logLevels(options));
		return new Settings(Map.copyOf(properties), repository, options.verbose, options.quiet, null, null);
	}

	/**
	 * These settings with the API URL and the workspace in effect in a started context
	 * (flag, else env, else {@code application.yml}).
	 */
	Settings inEffect(Environment environment) {
		return new Settings(this.properties, this.repository, this.verbose, this.quiet,
				uri(environment.getProperty(API_URL)), environment.getProperty(WORKSPACE, Long.class));
	}

	private static URI uri(String url) {
		return (url != null) ? URI.create(url) : null;
	}

	private static Optional<String> token(CommonOptions options, Map<String, String> env) {
		if (options.tokenFile != null) {
			return Optional.of(readToken(options.tokenFile));
		}
		return Optional.ofNullable(env.get("WEBWORK_API_TOKEN"))
			.filter((token) -> !token.isBlank())
			.map(Settings::checkEnvToken);
	}

	/**
	 * Checked here, so that a bad token is refused before Spring's binder could print it.
	 */
	private static String checkEnvToken(String token) {
		try {
			return ApiToken.of(token).value();
		}
		catch (IllegalArgumentException ex) {
			throw new ConfigurationException("WEBWORK_API_TOKEN holds characters a token cannot have (only printable"
					+ " ASCII without spaces)");
		}
	}

	private static String readToken(Path file) {
		try {
			return ApiToken.fromFile(file).value();
		}
		catch (IllegalArgumentException ex) {
			throw new ConfigurationException(ex.getMessage());
		}
	}

	private static Map<String, Object> logLevels(CommonOptions options) {
		if (options.verbose) {
			return Map.of("logging.level.org.viewerbatch", "DEBUG");
		}
		if (options.quiet) {
			return Map.of("logging.level.org.viewerbatch", "WARN");
		}
		return Map.of();
	}

	private static Long number(Map<String, String> env, String name) {
		String value = env.get(name);
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return Long.valueOf(value.trim());
		}
		catch (NumberFormatException ex) {
			throw new ConfigurationException(name + " must be a number, not '" + value + "'");
		}
	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value;
	}

	private static <T> Optional<T> first(T flag, T env) {
		return Optional.ofNullable((flag != null) ? flag : env);
	}

	@Override
	public String toString() {
		Map<String, Object> shown = new LinkedHashMap<>(this.properties);
		shown.computeIfPresent(API_TOKEN, (key, token) -> "[redacted]");
		shown.computeIfPresent(DATABASE_PASSWORD, (key, password) -> "[redacted]");
		return "Settings[properties=" + shown + ", repository=" + this.repository + ", apiUrl=" + this.apiUrl
				+ ", workspaceId=" + this.workspaceId + "]";
	}

}
