package org.viewerbatch.imports;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.viewerbatch.sandbox.SandboxOptions;
import org.viewerbatch.testsupport.HeldLock;
import org.viewerbatch.testsupport.Processes;
import org.viewerbatch.testsupport.Processes.Result;
import org.viewerbatch.testsupport.SandboxExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code scripts/cron-sync} run by bash, with the fat jar as viewer-batch, against the
 * sandbox: what a crontab line does at 02:30.
 */
class CronSyncScriptIT {

	private static final Path SCRIPT = Path.of("scripts/cron-sync").toAbsolutePath();

	private static final String NIGHT = "20260303T023000Z";

	private static final String NEXT_NIGHT = "20260304T023000Z";

	@RegisterExtension
	static final SandboxExtension sandbox = new SandboxExtension(SandboxOptions.defaults().withRateLimit(100_000));

	@TempDir
	Path dir;

	private Path sync;

	private Path roster;

	private Path envFile;

	@BeforeEach
	void setUp() throws IOException {
		this.sync = Files.createDirectory(this.dir.resolve("sync"));
		this.roster = Files.writeString(this.dir.resolve("crm-export.csv"),
				"email,firstname,lastname,projects\nstays@example.com,Stay,Here,101\nnew@example.com,New,Viewer,101\n");
		sandbox.sandbox().store().addViewer(1, "stays@example.com", "Stay", "Here", "active", Set.of(101L));
		sandbox.sandbox().store().addViewer(1, "left@example.com", "Left", "Company", "active", Set.of(101L));
		Path viewerBatch = this.dir.resolve("viewer-batch");
		Files.writeString(viewerBatch, "#!/usr/bin/env bash\nexec '%s' -jar '%s' \"$@\"\n".formatted(
				Path.of(System.getProperty("java.home"), "bin", "java"), System.getProperty("viewer-batch.jar")));
		Files.setPosixFilePermissions(viewerBatch, PosixFilePermissions.fromString("rwxr-xr-x"));
		this.envFile = this.dir.resolve("cron-sync.env");
		writeSettings("");
	}

	@Test
	void aNightlySyncIsSilentArchivesTheViewerTheRosterLeavesOutAndKeepsTheNightsFiles() throws Exception {
		Result result = run(NIGHT);

		assertThat(result.exitCode()).as(result.output()).isZero();
		assertThat(result.output()).isEmpty();
		assertThat(sandbox.sandbox().requestLog().count("DELETE", "/project-viewers/\\d+")).isOne();
		assertThat(sandbox.sandbox().store().viewerByEmail(1, "left@example.com").orElseThrow().archived()).isTrue();
		assertThat(sandbox.sandbox().store().viewerByEmail(1, "stays@example.com").orElseThrow().archived()).isFalse();
		assertThat(sandbox.sandbox().requestLog().invitationsSent()).isOne();
		assertThat(files()).containsExactly("cron-sync.log", "roster-1-" + NIGHT + ".csv",
				"roster-1-" + NIGHT + ".report.html", "roster-1-" + NIGHT + ".results.csv");
		assertThat(this.sync.resolve("roster-1-" + NIGHT + ".csv")).hasSameTextualContentAs(this.roster);

		// the next night, the same roster: read again, nothing to change, nothing sent
		long writes = sandbox.sandbox().requestLog().writes();
		Result again = run(NEXT_NIGHT);
		assertThat(again.exitCode()).as(again.output()).isZero();
		assertThat(again.output()).isEmpty();
		assertThat(sandbox.sandbox().requestLog().writes()).isEqualTo(writes);
		assertThat(files()).contains("roster-1-" + NIGHT + ".results.csv", "roster-1-" + NEXT_NIGHT + ".results.csv");
	}

