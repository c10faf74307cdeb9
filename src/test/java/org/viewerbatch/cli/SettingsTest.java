package org.viewerbatch.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SettingsTest {

	@TempDir
	Path dir;

	private static Settings settings(Map<String, String> env, String... args) {
		ViewerBatchCommand root = new ViewerBatchCommand(env, new BatchContext(), ExitCodes.STANDARD);
		new CommandLine(root).parseArgs(args);
		return root.settings();
	}

	private static final Map<String, String> ENV = Map.of("WEBWORK_API_URL", "http://env/api/v2/", "WEBWORK_API_TOKEN",
			" env-token ", "WEBWORK_WORKSPACE_ID", "7", "WEBWORK_RATE_LIMIT", "30", "VIEWER_BATCH_HOME",
			"/var/env-home");

	@Test
	void flagsWinOverTheEnvironment() throws IOException {
		Path tokenFile = Files.writeString(this.dir.resolve("token"), "\n  file-token  \nsecond line\n");
		Settings settings = settings(ENV, "--api-url", "http://flag/api/v2/", "--token-file", tokenFile.toString(),
				"--workspace", "9", "--rate-limit", "120", "--concurrency", "2", "--job-repository", "/var/flag-home");
		assertThat(settings.properties()).containsEntry("viewer-batch.api.url", "http://flag/api/v2/")
			.containsEntry("viewer-batch.api.token", "file-token")
			.containsEntry("viewer-batch.workspace", 9L)
			.containsEntry("viewer-batch.api.rate-limit", 120L)
			.containsEntry("viewer-batch.api.concurrency", 2)
			.containsEntry("viewer-batch.home", "/var/flag-home");
		assertThat(settings.repository().directory()).contains(Path.of("/var/flag-home"));
	}

	@Test
	void anApiUrlWithAUserAndPasswordIsRefusedWithoutRepeatingIt() {
		assertThatThrownBy(() -> settings(Map.of(), "--api-url", "https://ops:s3cr3t@webwork.example/api/v2/"))
			.isInstanceOf(ConfigurationException.class)
			.hasMessageContaining("must not hold a user name or password")
			.hasMessageNotContaining("s3cr3t");
		assertThatThrownBy(() -> settings(Map.of("WEBWORK_API_URL", "http://ops@webwork.example/api/v2/"), "jobs"))
			.isInstanceOf(ConfigurationException.class);
		// an @ in the path is no credential
		assertThat(settings(Map.of(), "--api-url", "http://webwork.example/@team/api/v2/").properties())
			.containsEntry("viewer-batch.api.url", "http://webwork.example/@team/api/v2/");
	}

	@Test
	void theEnvironmentIsUsedWhenNoFlagIsGiven() {
		Settings settings = settings(ENV, "jobs");
		assertThat(settings.properties()).containsEntry("viewer-batch.api.url", "http://env/api/v2/")
			.containsEntry("viewer-batch.api.token", "env-token")
			.containsEntry("viewer-batch.workspace", 7L)
			.containsEntry("viewer-batch.api.rate-limit", 30L)
			.containsEntry("viewer-batch.home", "/var/env-home");
	}

	@Test
	void nothingGivenLeavesTheDefaultsToTheApplicationYml() {
		Settings settings = settings(Map.of(), "jobs");
		assertThat(settings.properties()).containsOnlyKeys("viewer-batch.home");
		assertThat(settings.properties().get("viewer-batch.home"))
			.isEqualTo(Path.of(System.getProperty("user.home"), ".viewer-batch").toString());
	}

	@Test
	void aJdbcUrlIsPassedAsTheDataSourceAndAnHsqldbFileUrlLocksItsDirectory() {
		Settings settings = settings(Map.of(), "--job-repository", "jdbc:hsqldb:file:/var/db/runs;shutdown=true");
		assertThat(settings.properties()).containsEntry("spring.datasource.url",
				"jdbc:hsqldb:file:/var/db/runs;shutdown=true");
		assertThat(settings.repository().directory()).contains(Path.of("/var/db"));
		assertThat(settings(Map.of(), "--job-repository", "jdbc:hsqldb:hsql://localhost/runs").repository().directory())
			.isEmpty();
	}

	@Test
	void verboseAndQuietSetTheLogLevelOfViewerBatch() {
		assertThat(settings(Map.of(), "-v").properties()).containsEntry("logging.level.org.viewerbatch", "DEBUG");
		assertThat(settings(Map.of(), "--quiet").properties()).containsEntry("logging.level.org.viewerbatch", "WARN");
	}

	@Test
	void theTokenNeverShowsInToString() {
		assertThat(settings(ENV).toString()).doesNotContain("env-token").contains("[redacted]");
	}

	@Test
	void anUnreadableTokenFileOrAMalformedEnvironmentValueIsAConfigurationError() {
		assertThatExceptionOfType(ConfigurationException.class)
			.isThrownBy(() -> settings(Map.of(), "--token-file", this.dir.resolve("missing").toString()))
			.withMessageContaining("cannot read the token file");
		assertThatExceptionOfType(ConfigurationException.class)
			.isThrownBy(() -> settings(Map.of("WEBWORK_WORKSPACE_ID", "seven")))
			.withMessage("WEBWORK_WORKSPACE_ID must be a number, not 'seven'");
	}

	@Test
	void aTokenWithABomIsCleanedAndOneWithAControlCharacterIsRefusedWithoutShowingIt() throws Exception {
		Path notepad = this.dir.resolve("token.txt");
		Files.writeString(notepad, "\uFEFFs3cr3t-token\r\n");
		assertThat(settings(Map.of(), "--token-file", notepad.toString()).properties())
			.containsEntry("viewer-batch.api.token", "s3cr3t-token");

		assertThatExceptionOfType(ConfigurationException.class)
			.isThrownBy(() -> settings(Map.of("WEBWORK_API_TOKEN", "s3cr3t\u0001token")))
			.withMessage(
					"WEBWORK_API_TOKEN holds characters a token cannot have (only printable ASCII without spaces)");
		Path control = Files.writeString(this.dir.resolve("bad.txt"), "s3cr3t\u0007token\n");
		assertThatExceptionOfType(ConfigurationException.class)
			.isThrownBy(() -> settings(Map.of(), "--token-file", control.toString()))
			.withMessageContaining("holds characters a token cannot have")
			.withMessageNotContaining("s3cr3t");
	}

	@Test
	void aJobRepositoryDirectoryThatCannotBeCreatedIsAConfigurationErrorThatSaysWhy() throws IOException {
		Path file = Files.writeString(this.dir.resolve("a-file"), "not a directory");
		String prefix = " cannot be used (--job-repository, VIEWER_BATCH_JOB_REPOSITORY or VIEWER_BATCH_HOME): ";

		assertThatExceptionOfType(ConfigurationException.class).isThrownBy(() -> lock(file))
			.withMessage("the job repository directory " + file + prefix + "a file, not a directory, is in its way");
		assertThatExceptionOfType(ConfigurationException.class).isThrownBy(() -> lock(file.resolve("repo")))
			.withMessage("the job repository directory " + file.resolve("repo") + prefix + "Not a directory");
	}

	private static void lock(Path directory) {
		RepositoryLocation.of(directory.toString(), DatabaseCredentials.from(Map.of())).lock().close();
	}

}
