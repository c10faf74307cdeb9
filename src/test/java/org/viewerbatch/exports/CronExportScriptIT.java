package org.viewerbatch.exports;

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
 * {@code scripts/cron-export} run by bash, with the fat jar as viewer-batch, against the
 * sandbox: what a crontab line does at 02:15.
 */
class CronExportScriptIT {

	private static final Path SCRIPT = Path.of("scripts/cron-export").toAbsolutePath();

	private static final String NIGHT = "20260303T021500Z";

	@RegisterExtension
	static final SandboxExtension sandbox = new SandboxExtension(SandboxOptions.defaults().withRateLimit(100_000));

	@TempDir
	Path dir;

	private Path exports;

	private Path envFile;

	private Path calls;

	@BeforeEach
	void setUp() throws IOException {
		this.exports = Files.createDirectory(this.dir.resolve("exports"));
		this.calls = this.dir.resolve("calls.txt");
		sandbox.sandbox().store().addViewer(1, "ann@example.com", "Ann", "Lee", "active", Set.of(101L, 102L));
		sandbox.sandbox().store().addViewer(1, "bob@example.com", "Bob", "Ray", "active", Set.of(101L));
		Path viewerBatch = this.dir.resolve("viewer-batch");
		// the jar, as scripts/viewer-batch starts it; first it notes its arguments and
		// whether the token came through the environment
		Files.writeString(viewerBatch, """
				#!/usr/bin/env bash
				echo "$* token=${WEBWORK_API_TOKEN:+from-env}" >> '%s'
				exec '%s' -jar '%s' "$@"
				""".formatted(this.calls, Path.of(System.getProperty("java.home"), "bin", "java"),
				System.getProperty("viewer-batch.jar")));
		Files.setPosixFilePermissions(viewerBatch, PosixFilePermissions.fromString("rwxr-xr-x"));
		this.envFile = this.dir.resolve("cron-export.env");
		writeSettings("");
	}

	@Test
	void writesATimestampedExportAndKeepsOnlyTheNewestOnes() throws Exception {
		for (String old : List.of("20250101T020000Z", "20250102T020000Z", "20250103T020000Z", "20250104T020000Z")) {
			Files.writeString(this.exports.resolve("viewers-1-" + old + ".csv"), "old\n");
		}
		Files.writeString(this.exports.resolve("viewers-999-20250101T020000Z.csv"), "other workspace\n");
		Files.writeString(this.exports.resolve("notes.csv"), "not ours\n");
		Files.writeString(this.exports.resolve("viewers-1-20250105T020000Z.csv.4711.tmp"), "killed run\n");

		Result result = run(NIGHT);

		assertThat(result.exitCode()).as(result.output()).isZero();
		assertThat(result.output()).isEmpty();
		assertThat(csvFiles("viewers-1-")).containsExactly("viewers-1-20250103T020000Z.csv",
				"viewers-1-20250104T020000Z.csv", "viewers-1-" + NIGHT + ".csv");
		assertThat(Files.readAllLines(this.exports.resolve("viewers-1-" + NIGHT + ".csv"))).hasSize(3)
			.first()
			.isEqualTo("id,email,firstname,lastname,status,member_since,projects,project_names");
		assertThat(this.exports.resolve("viewers-1-" + NIGHT + ".csv")).content()
			.contains("ann@example.com", "bob@example.com");
		assertThat(this.exports.resolve("viewers-999-20250101T020000Z.csv")).exists();
		assertThat(this.exports.resolve("notes.csv")).exists();
		assertThat(this.exports.resolve("viewers-1-20250105T020000Z.csv.4711.tmp")).doesNotExist();
		assertThat(this.exports.resolve("cron-export.log")).content().contains("Exported 2 viewers");
		assertThat(sandbox.sandbox().requestLog().writes()).isZero();
	}

	@Test
	void passesTheTokenThroughTheEnvironmentNeverOnTheCommandLine() throws Exception {
		writeSettings("EXPORT_FORMAT=assignments\nEXPORT_STATUS=active,left\nEXPORT_EXCEL=true\n");

		Result result = run(NIGHT);

		assertThat(result.exitCode()).as(result.output()).isZero();
		assertThat(Files.readString(this.calls))
			.isEqualTo("export-viewers --workspace 1 --format assignments --output " + this.exports + "/assignments-1-"
					+ NIGHT + ".csv --status active,left --excel token=from-env\n")
			.doesNotContain(sandbox.token());
		// Excel's byte order mark, then one row per viewer and project
		assertThat(Files.readAllLines(this.exports.resolve("assignments-1-" + NIGHT + ".csv"))).hasSize(4)
			.first()
			.isEqualTo("\uFEFFviewer_id,email,project_id,project_name");
	}