	@Test
	void aRunInTheSameSecondAsTheLastIsSkippedAndLeavesItsFilesAlone() throws Exception {
		Result first = run(NIGHT);
		assertThat(first.exitCode()).as(first.output()).isZero();
		Path results = this.sync.resolve("roster-1-" + NIGHT + ".results.csv");
		String firstResults = Files.readString(results);
		sandbox.sandbox().requestLog().clear();
		Files.writeString(this.roster, "email,firstname,lastname,projects\nother@example.com,Other,Roster,101\n");

		Result second = run(NIGHT);

		assertThat(second.exitCode()).isEqualTo(1);
		assertThat(second.output()).isEqualTo("cron-sync: skipped: a sync of workspace 1 already ran at " + NIGHT + " ("
				+ this.sync.resolve("roster-1-" + NIGHT + ".csv") + ")\n");
		assertThat(sandbox.sandbox().requestLog().all()).isEmpty();
		assertThat(results).hasContent(firstResults);
		assertThat(this.sync.resolve("roster-1-" + NIGHT + ".csv")).content().doesNotContain("other@example.com");
	}

	@Test
	void aRosterThatWouldArchiveTooManyIsRefusedInOneLineAndNothingIsSent() throws Exception {
		Files.writeString(this.roster, "email,firstname,lastname,projects\nnew@example.com,New,Viewer,101\n");
		writeSettings("MAX_DELETES=1\n");

		Result result = run(NIGHT);

		assertThat(result.exitCode()).isEqualTo(2);
		assertThat(result.output()).hasLineCount(1)
			.startsWith("cron-sync: sync of workspace 1 failed (exit 2): ")
			.contains("2 viewers would be archived");
		assertThat(sandbox.sandbox().requestLog().writes()).isZero();
	}

	@Test
	void onlyTheNewestNightsAreKeptAndAnotherRunHoldingTheLockIsNotDisturbed() throws Exception {
		for (String old : List.of("20250101T023000Z", "20250102T023000Z")) {
			Files.writeString(this.sync.resolve("roster-1-" + old + ".csv"), "old\n");
			Files.writeString(this.sync.resolve("roster-1-" + old + ".results.csv"), "old\n");
			Files.writeString(this.sync.resolve("roster-1-" + old + ".report.html"), "old\n");
		}
		Files.writeString(this.sync.resolve("roster-2-20250101T023000Z.csv"), "another workspace\n");
		writeSettings("KEEP=2\n");
		Path lock = this.sync.resolve(".cron-sync.lock");
		try (HeldLock first = HeldLock.on(lock)) {
			Result skipped = run(NIGHT);

			assertThat(skipped.exitCode()).isEqualTo(1);
			assertThat(skipped.output()).hasLineCount(1)
				.startsWith("cron-sync: skipped: the previous sync is still running (lock " + lock);
			assertThat(sandbox.sandbox().requestLog().all()).isEmpty();
		}

		Result result = run(NIGHT);

		assertThat(result.exitCode()).as(result.output()).isZero();
		assertThat(files()).filteredOn((name) -> name.startsWith("roster-1-2025"))
			.containsExactly("roster-1-20250102T023000Z.csv", "roster-1-20250102T023000Z.report.html",
					"roster-1-20250102T023000Z.results.csv");
		assertThat(files()).contains("roster-2-20250101T023000Z.csv");
	}

	private void writeSettings(String extra) throws IOException {
		Files.writeString(this.envFile, """
				WEBWORK_API_TOKEN=%s
				WEBWORK_API_URL=%s
				WEBWORK_WORKSPACE_ID=1
				WEBWORK_RATE_LIMIT=100000
				VIEWER_BATCH_HOME=%s
				ROSTER_FILE=%s
				SYNC_DIR=%s
				VIEWER_BATCH_BIN=%s
				""".formatted(sandbox.token(), sandbox.apiUrl(), this.dir.resolve("home"), this.roster, this.sync,
				this.dir.resolve("viewer-batch")) + extra);
	}

	/** The script, as cron starts it at {@code time} (UTC, as in its files' names). */
	private Result run(String time) throws Exception {
		ProcessBuilder builder = new ProcessBuilder("bash", SCRIPT.toString(), this.envFile.toString());
		builder.environment().put("CRON_TIME", time);
		return Processes.run(builder, Duration.ofMinutes(2));
	}

	private List<String> files() throws IOException {
		try (Stream<Path> files = Files.list(this.sync)) {
			return files.map((file) -> file.getFileName().toString())
				.filter((name) -> !name.startsWith("."))
				.sorted()
				.toList();
		}
	}

}
