package org.viewerbatch.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.viewerbatch.sandbox.LoggedRequest;
import org.viewerbatch.sandbox.SandboxOptions;
import org.viewerbatch.testsupport.SandboxExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code jobs EXECUTION_ID} and {@code jobs --email} after real imports against the
 * sandbox: the changes they list are the writes the sandbox answered.
 */
class JobsCommandAuditTest {

	@RegisterExtension
	static final SandboxExtension sandbox = new SandboxExtension(SandboxOptions.defaults().withRateLimit(100_000));

	@TempDir
	Path dir;

	SandboxRun run(String... args) {
		return SandboxRun.run(sandbox, this.dir.resolve("home"), args);
	}

	Path file(String name, String... lines) throws IOException {
		Path file = this.dir.resolve(name);
		Files.writeString(file, "email,firstname,lastname,projects\n" + String.join("\n", lines) + "\n");
		return file;
	}

	/** The execution id of the run of this input file, from the list of runs. */
	String executionOf(Path file) {
		return run("jobs").out()
			.lines()
			.filter((line) -> line.contains(" " + file + " "))
			.map((line) -> line.split("\\s+")[0])
			.findFirst()
			.orElseThrow();
	}

	/**
	 * The rows of the table that follows the header line starting with {@code TIME}, as
	 * cells.
	 */
	static List<List<String>> table(String text) {
		List<String> lines = text.lines().map(String::strip).toList();
		int header = lines.indexOf(lines.stream().filter((line) -> line.startsWith("TIME ")).findFirst().orElseThrow());
		return lines.subList(header + 1, lines.size())
			.stream()
			.takeWhile((line) -> line.matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d .*"))
			.map((line) -> Arrays.asList(line.split("\\s{2,}")))
			.toList();
	}

	/**
	 * {@code create 1001}, {@code assign 101 1001}: a write as the sandbox answered it.
	 */
	static String write(LoggedRequest request) {
		String path = request.path();
		String operation = path.endsWith("/assign-project") ? "assign " + request.projectId()
				: path.endsWith("/unassign-project") ? "unassign " + request.projectId() : path.endsWith("/restore")
						? "restore" : request.method().equals("DELETE") ? "archive" : "create";
		return operation + " " + request.viewerId();
	}

	@Test
	void oneRunListsEveryChangeItSentAndAViewersChangesNameTheRunAndTheFile() throws Exception {
		Path clients = file("clients.csv", "ann@example.com,Ann,Lee,101;102", "bob@example.com,Bob,Ray,101",
				"nobody,No,Body,101");
		assertThat(run("import-viewers", clients.toString()).exitCode()).isEqualTo(3);
		List<LoggedRequest> firstRun = sandbox.sandbox()
			.requestLog()
			.all()
			.stream()
			.filter((request) -> !request.method().equals("GET"))
			.toList();
		Path more = file("more.csv", "ann@example.com,Ann,Lee,101;102;103");
		assertThat(run("import-viewers", more.toString()).exitCode()).isZero();

		SandboxRun details = run("jobs", executionOf(clients));

		assertThat(details.exitCode()).as(details.err()).isZero();
		assertThat(details.out()).startsWith("execution " + executionOf(clients) + ": import-viewers")
			.contains("  input: " + clients + "\n")
			.contains("counts:   3 rows: created 2, assigned 2, rejected 1\n")
			.contains("changes:  5, in the order sent\n");
		List<List<String>> changes = table(details.out());
		// TIME, LINE, EMAIL, VIEWER, OPERATION, RESULT, ANSWER: the writes the sandbox
		// answered, each once
		assertThat(changes).extracting((cells) -> cells.get(4) + " " + cells.get(3))
			.containsExactlyInAnyOrderElementsOf(firstRun.stream().map(JobsCommandAuditTest::write).toList());
		assertThat(changes).allMatch((cells) -> cells.get(5).equals("DONE"));
		// one create per new viewer, sent before anything else for it
		assertThat(changes.stream().filter((cells) -> cells.get(4).equals("create")))
			.extracting((cells) -> cells.get(2))
			.containsExactlyInAnyOrder("ann@example.com", "bob@example.com");
		assertThat(sandbox.sandbox().requestLog().invitationsSent("ann@example.com")).isOne();
		assertThat(sandbox.sandbox().requestLog().invitationsSent("bob@example.com")).isOne();
		for (String email : List.of("ann@example.com", "bob@example.com")) {
			assertThat(changes.stream().filter((cells) -> cells.get(2).equals(email)).findFirst().orElseThrow().get(4))
				.isEqualTo("create");
		}

		SandboxRun ann = run("jobs", "--email", " ANN@example.com");

		assertThat(ann.exitCode()).as(ann.err()).isZero();
		// TIME, EXECUTION, COMMAND, INPUT, LINE, OPERATION, RESULT, VIEWER; newest first
		List<List<String>> history = table(ann.out());
		String annId = changes.stream()
			.filter((cells) -> cells.get(2).equals("ann@example.com"))
			.findFirst()
			.orElseThrow()
			.get(3);
		assertThat(history).extracting((cells) -> cells.get(5) + " " + cells.get(7))
			.containsExactlyInAnyOrderElementsOf(sandbox.sandbox()
				.requestLog()
				.all()
				.stream()
				.filter((request) -> !request.method().equals("GET")
						&& annId.equals(String.valueOf(request.viewerId())))
				.map(JobsCommandAuditTest::write)
				.toList());
		assertThat(history.get(0)).containsExactly(history.get(0).get(0), executionOf(more), "import-viewers",
				more.toString(), "2", "assign 103", "DONE", annId);
		assertThat(history.get(history.size() - 1)).containsExactly(history.get(history.size() - 1).get(0),
				executionOf(clients), "import-viewers", clients.toString(), "2", "create", "DONE", annId);

		SandboxRun nobody = run("jobs", "--email", "carol@example.com");
		assertThat(nobody.exitCode()).isZero();
		assertThat(nobody.out()).isEqualTo("no change recorded for carol@example.com\n");
	}

}
