package org.viewerbatch.exports;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.viewerbatch.testsupport.HeldLock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code scripts/cron-export} run by bash, with a stand-in for viewer-batch that writes
 * the file it is asked for (the export itself is covered by the job and command tests).
 */
class CronExportScriptIT {

	private static final Path SCRIPT = Path.of("scripts/cron-export").toAbsolutePath();

	private static final String TOKEN = "cron-secret-token";

	@TempDir
	Path dir;

	private Path exports;

	private Path envFile;

	private Path calls;

	@BeforeAll
	static void flockIsInstalled() throws Exception {
		Process which = new ProcessBuilder("sh", "-c", "command -v flock").start();
		assumeTrue(which.waitFor() == 0, "flock (util-linux) is not installed: cron-export cannot run here");
	}

	@BeforeEach
	void setUp() throws IOException {
		this.exports = Files.createDirectory(this.dir.resolve("exports"));
		this.calls = this.dir.resolve("calls.txt");
		Path fake = this.dir.resolve("viewer-batch");
		// records its arguments and whether the token came through the environment, then
		// writes --output
		Files.writeString(fake, """
				#!/usr/bin/env bash
				echo "$* token=${WEBWORK_API_TOKEN:+from-env}" >> "%s"
				if [[ -n ${FAKE_FAIL:-} ]]; then
					echo "12:00:01 INFO  starting exportViewersJob" >&2
					echo "$FAKE_FAIL" >&2
					echo >&2
					exit 1
				fi
				while (($#)); do
					if [[ $1 == --output ]]; then echo "id,email" > "$2"; fi
					shift
				done
				echo "Exported 0 viewers (1 page, 1 request) to somewhere in 0.1 s" >&2
				""".formatted(this.calls));
		Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));
		this.envFile = this.dir.resolve("cron-export.env");
		writeSettings("");
	}

	@Test
	void writesATimestampedExportAndKeepsOnlyTheNewestOnes() throws Exception {
		for (String old : List.of("20250101T020000Z", "20250102T020000Z", "20250103T020000Z", "20250104T020000Z")) {
			Files.writeString(this.exports.resolve("viewers-12345-" + old + ".csv"), "old\n");
		}
		Files.writeString(this.exports.resolve("viewers-999-20250101T020000Z.csv"), "other workspace\n");
		Files.writeString(this.exports.resolve("notes.csv"), "not ours\n");
		Files.writeString(this.exports.resolve("viewers-12345-20250105T020000Z.csv.4711.tmp"), "killed run\n");

		Result result = run();

		assertThat(result.exitCode()).isZero();
		assertThat(result.output()).isEmpty();
		List<String> ours = csvFiles("viewers-12345-");
		assertThat(ours).hasSize(3);
		assertThat(ours.subList(0, 2)).containsExactly("viewers-12345-20250103T020000Z.csv",
				"viewers-12345-20250104T020000Z.csv");
		assertThat(ours.get(2)).matches("viewers-12345-\\d{8}T\\d{6}Z\\.csv");
		assertThat(this.exports.resolve(ours.get(2))).hasContent("id,email");
		assertThat(this.exports.resolve("viewers-999-20250101T020000Z.csv")).exists();
		assertThat(this.exports.resolve("notes.csv")).exists();
		assertThat(this.exports.resolve("viewers-12345-20250105T020000Z.csv.4711.tmp")).doesNotExist();
		assertThat(this.exports.resolve("cron-export.log")).content().contains("Exported 0 viewers");
	}

	@Test
	void passesTheTokenThroughTheEnvironmentNeverOnTheCommandLine() throws Exception {
		writeSettings("EXPORT_FORMAT=assignments\nEXPORT_STATUS=active,left\nEXPORT_EXCEL=true\n");

		assertThat(run().exitCode()).isZero();

		String call = Files.readString(this.calls);
		assertThat(call)
			.startsWith("export-viewers --workspace 12345 --format assignments --output " + this.exports
					+ "/assignments-12345-")
			.contains("--status active,left --excel")
			.endsWith("token=from-env\n")
			.doesNotContain(TOKEN);
	}

	@Test
	void secondRunWhileTheFirstHoldsTheLockExitsAtOnceWithoutExporting() throws Exception {
		Path lock = this.exports.resolve(".cron-export.lock");
		// a first run, as far as the lock is concerned
		try (HeldLock first = HeldLock.on(lock)) {
			Result second = run();

			assertThat(second.exitCode()).isEqualTo(1);
			assertThat(second.output()).hasLineCount(1)
				.startsWith("cron-export: skipped: the previous export is still running (lock " + lock);
			assertThat(this.calls).doesNotExist();
			assertThat(csvFiles("viewers-")).isEmpty();
		}

		assertThat(run().exitCode()).isZero();
		assertThat(csvFiles("viewers-")).hasSize(1);
	}

	@Test
	void failedExportExitsWithItsCodeAndOneLineAndKeepsOlderExports() throws Exception {
		Files.writeString(this.exports.resolve("viewers-12345-20250101T020000Z.csv"), "old\n");
		writeSettings("KEEP=1\nFAKE_FAIL='export failed: GET /project-viewers → 503: Service Unavailable'\n");

		Result result = run();

		assertThat(result.exitCode()).isEqualTo(1);
		assertThat(result.output()).hasLineCount(1)
			.isEqualTo("cron-export: export of workspace 12345 failed (exit 1): export failed: GET /project-viewers"
					+ " → 503: Service Unavailable; see " + this.exports.resolve("cron-export.log") + "\n");
		assertThat(csvFiles("viewers-")).containsExactly("viewers-12345-20250101T020000Z.csv");
	}

	@Test
	void missingSettingIsReportedInOneLineWithExitTwo() throws Exception {
		Files.writeString(this.envFile, "WEBWORK_API_TOKEN=" + TOKEN + "\nEXPORT_DIR=" + this.exports + "\n");

		Result result = run();

		assertThat(result.exitCode()).isEqualTo(2);
		assertThat(result.output()).isEqualTo("cron-export: WEBWORK_WORKSPACE_ID is not set in " + this.envFile + "\n");
		assertThat(this.calls).doesNotExist();
	}

	@Test
	void settingsFileCanComeFromTheEnvironment() throws Exception {
		Process process = new ProcessBuilder("bash", SCRIPT.toString()).redirectErrorStream(true).start();
		process.getOutputStream().close();
		String noFile = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor()).isEqualTo(2);
		assertThat(noFile).startsWith("cron-export: no settings:");

		ProcessBuilder fromEnvironment = new ProcessBuilder("bash", SCRIPT.toString()).redirectErrorStream(true);
		fromEnvironment.environment().put("VIEWER_BATCH_ENV", this.envFile.toString());
		Process viaEnvironment = fromEnvironment.start();
		viaEnvironment.getOutputStream().close();
		viaEnvironment.getInputStream().readAllBytes();
		assertThat(viaEnvironment.waitFor()).isZero();
		assertThat(csvFiles("viewers-12345-")).hasSize(1);
	}

	private void writeSettings(String extra) throws IOException {
		Files.writeString(this.envFile, """
				WEBWORK_API_TOKEN=%s
				WEBWORK_WORKSPACE_ID=12345
				EXPORT_DIR=%s
				KEEP=3
				VIEWER_BATCH_BIN=%s
				""".formatted(TOKEN, this.exports, this.dir.resolve("viewer-batch")) + extra);
	}

	private Result run() throws Exception {
		Process process = new ProcessBuilder("bash", SCRIPT.toString(), this.envFile.toString())
			.redirectErrorStream(true)
			.start();
		process.getOutputStream().close();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
		return new Result(process.exitValue(), output);
	}

	private List<String> csvFiles(String prefix) throws IOException {
		try (Stream<Path> files = Files.list(this.exports)) {
			return files.map((file) -> file.getFileName().toString())
				.filter((name) -> name.startsWith(prefix) && name.endsWith(".csv"))
				.sorted()
				.toList();
		}
	}

	private record Result(int exitCode, String output) {
	}

}