	@Test
	void secondRunWhileTheFirstHoldsTheLockExitsAtOnceWithoutExporting() throws Exception {
		Path lock = this.exports.resolve(".cron-export.lock");
		// a first run, as far as the lock is concerned
		try (HeldLock first = HeldLock.on(lock)) {
			Result second = run(NIGHT);

			assertThat(second.exitCode()).isEqualTo(1);
			assertThat(second.output()).hasLineCount(1)
				.startsWith("cron-export: skipped: the previous export is still running (lock " + lock);
			assertThat(this.calls).doesNotExist();
			assertThat(csvFiles("viewers-")).isEmpty();
		}

		Result result = run(NIGHT);
		assertThat(result.exitCode()).as(result.output()).isZero();
		assertThat(csvFiles("viewers-")).containsExactly("viewers-1-" + NIGHT + ".csv");
	}

	@Test
	void aRunInTheSameSecondAsTheLastIsSkippedAndLeavesItsExportAlone() throws Exception {
		assertThat(run(NIGHT).exitCode()).isZero();
		Path export = this.exports.resolve("viewers-1-" + NIGHT + ".csv");
		String first = Files.readString(export);
		sandbox.sandbox().store().addViewer(1, "cy@example.com", "Cy", "New", "active", Set.of(101L));
		sandbox.sandbox().requestLog().clear();

		Result second = run(NIGHT);

		assertThat(second.exitCode()).isEqualTo(1);
		assertThat(second.output()).isEqualTo(
				"cron-export: skipped: an export of workspace 1 already ran at " + NIGHT + " (" + export + ")\n");
		assertThat(export).hasContent(first);
		assertThat(sandbox.sandbox().requestLog().all()).isEmpty();
	}

	@Test
	void failedExportExitsWithItsCodeAndOneLineAndKeepsOlderExports() throws Exception {
		Files.writeString(this.exports.resolve("viewers-1-20250101T020000Z.csv"), "old\n");
		writeSettings("KEEP=1\n", "not-the-token");

		Result result = run(NIGHT);

		assertThat(result.exitCode()).isEqualTo(4);
		assertThat(result.output()).hasLineCount(1)
			.startsWith("cron-export: export of workspace 1 failed (exit 4): ")
			.contains("401")
			.endsWith("; see " + this.exports.resolve("cron-export.log") + "\n")
			.doesNotContain("not-the-token");
		assertThat(csvFiles("viewers-")).containsExactly("viewers-1-20250101T020000Z.csv");
	}

	@Test
	void missingSettingIsReportedInOneLineWithExitTwo() throws Exception {
		Files.writeString(this.envFile, "WEBWORK_API_TOKEN=" + sandbox.token() + "\nEXPORT_DIR=" + this.exports + "\n");

		Result result = run(NIGHT);

		assertThat(result.exitCode()).isEqualTo(2);
		assertThat(result.output()).isEqualTo("cron-export: WEBWORK_WORKSPACE_ID is not set in " + this.envFile + "\n");
		assertThat(this.calls).doesNotExist();
	}

	@Test
	void settingsFileCanComeFromTheEnvironment() throws Exception {
		Result noFile = Processes.run(new ProcessBuilder("bash", SCRIPT.toString()), Duration.ofMinutes(1));
		assertThat(noFile.exitCode()).isEqualTo(2);
		assertThat(noFile.output()).startsWith("cron-export: no settings:");

		ProcessBuilder fromEnvironment = new ProcessBuilder("bash", SCRIPT.toString());
		fromEnvironment.environment().put("VIEWER_BATCH_ENV", this.envFile.toString());
		fromEnvironment.environment().put("CRON_TIME", NIGHT);
		Result viaEnvironment = Processes.run(fromEnvironment, Duration.ofMinutes(2));
		assertThat(viaEnvironment.exitCode()).as(viaEnvironment.output()).isZero();
		assertThat(csvFiles("viewers-1-")).containsExactly("viewers-1-" + NIGHT + ".csv");
	}

	private void writeSettings(String extra) throws IOException {
		writeSettings(extra, sandbox.token());
	}

	private void writeSettings(String extra, String token) throws IOException {
		Files.writeString(this.envFile, """
				WEBWORK_API_TOKEN=%s
				WEBWORK_API_URL=%s
				WEBWORK_WORKSPACE_ID=1
				WEBWORK_RATE_LIMIT=100000
				VIEWER_BATCH_HOME=%s
				EXPORT_DIR=%s
				KEEP=3
				VIEWER_BATCH_BIN=%s
				""".formatted(token, sandbox.apiUrl(), this.dir.resolve("home"), this.exports,
				this.dir.resolve("viewer-batch")) + extra);
	}

	/** The script, as cron starts it at {@code time} (UTC, as in its files' names). */
	private Result run(String time) throws Exception {
		ProcessBuilder builder = new ProcessBuilder("bash", SCRIPT.toString(), this.envFile.toString());
		builder.environment().put("CRON_TIME", time);
		return Processes.run(builder, Duration.ofMinutes(2));
	}

	private List<String> csvFiles(String prefix) throws IOException {
		try (Stream<Path> files = Files.list(this.exports)) {
			return files.map((file) -> file.getFileName().toString())
				.filter((name) -> name.startsWith(prefix) && name.endsWith(".csv"))
				.sorted()
				.toList();
		}
	}

}
