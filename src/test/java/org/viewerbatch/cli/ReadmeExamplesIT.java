package org.viewerbatch.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.viewerbatch.sandbox.Sandbox;
import org.viewerbatch.sandbox.SandboxOptions;
import org.viewerbatch.sandbox.SandboxViewer;
import org.viewerbatch.sandbox.Seed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Runs the commands of the README's "Quick start", "Real use", "Troubleshooting" and
 * "Performance" sections, of its reference sections (importing, migrations, exporting)
 * and of {@code samples/README.md}, in order, as a user would type them, so that they
 * cannot go stale.
 *
 * <p>
 * Every line of a {@code ```bash} block there must be one of:
 * {@code [scripts/]viewer-batch ...} (run in-process against a sandbox seeded with
 * {@code samples/sandbox-seed.json}; a trailing {@code # exit N} comment is the expected
 * exit code, 0 otherwise), {@code export NAME=VALUE ...}, {@code scripts/demo},
 * {@code mvn -B verify} (what {@code .ci/run} runs) or {@code scripts/bench} (not a test:
 * only checked to exist). File names are relative to a temporary working directory,
 * {@code ~} is a temporary home; the API URL, workspace 12345 and the token file point at
 * the sandbox, and the rate limit is raised so that nothing waits for the real API's
 * pace.
 */
class ReadmeExamplesIT {

	private static final Path ROOT = Path.of("").toAbsolutePath();

	private static final List<String> README_SECTIONS = List.of("Quick start", "Real use", "Troubleshooting",
			"Performance");

	/**
	 * The reference sections: their commands take the token and the workspace from the
	 * environment.
	 */
	private static final List<String> REFERENCE_SECTIONS = List.of("Importing viewers", "Importing project access",
			"Migrations", "Exporting viewers");

	private static final Pattern EXIT = Pattern.compile("#.*\\bexit (\\d)\\b");

	@TempDir
	Path dir;

	private final List<Sandbox> sandboxes = new ArrayList<>();

	private Sandbox sandbox;

	private final Map<String, String> env = new HashMap<>();

	private int commands;

	@AfterEach
	void stopSandboxes() {
		this.sandboxes.forEach(Sandbox::close);
	}

	@Test
	void theReadmesCommandsWorkAsWritten() throws IOException {
		String readme = Files.readString(ROOT.resolve("README.md"), StandardCharsets.UTF_8);
		Map<String, List<String>> sections = bashBlocks(readme);
		assertThat(sections.keySet()).as("README sections with commands").containsAll(README_SECTIONS);
		start(SandboxOptions.defaults()
			.withSeed(Seed.read(ROOT.resolve("samples/sandbox-seed.json")))
			.withRateLimit(100_000));
		this.env.put("WEBWORK_RATE_LIMIT", "100000");
		this.env.put("VIEWER_BATCH_HOME", this.dir.resolve("repository").toString());
		for (String section : README_SECTIONS) {
			for (String line : sections.get(section)) {
				runLine(line);
			}
		}
		assertThat(this.commands).as("viewer-batch commands run").isGreaterThanOrEqualTo(9);
		assertThat(this.sandbox.requestLog().invitationsSent()).isEqualTo(21 + 3);
	}

	@Test
	void theReferenceSectionsCommandsWorkAsWritten() throws IOException {
		Map<String, List<String>> sections = bashBlocks(
				Files.readString(ROOT.resolve("README.md"), StandardCharsets.UTF_8));
		assertThat(sections.keySet()).as("README sections with commands").containsAll(REFERENCE_SECTIONS);
		start(SandboxOptions.defaults()
			.withSeed(Seed.read(ROOT.resolve("samples/sandbox-seed.json")))
			.withRateLimit(100_000));
		this.env.put("WEBWORK_API_TOKEN", this.sandbox.token());
		this.env.put("WEBWORK_WORKSPACE_ID", "1");
		this.env.put("WEBWORK_RATE_LIMIT", "100000");
		this.env.put("VIEWER_BATCH_HOME", this.dir.resolve("repository").toString());
		for (String section : REFERENCE_SECTIONS) {
			for (String line : sections.get(section)) {
				runLine(line);
			}
		}
		assertThat(this.commands).as("viewer-batch commands run").isEqualTo(13);
		// clients.csv creates 21 in workspace 1 (5 seeded, the archived one restored): 26
		// active viewers move to
		// workspace 2, one invitation each; offboarding then archives 3 of them in
		// workspace 1
		assertThat(this.sandbox.store().viewers(1)).hasSize(26).filteredOn(SandboxViewer::archived).hasSize(3);
		assertThat(this.sandbox.store().viewers(2)).hasSize(26);
		assertThat(this.sandbox.requestLog().invitationsSent()).isEqualTo(21 + 26);
	}

	@Test
	void theSyncAndUndoSectionsCommandsArchiveTheViewerTheRosterLeavesOutAndPutItBack() throws IOException {
		Map<String, List<String>> sections = bashBlocks(
				Files.readString(ROOT.resolve("README.md"), StandardCharsets.UTF_8));
		List<String> lines = sections.get("Keeping a workspace in sync");
		assertThat(lines).as("the commands of 'Keeping a workspace in sync'").isNotEmpty();
		start(SandboxOptions.defaults()
			.withSeed(Seed.read(ROOT.resolve("samples/sandbox-seed.json")))
			.withRateLimit(100_000));
		this.env.put("WEBWORK_API_TOKEN", this.sandbox.token());
		this.env.put("WEBWORK_RATE_LIMIT", "100000");
		this.env.put("VIEWER_BATCH_HOME", this.dir.resolve("repository").toString());
		for (String line : lines) {
			runLine(line);
		}
		assertThat(this.commands).isEqualTo(2);
		assertThat(this.sandbox.requestLog().count("DELETE", "/project-viewers/\\d+")).isOne();
		assertThat(this.sandbox.store().viewerByEmail(1, "leaving.client@northwind.example").orElseThrow().archived())
			.isTrue();
		assertThat(this.sandbox.store().viewerByEmail(1, "existing.renamed@northwind.example").orElseThrow().archived())
			.isFalse();
		assertThat(this.sandbox.requestLog().invitationsSent()).isOne();

		long writes = this.sandbox.requestLog().writes();
		for (String line : sections.get("Undoing a run")) {
			runLine(line);
		}
		assertThat(this.commands).isEqualTo(5);
		assertThat(this.sandbox.requestLog().writes() - writes).isEqualTo(3);
		assertThat(this.sandbox.store().viewerByEmail(1, "leaving.client@northwind.example").orElseThrow().archived())
			.isFalse();
		assertThat(this.sandbox.store().viewerByEmail(1, "new.hire@northwind.example").orElseThrow().archived())
			.isTrue();
		assertThat(this.sandbox.store()
			.viewerByEmail(1, "existing.moreprojects@northwind.example")
			.orElseThrow()
			.projectIds()).containsExactly(101L, 102L);
		assertThat(this.sandbox.requestLog().invitationsSent()).isOne();
	}

	@Test
	void theSamplesReadmesCommandsWorkAsWritten() throws IOException {
		String samples = Files.readString(ROOT.resolve("samples/README.md"), StandardCharsets.UTF_8);
		for (List<String> block : bashBlocks(samples).values()) {
			for (String line : block) {
				runLine(line);
			}
		}
		assertThat(this.commands).isGreaterThanOrEqualTo(10);
		// viewers.csv creates 21, viewers-excel.csv 5 (other-tool-export.csv has the same
		// people); offboarding
		// archives 3; the active ones move to workspace 2, one invitation each
		List<SandboxViewer> first = this.sandbox.store().viewers(1);
		assertThat(first.stream().filter(SandboxViewer::archived).count()).isEqualTo(3);
		long active = first.stream().filter((viewer) -> viewer.status().equals("active")).count();
		assertThat(this.sandbox.store().viewers(2)).hasSize((int) active);
		assertThat(this.sandbox.requestLog().invitationsSent()).isEqualTo(21 + 5 + active);
	}

	private void runLine(String line) throws IOException {
		List<String> words = words(line);
		if (words.isEmpty()) {
			return;
		}
		String first = words.get(0);
		if (first.equals("export")) {
			words.subList(1, words.size()).forEach(this::export);
		}
		else if (first.equals("mvn")) {
			assertThat(words).as(line).containsExactly("mvn", "-B", "verify");
			assertThat(Files.readString(ROOT.resolve(".ci/run"))).as(".ci/run").containsPattern("mvn -B .*verify");
		}
		else if (first.equals("scripts/test")) {
			// the README's test command: what CI runs, and it ends in the Maven build
			assertThat(words).as(line).containsExactly("scripts/test");
			assertThat(ROOT.resolve("scripts/test")).as(line).isExecutable();
			assertThat(Files.readString(ROOT.resolve(".ci/run"))).as(".ci/run").contains("scripts/test");
			assertThat(Files.readString(ROOT.resolve("scripts/test"))).as("scripts/test")
				.containsPattern("mvn -B .*verify");
		}
		else if (first.equals("scripts/bench") || first.equals("scripts/bench-ledger")) {
			// benchmarks take minutes: they are run by hand, not here
			assertThat(ROOT.resolve(first)).as(line).isExecutable();
		}
		else if (first.equals("scripts/demo")) {
			assertThat(ROOT.resolve("scripts/demo")).as(line).isExecutable();
			runViewerBatch(line, List.of("demo"));
		}
		else if (first.equals("viewer-batch") || first.equals("scripts/viewer-batch")) {
			runViewerBatch(line, words.subList(1, words.size()));
		}
		else {
			fail("a README command this test does not know how to run, so it could go stale: " + line);
		}
	}

	private void runViewerBatch(String line, List<String> arguments) throws IOException {
		List<String> args = new ArrayList<>();
		for (int i = 0; i < arguments.size(); i++) {
			String arg = arguments.get(i);
			String previous = (i > 0) ? arguments.get(i - 1) : "";
			args.add(switch (previous) {
				case "--token-file" -> tokenFile(arg).toString();
				case "--workspace" -> workspace(arg);
				case "--output", "--results", "--rejects", "--plan", "--dir" ->
					arg.equals("-") ? arg : local(arg).toString();
				case "--job-repository", "--seed" -> arg;
				default -> arg.endsWith(".csv") ? input(arg).toString() : arg;
			});
		}
		if (args.contains("sandbox")) {
			startSandbox(args);
			return;
		}
		if (args.contains("demo")) {
			args.addAll(List.of("--output-dir", this.dir.resolve("viewer-batch-demo").toString()));
		}
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		int exitCode = ViewerBatchCommand.execute(args.toArray(String[]::new), Map.copyOf(this.env),
				new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
		Matcher expected = EXIT.matcher(line);
		assertThat(exitCode)
			.as(line + "\n" + out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8))
			.isEqualTo(expected.find() ? Integer.parseInt(expected.group(1)) : 0);
		this.commands++;
	}

	/**
	 * {@code sandbox [--seed FILE] [--rate-limit N]}: the same sandbox, in this process,
	 * on a free port.
	 */
	private void startSandbox(List<String> args) {
		SandboxOptions options = SandboxOptions.defaults();
		for (int i = 0; i < args.size() - 1; i++) {
			switch (args.get(i)) {
				case "--seed" -> options = options.withSeed(Seed.read(ROOT.resolve(args.get(i + 1))));
				case "--rate-limit" -> options = options.withRateLimit(Integer.parseInt(args.get(i + 1)));
				default -> {
				}
			}
		}
		start(options);
	}

	private void start(SandboxOptions options) {
		this.sandbox = Sandbox.start(options);
		this.sandboxes.add(this.sandbox);
		this.env.put("WEBWORK_API_URL", this.sandbox.apiUrl().toString());
	}

	private void export(String assignment) {
		int equals = assignment.indexOf('=');
		assertThat(equals).as("export " + assignment).isPositive();
		String name = assignment.substring(0, equals);
		String value = assignment.substring(equals + 1);
		this.env.put(name, switch (name) {
			// the README's URL is where "viewer-batch sandbox" listens by default; ours
			// has a free port
			case "WEBWORK_API_URL" -> {
				assertThat(URI.create(value).getHost()).isEqualTo("127.0.0.1");
				yield this.sandbox.apiUrl().toString();
			}
			case "WEBWORK_WORKSPACE_ID" -> workspace(value);
			case "VIEWER_BATCH_HOME" -> local("repository").toString();
			default -> value;
		});
	}

	/** The README's made-up workspace is the seed's workspace 1. */
	private static String workspace(String id) {
		return id.equals("12345") ? "1" : id;
	}

	private Path tokenFile(String path) throws IOException {
		assertThat(path).startsWith("~/");
		Path file = Files.createDirectories(this.dir.resolve("home")).resolve(path.substring(2));
		Files.writeString(file, this.sandbox.token() + "\n");
		return file;
	}

	private Path local(String path) {
		return this.dir.resolve(path);
	}

	/**
	 * An input file: a sample (copied, so that results land here), or what the user would
	 * have made: their client list (the sample onboarding list) and the corrected rejects
	 * file.
	 */
	private Path input(String name) throws IOException {
		Path file = local(name);
		if (Files.exists(file)) {
			return file;
		}
		Files.createDirectories(file.getParent());
		Path sample = ROOT.resolve("samples").resolve(file.getFileName());
		switch (name) {
			case "clients.csv" -> Files.copy(ROOT.resolve("samples/viewers.csv"), file);
			case "access.csv" -> Files.copy(ROOT.resolve("samples/assignments.csv"), file);
			case "clients-fixed.csv" -> Files.writeString(file, fixed(local("clients.rejects.csv")));
			default -> {
				assertThat(sample).as("a file used in the README").exists();
				Files.copy(sample, file, StandardCopyOption.COPY_ATTRIBUTES);
			}
		}
		return file;
	}

	/**
	 * What a user does with the sample's rejects: a real address, a project that exists,
	 * the missing names.
	 */
	private static String fixed(Path rejects) throws IOException {
		String text = Files.readString(rejects, StandardCharsets.UTF_8);
		assertThat(text).contains("not-an-email,", ",999,", "no.names@northwind.example,,,");
		return text.replace("not-an-email,", "bad.address@northwind.example,")
			.replace(",999,", ",105,")
			.replace("no.names@northwind.example,,,", "no.names@northwind.example,Nora,Names,");
	}

	/**
	 * The lines of the {@code ```bash} blocks, by the {@code ## } section they are in;
	 * continuations joined.
	 */
	static Map<String, List<String>> bashBlocks(String markdown) {
		Map<String, List<String>> blocks = new LinkedHashMap<>();
		String section = "";
		boolean inBash = false;
		boolean inOther = false;
		StringBuilder continued = new StringBuilder();
		for (String line : markdown.split("\n", -1)) {
			if (!inBash && !inOther && line.startsWith("## ")) {
				section = line.substring(3).trim();
			}
			else if (line.startsWith("```")) {
				if (inBash || inOther) {
					inBash = false;
					inOther = false;
				}
				else {
					inBash = line.substring(3).trim().equals("bash");
					inOther = !inBash;
				}
			}
			else if (inBash) {
				String text = line.strip();
				if (text.endsWith("\\")) {
					continued.append(text, 0, text.length() - 1).append(' ');
					continue;
				}
				blocks.computeIfAbsent(section, (key) -> new ArrayList<>()).add(continued + text);
				continued.setLength(0);
			}
		}
		return blocks;
	}

	/**
	 * A command line split as the shell would: quotes group, a {@code #} after a blank
	 * starts a comment.
	 */
	static List<String> words(String line) {
		List<String> words = new ArrayList<>();
		StringBuilder word = null;
		char quote = 0;
		for (int i = 0; i < line.length(); i++) {
			char c = line.charAt(i);
			if (quote != 0) {
				if (c == quote) {
					quote = 0;
				}
				else {
					word.append(c);
				}
			}
			else if (c == '\'' || c == '"') {
				quote = c;
				word = (word != null) ? word : new StringBuilder();
			}
			else if (Character.isWhitespace(c)) {
				if (word != null) {
					words.add(word.toString());
					word = null;
				}
			}
			else if (c == '#' && word == null) {
				break;
			}
			else {
				word = (word != null) ? word : new StringBuilder();
				word.append(c);
			}
		}
		if (word != null) {
			words.add(word.toString());
		}
		return words;
	}

}
