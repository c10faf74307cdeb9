package org.viewerbatch.cli;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import org.viewerbatch.sandbox.LoggedRequest;
import org.viewerbatch.sandbox.SandboxOptions;
import org.viewerbatch.testsupport.SandboxExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code import-viewers} as a user runs it, in-process, with a file job repository,
 * against the sandbox.
 */
@ExtendWith(OutputCaptureExtension.class)
class ImportViewersCommandTest {

	@RegisterExtension
	static final SandboxExtension sandbox = new SandboxExtension(SandboxOptions.defaults().withRateLimit(100_000));

	@TempDir
	Path dir;

	SandboxRun run(String... args) {
		return runWithToken(sandbox.token(), args);
	}

	SandboxRun runWithToken(String token, String... args) {
		return SandboxRun.execute(
				SandboxRun.with(SandboxRun.options(sandbox, this.dir.resolve("home").toString()), args),
				Map.of("WEBWORK_API_TOKEN", token));
	}

	Path file(String... lines) throws IOException {
		Path file = this.dir.resolve("clients.csv");
		Files.writeString(file, "email,firstname,lastname,projects\n" + String.join("\n", lines) + "\n");
		return file;
	}

	List<LoggedRequest> requests() {
		return sandbox.sandbox().requestLog().all();
	}

	@Test
	void archiveMissingWithoutAllowDeleteIsRefusedBeforeAnyRequest() throws Exception {
		Path file = file("ann@example.com,Ann,Lee,101");

		SandboxRun refused = run("import-viewers", file.toString(), "--archive-missing");

		assertThat(refused.exitCode()).isEqualTo(2);
		assertThat(refused.err())
			.isEqualTo("viewer-batch: --archive-missing archives viewers: it needs --allow-delete too\n");
		assertThat(requests()).isEmpty();
	}

	@Test
	void aRosterWithARowWhoseEmailCannotBeReadIsRefusedBeforeAnyRequest() throws Exception {
		for (int i = 1; i <= 4; i++) {
			sandbox.sandbox().store().addViewer(1, "old" + i + "@example.com", "Old", "No" + i, "active", Set.of());
		}
		Path file = file("old1@example.com,Old,No1,", "old2@example.com\u001b[8m,Old,No2,",
				"O Three <old3@example.com>,Old,No3,", "old4 at example.com,Old,No4,");

		SandboxRun refused = run("import-viewers", file.toString(), "--archive-missing", "--allow-delete");

		assertThat(refused.exitCode()).as(refused.err()).isEqualTo(2);
		assertThat(refused.err().strip()).isEqualTo("import-viewers failed (execution 0): " + file
				+ ": lines 3, 5: the email cannot be read,"
				+ " so --archive-missing cannot know whom these rows keep; correct them (or drop --archive-missing)");
		assertThat(requests()).isEmpty();
		assertThat(sandbox.sandbox().store().viewers(1)).noneMatch((viewer) -> viewer.archived());

		// without --archive-missing the same rows are rejected one by one, and nobody
		// is archived
		SandboxRun upsert = run("import-viewers", file.toString(), "--allow-delete");
		assertThat(upsert.exitCode()).as(upsert.err()).isEqualTo(3);
		assertThat(Files.readString(this.dir.resolve("clients.rejects.csv"))).contains(",3,control-character,")
			.contains(",5,invalid-email,");
		assertThat(sandbox.sandbox().requestLog().writes()).isZero();
		assertThat(sandbox.sandbox().store().viewers(1)).noneMatch((viewer) -> viewer.archived());
	}

	@Test
	void aRosterOfAddressesPastedFromAMailClientKeepsEveryoneItNames() throws Exception {
		for (int i = 1; i <= 4; i++) {
			sandbox.sandbox().store().addViewer(1, "old" + i + "@example.com", "Old", "No" + i, "active", Set.of());
		}
		sandbox.sandbox().store().addViewer(1, "gone@example.com", "Gone", "Away", "active", Set.of());
		Path file = file("O One <old1@example.com>,Old,No1,", "old2@example.com;,Old,No2,",
				"mailto:old3@example.com,Old,No3,", "\"Old4@Example.com,\",Old,No4,");

		SandboxRun synced = run("import-viewers", file.toString(), "--archive-missing", "--allow-delete");

		assertThat(synced.exitCode()).as(synced.err()).isZero();
		assertThat(requests()).filteredOn((request) -> !request.method().equals("GET"))
			.extracting(LoggedRequest::viewerId)
			.containsExactly(sandbox.sandbox().store().viewerByEmail(1, "gone@example.com").orElseThrow().id());
		assertThat(sandbox.sandbox().store().viewers(1)).filteredOn((viewer) -> viewer.archived())
			.extracting((viewer) -> viewer.email())
			.containsExactly("gone@example.com");
	}

