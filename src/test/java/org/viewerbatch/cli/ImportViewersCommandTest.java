package org.viewerbatch.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
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
	void helpDescribesEveryOption() {
		SandboxRun help = run("import-viewers", "--help");
		assertThat(help.exitCode()).isZero();
		assertThat(help.out()).contains("FILE", "--dry-run", "--sync-projects", "--allow-delete", "--max-deletes",
				"--rejects", "--results", "--plan", "--skip-limit", "--chunk-size", "--delimiter", "--encoding",
				"--map", "--rerun");
	}

}
