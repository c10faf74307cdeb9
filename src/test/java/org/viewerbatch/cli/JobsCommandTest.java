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
	void aRepositoryNoRunHasMadeIsAnErrorAndListingRunsMakesNone() {
		CommandLineRun run = CommandLineRun.run(env(), "jobs");
		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(run.err().strip()).isEqualTo("viewer-batch: no job repository in " + this.home.resolve("repository")
				+ ": no run has used it (--job-repository, VIEWER_BATCH_JOB_REPOSITORY or VIEWER_BATCH_HOME name"
				+ " the one your runs use)");
		assertThat(run.out()).isEmpty();
		assertThat(this.home.resolve("repository")).doesNotExist();
		assertThat(
				CommandLineRun.run(env(), "jobs", "--job-repository", this.home.resolve("typo").toString()).exitCode())
			.isEqualTo(2);
		assertThat(this.home.resolve("typo")).doesNotExist();
	}

	@Test
	void aRepositoryWithoutRunsHasNoRunsAndListingThemCreatesNoTables() throws Exception {
		try (Connection connection = DriverManager.getConnection(
				"jdbc:hsqldb:file:" + this.home.resolve("repository/viewer-batch") + ";shutdown=true", "SA", "")) {
			// an empty database, as an older version's jobs command left it
		}
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

	@Test
	void anUnknownExecutionExitsOneAndSaysWhereTheIdsAre() {
		assertThat(CommandLineRun.run(env(), "test-job").exitCode()).isZero();

		CommandLineRun run = CommandLineRun.run(env(), "jobs", "42");

		assertThat(run.exitCode()).isEqualTo(1);
		assertThat(run.out()).isEmpty();
		assertThat(run.err())
			.isEqualTo("viewer-batch: no execution 42 in the job repository (viewer-batch jobs lists them)\n");
	}

	@Test
	void oneRunInDetailShowsItsCommandStatusAndOptionsAndWhetherItHasALedger() {
		assertThat(CommandLineRun.run(env(), "test-job").exitCode()).isZero();

		CommandLineRun run = CommandLineRun.run(env(), "jobs", "0");

		assertThat(run.exitCode()).as(run.err()).isZero();
		assertThat(run.out()).startsWith("execution 0: test (job testJob, instance 0)\n")
			.contains("status:   COMPLETED, exit status COMPLETED\n")
			.contains("  outcome: ok\n  workspace.id: 1\nfiles:    none\n")
			.endsWith("this run has no ledger (recorded by an older version)\n");
	}

	@Test
	void anExecutionAndAnEmailTogetherOrALimitBelowOneAreUsageErrors() {
		CommandLineRun both = CommandLineRun.run(env(), "jobs", "3", "--email", "ann@example.com");
		CommandLineRun blank = CommandLineRun.run(env(), "jobs", "--email", " ");
		CommandLineRun limit = CommandLineRun.run(env(), "jobs", "3", "--limit", "0");

		assertThat(both.exitCode()).isEqualTo(2);
		assertThat(both.err()).contains("give EXECUTION_ID or --email, not both");
		assertThat(blank.exitCode()).isEqualTo(2);
		assertThat(blank.err()).contains("--email needs an address");
		assertThat(limit.exitCode()).isEqualTo(2);
		assertThat(limit.err()).contains("--limit must be at least 1");
	}

	@Test
	void helpExplainsOneRunsDetailsAndAViewersChangesWithExamples() {
		CommandLineRun help = CommandLineRun.run(env(), "jobs", "--help");

		assertThat(help.exitCode()).isZero();
		assertThat(help.out()).contains("EXECUTION_ID", "--email=ADDRESS", "--limit=N", "in the order sent",
				"newest first", "who invited this person", "Examples:", "  viewer-batch jobs 7\n",
				"  viewer-batch jobs --email ann@example.com\n");
	}

}