	@Test
	void aCompletedFileIsNotAppliedTwiceUnlessRerun(CapturedOutput output) throws Exception {
		Path file = file("ann@example.com,Ann,Lee,101;102", "bob@example.com,Bob,Ray,101");

		SandboxRun first = run("import-viewers", file.toString());
		assertThat(first.exitCode()).as(first.err()).isZero();
		assertThat(first.err()).contains("2 rows: created 2")
			.contains("results: " + this.dir.resolve("clients.results.csv"));
		assertThat(sandbox.sandbox().requestLog().invitationsSent()).isEqualTo(2);
		sandbox.sandbox().requestLog().clear();

		SandboxRun again = run("import-viewers", file.toString());
		assertThat(again.exitCode()).isZero();
		assertThat(again.err()).contains("already done").contains("--rerun");
		assertThat(requests()).isEmpty();
		Path copy = Files.copy(file, Files.createDirectories(this.dir.resolve("elsewhere")).resolve("copy.csv"));
		SandboxRun copied = run("import-viewers", copy.toString());
		assertThat(copied.exitCode()).isZero();
		assertThat(copied.err()).contains("already done").contains("the same content from " + file);
		assertThat(requests()).isEmpty();

		SandboxRun rerun = run("import-viewers", file.toString(), "--rerun");
		assertThat(rerun.exitCode()).as(rerun.err()).isZero();
		assertThat(requests()).extracting(LoggedRequest::method).containsOnly("GET").hasSize(2);
		assertThat(rerun.err()).contains("unchanged 2");

		// the token is nowhere: not in the job repository's files, the output files or
		// the logs
		try (Stream<Path> files = Files.walk(this.dir)) {
			for (Path each : files.filter(Files::isRegularFile).toList()) {
				assertThat(Files.readString(each, StandardCharsets.ISO_8859_1)).as(each.toString())
					.doesNotContain(sandbox.token());
			}
		}
		assertThat(output.getAll()).doesNotContain(sandbox.token());
		assertThat(first.err() + again.err() + rerun.err()).doesNotContain(sandbox.token());
	}

	@Test
	void exitCodesSayWhatHappened() throws Exception {
		Path withReject = file("ann@example.com,Ann,Lee,101", "nobody,No,Body,");
		SandboxRun rejects = run("import-viewers", withReject.toString());
		assertThat(rejects.exitCode()).as(rejects.err()).isEqualTo(3);
		assertThat(rejects.err()).contains("rejected 1")
			.contains("rejects: " + this.dir.resolve("clients.rejects.csv"));

		sandbox.sandbox().requestLog().clear();
		SandboxRun missing = run("import-viewers", this.dir.resolve("nope.csv").toString());
		assertThat(missing.exitCode()).isEqualTo(2);
		assertThat(missing.err()).contains("nope.csv").contains("no such file");

		Path deletes = this.dir.resolve("offboard.csv");
		Files.writeString(deletes, "email,action\nann@example.com,delete\n");
		SandboxRun guarded = run("import-viewers", deletes.toString());
		assertThat(guarded.exitCode()).isEqualTo(2);
		assertThat(guarded.err()).contains("--allow-delete");

		SandboxRun badOption = run("import-viewers", withReject.toString(), "--delimiter", "ab", "--rerun");
		assertThat(badOption.exitCode()).isEqualTo(2);
		assertThat(badOption.err()).contains("--delimiter");
		assertThat(requests()).isEmpty();

		SandboxRun refused = runWithToken("not-the-token", "import-viewers", deletes.toString(), "--allow-delete");
		assertThat(refused.exitCode()).as(refused.err()).isEqualTo(4);
		assertThat(refused.err()).contains("401: Unauthenticated.").contains("the API refused the token");
		assertThat(sandbox.sandbox().requestLog().writes()).isZero();

		SandboxRun allowed = run("import-viewers", deletes.toString(), "--allow-delete");
		assertThat(allowed.exitCode()).as(allowed.err()).isZero();
		assertThat(allowed.err()).contains("deleted 1");
	}

	@Test
	void anOutputThatCannotBeWrittenIsRefusedBeforeAnyRequest() throws Exception {
		Path file = file("ann@example.com,Ann,Lee,101");
		Path directory = Files.createDirectory(this.dir.resolve("out"));
		Path missing = this.dir.resolve("missing/results.csv");

		SandboxRun results = run("import-viewers", file.toString(), "--results", directory.toString());
		SandboxRun rejects = run("import-viewers", file.toString(), "--rejects", missing.toString());
		SandboxRun plan = run("import-viewers", file.toString(), "--dry-run", "--plan", directory.toString());

		assertThat(List.of(results, rejects, plan)).allMatch((run) -> run.exitCode() == 2);
		assertThat(results.err().strip())
			.isEqualTo("viewer-batch: --results: " + directory + " is a directory; give a file name");
		assertThat(rejects.err().strip())
			.isEqualTo("viewer-batch: --rejects: the directory " + missing.getParent() + " does not exist");
		assertThat(plan.err().strip())
			.isEqualTo("viewer-batch: --plan: " + directory + " is a directory; give a file name");
		assertThat(requests()).isEmpty();
		assertThat(sandbox.sandbox().requestLog().invitationsSent()).isZero();
	}

