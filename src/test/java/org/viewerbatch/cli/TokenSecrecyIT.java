package org.viewerbatch.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.viewerbatch.sandbox.FaultPlan;
import org.viewerbatch.sandbox.SandboxOptions;
import org.viewerbatch.sandbox.Seed;
import org.viewerbatch.testsupport.FatJar;
import org.viewerbatch.testsupport.SandboxExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A planted token, given as a user gives it (a token file written by Notepad, the
 * environment), never reaches anything a run leaves behind: what the process prints (with
 * {@code -v}, one log line per request), the results and rejects files, the export, and
 * the job repository's own files, on the paths that go well and on those that fail
 * (retried 5xx, a create answered 500 after it happened, a refused token, a refused
 * connection, a token that cannot go into a header).
 */
class TokenSecrecyIT {

	/** Distinctive enough that any occurrence is a leak. */
	static final String TOKEN = "planted-Secr3t-7f3a9c1e";

	@RegisterExtension
	static final SandboxExtension sandbox = new SandboxExtension(SandboxOptions.defaults()
		.withRateLimit(100_000)
		.withSeed(new Seed(Seed.defaults().workspaces(), List.of(new Seed.Token(TOKEN, "owner", Set.of(1L))))));

	@TempDir
	Path dir;

	private final List<String> printed = new ArrayList<>();

	@Test
	void theTokenIsInNoOutputLogOrRepositoryFileOnAnyPath() throws Exception {
		Path bomTokenFile = this.dir.resolve("token.txt");
		Files.write(bomTokenFile, ("\uFEFF" + TOKEN + "\r\n").getBytes(StandardCharsets.UTF_8));
		Path clients = csv("clients.csv", 12);
		Path home = this.dir.resolve("home");
		String api = sandbox.apiUrl().toString();
		sandbox.sandbox()
			.faultPlan(FaultPlan.parse("every:4=503;email:client3@example.com=500-after-commit;request:9=reset"));

		int imported = run(List.of("-v", "--token-file", bomTokenFile.toString(), "import-viewers", clients.toString(),
				"--api-url", api, "--workspace", "1", "--job-repository", home.toString(), "--rate-limit", "6000",
				"--concurrency", "1"), null);
		assertThat(imported).as(String.join("\n", this.printed)).isEqualTo(3);
		assertThat(sandbox.sandbox().requestLog().invitationsSent()).isEqualTo(11);

		sandbox.sandbox().faultPlan(FaultPlan.none());
		int exported = run(List.of("-v", "export-viewers", "--output", this.dir.resolve("viewers.csv").toString(),
				"--api-url", api, "--workspace", "1", "--job-repository", home.toString()), TOKEN);
		assertThat(exported).as(String.join("\n", this.printed)).isZero();

		Path unknownTokenFile = Files.writeString(this.dir.resolve("other-token.txt"), "not-" + TOKEN + "\n");
		int refused = run(List.of("-v", "--token-file", unknownTokenFile.toString(), "import-viewers",
				csv("more.csv", 2).toString(), "--api-url", api, "--workspace", "1", "--job-repository",
				home.toString()), null);
		assertThat(refused).as(String.join("\n", this.printed)).isEqualTo(4);

		int unreachable = run(List.of("-v", "import-viewers", csv("again.csv", 2).toString(), "--api-url",
				"http://127.0.0.1:1/api/v2/", "--workspace", "1", "--job-repository", home.toString()), TOKEN);
		assertThat(unreachable).as(String.join("\n", this.printed)).isEqualTo(1);

		Path controlTokenFile = Files.writeString(this.dir.resolve("bad-token.txt"), TOKEN + "\u0007\n");
		int badToken = run(List.of("--token-file", controlTokenFile.toString(), "import-viewers", clients.toString(),
				"--api-url", api, "--workspace", "1", "--job-repository", home.toString()), null);
		assertThat(badToken).isEqualTo(2);

		assertThat(this.printed).as("every run printed something to search").hasSize(5).allMatch((s) -> !s.isBlank());
		assertThat(String.join("\n", this.printed)).doesNotContain(TOKEN).doesNotContain("Secr3t");
		assertThat(filesHolding(TOKEN)).as("files that hold the token").isEmpty();
		try (Stream<Path> repository = Files.walk(home)) {
			assertThat(repository.map((p) -> p.getFileName().toString())).as("the repository's files were searched")
				.anyMatch((name) -> name.endsWith(".script") || name.endsWith(".log"));
		}
	}

	private Path csv(String name, int rows) throws IOException {
		return Files
			.writeString(this.dir.resolve(name), "email,firstname,lastname,projects\n" + IntStream.rangeClosed(1, rows)
				.mapToObj((i) -> "client" + i + "@example.com,Client,Number" + i + "," + ((i == rows) ? "999" : "101"))
				.collect(Collectors.joining("\n")) + "\n");
	}

	/**
	 * Runs the fat jar to its end, keeps what it printed; {@code envToken} goes into
	 * WEBWORK_API_TOKEN.
	 */
	private int run(List<String> arguments, String envToken) throws Exception {
		Path output = this.dir.resolve("run-" + this.printed.size() + ".out");
		ProcessBuilder builder = FatJar.command(arguments, output);
		if (envToken != null) {
			builder.environment().put("WEBWORK_API_TOKEN", envToken);
		}
		Process process = builder.start();
		if (!process.waitFor(3, TimeUnit.MINUTES)) {
			process.destroyForcibly();
			throw new AssertionError("the run did not end:\n" + Files.readString(output));
		}
		this.printed.add(Files.readString(output));
		Files.delete(output);
		return process.exitValue();
	}

	/**
	 * Every file under the test's directory, the token files aside, that holds the text.
	 */
	private List<Path> filesHolding(String text) throws IOException {
		byte[] needle = text.getBytes(StandardCharsets.UTF_8);
		try (Stream<Path> files = Files.walk(this.dir)) {
			return files.filter(Files::isRegularFile)
				.filter((file) -> !file.getFileName().toString().endsWith("token.txt"))
				.filter((file) -> contains(file, needle))
				.toList();
		}
	}

	private static boolean contains(Path file, byte[] needle) {
		try {
			byte[] content = Files.readAllBytes(file);
			outer: for (int i = 0; i <= content.length - needle.length; i++) {
				for (int j = 0; j < needle.length; j++) {
					if (content[i + j] != needle[j]) {
						continue outer;
					}
				}
				return true;
			}
			return false;
		}
		catch (IOException ex) {
			throw new AssertionError("cannot read " + file, ex);
		}
	}

}
