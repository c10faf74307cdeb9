package org.viewerbatch.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.viewerbatch.sandbox.SandboxOptions;
import org.viewerbatch.sandbox.SandboxStore;
import org.viewerbatch.sandbox.Seed;
import org.viewerbatch.testsupport.SandboxExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code import-assignments} and the migration from one workspace to another as a user
 * runs them, in-process, with a file job repository, against the sandbox seeded with the
 * demo seed: workspace 1 (projects 101–110, viewers 501–505) and workspace 2 (projects
 * 201–210, no viewers), one token for both.
 */
class ImportAssignmentsCommandTest {

	@RegisterExtension
	static final SandboxExtension sandbox = new SandboxExtension(SandboxOptions.defaults()
		.withRateLimit(1_000_000)
		.withSeed(Seed.read(Path.of("samples/sandbox-seed.json"))));

	@TempDir
	Path dir;

	SandboxRun run(String... args) {
		return SandboxRun.execute(
				SandboxRun.with(List.of("--api-url", sandbox.apiUrl().toString(), "--job-repository",
						this.dir.resolve("home").toString(), "--rate-limit", "100000"), args),
				Map.of("WEBWORK_API_TOKEN", sandbox.token()));
	}

	SandboxStore store() {
		return sandbox.sandbox().store();
	}

