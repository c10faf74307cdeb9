package org.viewerbatch.cli;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class JobsCommandTest {

	@TempDir
	Path home;

	private Map<String, String> env() {
		return Map.of("VIEWER_BATCH_HOME", this.home.toString(), "WEBWORK_API_TOKEN", "secret-token",
				"WEBWORK_WORKSPACE_ID", "1");
	}

	@Test
	void aNewRepositoryHasNoRunsAndListingThemCreatesNoTables() throws Exception {
		CommandLineRun run = CommandLineRun.run(env(), "jobs");
		assertThat(run.exitCode()).isZero();
		assertThat(run.out()).isEqualTo("no runs recorded yet\n");
		try (Connection connection = DriverManager.getConnection(
				"jdbc:hsqldb:file:" + this.home.resolve("repository/viewer-batch") + ";shutdown=true", "SA", "");
				ResultSet tables = connection.getMetaData().getTables(null, null, "BATCH_%", null)) {
			assertThat(tables.next()).isFalse();
		}
	}

	@Test
	void listsTheRunsNewestFirstWithStatusCountsAndTimes() {
		assertThat(CommandLineRun.run(env(), "test-job").exitCode()).isZero();
		assertThat(CommandLineRun.run(env(), "test-job", "--outcome", "fail").exitCode()).isEqualTo(1);

		CommandLineRun run = CommandLineRun.run(env(), "jobs");

		assertThat(run.exitCode()).isZero();
		String[] lines = run.out().split("\n");
		assertThat(lines).hasSize(3);
		assertThat(lines[0]).matches(
				"ID\\s+COMMAND\\s+WORKSPACE\\s+INPUT/OUTPUT\\s+STATUS\\s+READ\\s+WRITTEN\\s+SKIPPED\\s+STARTED\\s+DURATION");
		assertThat(lines[1]).matches(
				"1\\s+test\\s+1\\s+-\\s+FAILED\\s+0\\s+0\\s+0\\s+\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\s+\\d+\\.\\ds");
		assertThat(lines[2]).matches("0\\s+test\\s+1\\s+-\\s+COMPLETED\\s+1\\s+0\\s+0\\s+.*s");
		assertThat(CommandLineRun.run(env(), "jobs", "--limit", "1").out().split("\n")).hasSize(2);
	}

}