	@Test
	@Timeout(value = 180, unit = TimeUnit.SECONDS)
	void anInputThatIsNoRegularFileIsRefusedInOneLineBeforeAnyRequestAndWithoutBeingRead() throws Exception {
		Path fifo = this.dir.resolve("fifo.csv");
		assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
		Path big = this.dir.resolve("big.csv");
		try (RandomAccessFile file = new RandomAccessFile(big.toFile(), "rw")) {
			file.setLength(1_500_000_000L);
		}
		Process writer = new ProcessBuilder("cat").start();
		try {
			String pipe = "/proc/" + writer.pid() + "/fd/0";
			Map<String, String> refusals = new LinkedHashMap<>();
			refusals.put(fifo.toString(), "is a pipe, not a regular file: save what it gives to a file and give that "
					+ "file's path (an import reads its file more than once)");
			refusals.put(pipe, "is a pipe, not a regular file: save what it gives to a file and give that file's path"
					+ " (an import reads its file more than once)");
			refusals.put("/dev/zero", "is a character device, not a regular file: give the path of a CSV file");
			refusals.put("/dev/null", "is a character device, not a regular file: give the path of a CSV file");
			refusals.put(this.dir.toString(), "is a directory: give the path of a CSV file");
			refusals.put(big.toString(), "is 1.50 GB, larger than any roster could be (the limit is 1 GB): check that "
					+ "this is the right file");

			refusals.forEach((input, reason) -> {
				SandboxRun refused = run("import-viewers", input, "--dry-run");
				assertThat(refused.exitCode()).as(input).isEqualTo(2);
				assertThat(refused.err()).isEqualTo("viewer-batch: " + input + ": " + reason + "\n");
			});
			SandboxRun map = run("import-viewers", file("ann@example.com,Ann,Lee,101").toString(), "--project-map",
					fifo.toString());
			assertThat(map.exitCode()).isEqualTo(2);
			assertThat(map.err()).startsWith("viewer-batch: " + fifo + ": is a pipe, not a regular file");
		}
		finally {
			writer.destroy();
			assertThat(writer.waitFor(10, TimeUnit.SECONDS)).isTrue();
		}
		assertThat(requests()).isEmpty();
		try (Stream<Path> files = Files.list(this.dir)) {
			assertThat(files.map((file) -> file.getFileName().toString())).as("no plan, no report")
				.containsExactlyInAnyOrder("fifo.csv", "big.csv", "clients.csv", "home");
		}
	}

	@Test
	@Timeout(value = 60, unit = TimeUnit.SECONDS)
	void standardInputAsTheFileNameWritesNothingIntoDev() throws IOException {
		// this JVM's standard input is a pipe or a file: either way not a file's own name
		SandboxRun refused = run("import-viewers", "/dev/stdin", "--dry-run");

		assertThat(refused.exitCode()).isEqualTo(2);
		assertThat(refused.err()).startsWith("viewer-batch: /dev/stdin: is ").hasLineCount(1);
		try (Stream<Path> dev = Files.list(Path.of("/dev"))) {
			assertThat(dev.map((file) -> file.getFileName().toString())).noneMatch((name) -> name.startsWith("stdin."));
		}
		assertThat(requests()).isEmpty();
	}

	@Test
	void aSymbolicLinkToTheFileImportsItWithTheResultsBesideTheLink() throws Exception {
		Path file = file("ann@example.com,Ann,Lee,101");
		Path link = Files.createSymbolicLink(this.dir.resolve("latest.csv"), file.getFileName());

		SandboxRun imported = run("import-viewers", link.toString());

		assertThat(imported.exitCode()).as(imported.err()).isZero();
		assertThat(imported.err()).contains("created 1");
		assertThat(this.dir.resolve("latest.results.csv")).exists();
		assertThat(this.dir.resolve("clients.results.csv")).doesNotExist();
	}

	@Test
	void mapWithAnEmptyNameIgnoresTheColumnTheDuplicateErrorSuggests() throws Exception {
		Path file = this.dir.resolve("crm.csv");
		Files.writeString(file, "Email,Mail,First Name,Last Name\nann@example.com,ann.old@example.com,Ann,Lee\n");

		SandboxRun twice = run("import-viewers", file.toString());
		assertThat(twice.exitCode()).isEqualTo(2);
		assertThat(twice.err()).contains("two columns are 'email'").contains("--map \"Mail=\"");

		SandboxRun ignored = run("import-viewers", file.toString(), "--map", "Mail=");
		assertThat(ignored.exitCode()).as(ignored.err()).isZero();
		assertThat(sandbox.sandbox().store().viewerByEmail(1, "ann@example.com")).isPresent();
		assertThat(sandbox.sandbox().store().viewerByEmail(1, "ann.old@example.com")).isEmpty();
	}

	@Test
	void helpDescribesEveryOption() {
		SandboxRun help = run("import-viewers", "--help");
		assertThat(help.exitCode()).isZero();
		assertThat(help.out()).contains("FILE", "--dry-run", "--sync-projects", "--allow-delete", "--max-deletes",
				"--rejects", "--results", "--plan", "--skip-limit", "--chunk-size", "--delimiter", "--encoding",
				"--map", "--rerun");
	}

}
