package org.viewerbatch.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code viewer-batch demo} as a newcomer runs it: in-process, on the repository's own
 * samples.
 */
class DemoCommandTest {

	@TempDir
	Path dir;

	record Run(int exitCode, String out, String err) {
	}

	static Run run(String... args) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		int exitCode = ViewerBatchCommand.execute(args, Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8),
				new PrintStream(err, true, StandardCharsets.UTF_8));
		return new Run(exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
	}

	@Test
	void theDemoImportsTheSampleThroughTheFaultsWithOneInvitationPerViewerAndCanRunAgain() throws IOException {
		Path output = this.dir.resolve("demo");
		for (int round = 1; round <= 2; round++) {
			Run demo = run("demo", "--output-dir", output.toString());

			assertThat(demo.exitCode()).as(demo.out() + demo.err()).isZero();
			assertThat(demo.out()).contains("rate limit RAISED to 6,000 requests per minute")
				.contains("29 rows: created 21, restored 1, assigned 21, unassigned 0, unchanged 2, deleted 0, "
						+ "rejected 4, failed 0")
				.contains("import-viewers exited with 3")
				.contains("line 26  not-an-email: 'not-an-email' is not an email address")
				.contains("5 of them injected failures (1 x 429, 1 x 500, 3 x 503)")
				.contains("Invitations sent by the simulator: 21 = viewers created: 21 (nobody was invited twice)")
				.contains("Exported 26 viewers")
				.contains("COMPLETED_WITH_REJECTS")
				.contains("results  " + output.resolve("viewers.results.csv"))
				.contains("rejects  " + output.resolve("viewers.rejects.csv"))
				.contains("export   " + output.resolve("viewers-export.csv"));
			assertThat(lines(output.resolve("viewers.results.csv"))).hasSize(1 + 25);
			assertThat(lines(output.resolve("viewers.rejects.csv"))).hasSize(1 + 4);
			assertThat(lines(output.resolve("viewers-export.csv"))).hasSize(1 + 26);
		}
	}

	@Test
	void withoutTheSamplesItSaysWhereItLookedAndExits2() {
		Run demo = run("demo", "--samples", this.dir.resolve("nowhere").toString(), "--output-dir",
				this.dir.resolve("out").toString());

		assertThat(demo.exitCode()).isEqualTo(2);
		assertThat(demo.err())
			.contains("cannot find the samples (viewers.csv and sandbox-seed.json) in " + this.dir.resolve("nowhere"))
			.contains("--samples DIR");
		assertThat(this.dir.resolve("out")).doesNotExist();
	}

	@Test
	void theSamplesAreFoundBesideTheJarOrTheClassesWhateverTheWorkingDirectory() throws IOException {
		Path checkout = this.dir.resolve("viewer-batch");
		Path samples = Files.createDirectories(checkout.resolve("samples"));
		Files.writeString(samples.resolve("viewers.csv"), "email\n");
		Files.writeString(samples.resolve("sandbox-seed.json"), "{}");
		Path elsewhere = Files.createDirectories(this.dir.resolve("home"));

		assertThat(DemoCommand.findSamples(elsewhere, List.of(checkout.resolve("target/viewer-batch.jar"))))
			.contains(samples);
		assertThat(DemoCommand.findSamples(elsewhere, List.of(checkout.resolve("target/classes")))).contains(samples);
		assertThat(DemoCommand.findSamples(checkout, List.of())).contains(samples);
		assertThat(DemoCommand.findSamples(elsewhere, List.of(elsewhere.resolve("viewer-batch.jar")))).isEmpty();
	}

	private static List<String> lines(Path file) throws IOException {
		return Files.readAllLines(file, StandardCharsets.UTF_8);
	}

}