	static List<CSVRecord> csv(Path file) throws IOException {
		try (Reader reader = Files.newBufferedReader(file)) {
			return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader).getRecords();
		}
	}

	@Test
	void aWorkspaceMovesToAnotherWithItsViewersAndTheirMappedProjects() throws Exception {
		// workspace 1 gets 120 more viewers (two pages), with one to three projects each
		for (int i = 1; i <= 120; i++) {
			Set<Long> projects = new TreeSet<>(List.of(101L + i % 10, 101L + (i * 3) % 10, 101L + (i * 7) % 10));
			store().addViewer(1, "client" + i + "@example.com", "Client", "Nr " + i, "active", projects);
		}
		Path viewersOfA = this.dir.resolve("A-viewers.csv");
		Path assignmentsOfA = this.dir.resolve("A-assignments.csv");
		Path viewersOfB = this.dir.resolve("B-viewers.csv");
		Path map = Path.of("samples/project-map.csv");
		SandboxRun export = run("export-viewers", "--workspace", "1", "--status", "active", "--output",
				viewersOfA.toString());
		assertThat(export.exitCode()).as(export.err()).isZero();
		export = run("export-viewers", "--workspace", "1", "--status", "active", "--format", "assignments", "--output",
				assignmentsOfA.toString());
		assertThat(export.exitCode()).as(export.err()).isZero();
		sandbox.sandbox().requestLog().clear();

		SandboxRun viewers = run("import-viewers", viewersOfA.toString(), "--workspace", "2", "--project-map",
				map.toString());

		assertThat(viewers.exitCode()).as(viewers.err()).isZero();
		// 4 active viewers of the seed and the 120 added: each created, and invited, once
		assertThat(store().viewers(2)).hasSize(124);
		assertThat(sandbox.sandbox().requestLog().invitationsSent()).isEqualTo(124);
		assertThat(sandbox.sandbox().requestLog().count("POST", "/project-viewers")).isEqualTo(124);
		sandbox.sandbox().requestLog().clear();

		SandboxRun assignments = run("import-assignments", assignmentsOfA.toString(), "--workspace", "2",
				"--project-map", map.toString());

		assertThat(assignments.exitCode()).as(assignments.err()).isZero();
		// every assignment came with the viewers: the second import only reads
		assertThat(sandbox.sandbox().requestLog().writes()).isZero();
		assertThat(sandbox.sandbox().requestLog().all()).hasSize(2 + 1);
		assertThat(assignments.err()).contains("assigned 0", "unchanged " + csv(assignmentsOfA).size(), "rejected 0");

		SandboxRun exportB = run("export-viewers", "--workspace", "2", "--output", viewersOfB.toString());

		assertThat(exportB.exitCode()).as(exportB.err()).isZero();
		assertThat(viewersWithProjects(viewersOfB, 0)).isEqualTo(viewersWithProjects(viewersOfA, 100)).hasSize(124);
		try (Stream<Path> files = Files.walk(this.dir)) {
			for (Path each : files.filter(Files::isRegularFile).toList()) {
				assertThat(Files.readString(each, StandardCharsets.ISO_8859_1)).as(each.toString())
					.doesNotContain(sandbox.token());
			}
		}
	}

	/**
	 * Each viewer as "email first last projects" with its project ids raised by
	 * {@code shift}, sorted.
	 */
	private static List<String> viewersWithProjects(Path export, long shift) throws IOException {
		return csv(export).stream()
			.map(r -> r.get("email") + " " + r.get("firstname") + " " + r.get("lastname") + " "
					+ (r.get("projects").isEmpty() ? ""
							: List.of(r.get("projects").split(";"))
								.stream()
								.map(id -> Long.toString(Long.parseLong(id) + shift))
								.sorted()
								.collect(Collectors.joining(";"))))
			.sorted()
			.toList();
	}

	@Test
	void exitCodesSayWhatHappened() throws Exception {
		Path file = this.dir.resolve("access.csv");
		Files.writeString(file, "email,project_id,action\nexisting.unchanged@northwind.example,103,\n"
				+ "nobody@northwind.example,101,\n");

		SandboxRun rejects = run("import-assignments", file.toString(), "--workspace", "1");

		assertThat(rejects.exitCode()).as(rejects.err()).isEqualTo(3);
		assertThat(rejects.err()).contains("2 rows:", "assigned 1", "rejected 1",
				"rejects: " + this.dir.resolve("access.rejects.csv"));

		Path map = this.dir.resolve("map.csv");
		Files.writeString(map, "from,to\n101,201\n102,two\n");
		sandbox.sandbox().requestLog().clear();
		for (String command : List.of("import-assignments", "import-viewers")) {
			SandboxRun badMap = run(command, file.toString(), "--workspace", "2", "--project-map", map.toString(),
					"--rerun");
			assertThat(badMap.exitCode()).as(badMap.err()).isEqualTo(2);
			assertThat(badMap.err()).contains(map + ":3: 'two' in column 'to' is not a project id (a positive number)");
		}

		Path tooMany = this.dir.resolve("sync.csv");
		Files.writeString(tooMany, "email,project_id\nexisting.unchanged@northwind.example,101\n");
		SandboxRun refused = run("import-assignments", tooMany.toString(), "--workspace", "1", "--sync",
				"--max-unassigns", "0");
		assertThat(refused.exitCode()).as(refused.err()).isEqualTo(2);
		assertThat(refused.err()).contains("--sync would unassign 2 projects from 1 viewers")
			.doesNotContain("run the same command again");
		assertThat(sandbox.sandbox().requestLog().writes()).isZero();

		SandboxRun allowed = run("import-assignments", tooMany.toString(), "--workspace", "1", "--sync");
		assertThat(allowed.exitCode()).as(allowed.err()).isZero();
		assertThat(store().viewerByEmail(1, "existing.unchanged@northwind.example").orElseThrow().projectIds())
			.containsExactly(101L);
	}

	@Test
	void helpDescribesEveryOption() {
		SandboxRun help = run("import-assignments", "--help");

		assertThat(help.exitCode()).isZero();
		assertThat(help.out()).contains("FILE", "--dry-run", "--sync", "--max-unassigns", "--rejects", "--results",
				"--plan", "--skip-limit", "--chunk-size", "--delimiter", "--encoding", "--map", "--project-map",
				"--rerun", "email or viewer_id", "import-viewers first");
		assertThat(run("import-viewers", "--help").out()).contains("--project-map");
	}

}
