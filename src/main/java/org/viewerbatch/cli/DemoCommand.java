package org.viewerbatch.cli;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import org.viewerbatch.sandbox.Fault;
import org.viewerbatch.sandbox.FaultPlan;
import org.viewerbatch.sandbox.LoggedRequest;
import org.viewerbatch.sandbox.Sandbox;
import org.viewerbatch.sandbox.SandboxOptions;
import org.viewerbatch.sandbox.Seed;
import org.viewerbatch.terminal.TerminalText;

/**
 * {@code viewer-batch demo}: the sandbox in-process with the samples' seed and a few
 * faults, then {@code import-viewers} on {@code samples/viewers.csv} and
 * {@code export-viewers}, run as the real commands, and what the sandbox saw.
 */
@Command(name = "demo", sortOptions = false, usageHelpAutoWidth = true,
		description = { "Sandbox import and export of the samples, as a tour",
				"Imports samples/viewers.csv into a local API simulator, then exports the workspace: the real "
						+ "import-viewers and export-viewers commands against the simulator (started inside this "
						+ "process, rate limit raised, a few failures injected) and shows the summaries, the files "
						+ "and how many invitations the simulator sent. Nothing leaves this machine; your own job "
						+ "repository (~/.viewer-batch) is not touched." },
		footerHeading = "%nExit codes:%n",
		footer = { "  0  the import and the export behaved as they should (the import's own code",
				"     is 3: the sample has rejected rows on purpose)",
				"  1  they did not, e.g. a viewer was invited twice (the output says which)",
				"  2  the samples were not found" })
class DemoCommand implements Callable<Integer> {

	/**
	 * The requests per minute the demo's simulator allows and the commands use (the real
	 * API allows 60).
	 */
	private static final int RATE_LIMIT = 6000;

	private static final long WORKSPACE = 1;

	private static final String INPUT = "viewers.csv";

	private static final String SEED = "sandbox-seed.json";

	private static final String EXPORT = "viewers-export.csv";

	/** The new viewer whose create the simulator answers 500 after making it. */
	private static final String COMMITTED_BUT_500 = "grace.hopper@northwind.example";

	private static final Duration RETRY_AFTER = Duration.ofSeconds(1);

	@Option(names = "--output-dir", paramLabel = "DIR", defaultValue = "viewer-batch-demo",
			description = "Where the demo writes its files: the input copy, results, rejects, export "
					+ "(default: ${DEFAULT-VALUE} in the current directory; replaced on each run).")
	Path outputDir;

	@Option(names = "--samples", paramLabel = "DIR",
			description = "The samples directory (default: samples/ of the viewer-batch checkout that holds this "
					+ "program, else ./samples).")
	Path samples;

	@ParentCommand
	ViewerBatchCommand root;

	@Spec
	CommandSpec spec;

	@Override
	public Integer call() {
		PrintWriter out = this.spec.commandLine().getOut();
		StandaloneLogging.initialize(this.root.common.verbose, this.root.common.quiet);
		Optional<Path> samplesDir = (this.samples != null) ? Optional.of(this.samples).filter(DemoCommand::hasSamples)
				: findSamples(Path.of("").toAbsolutePath(), codeSources());
		if (samplesDir.isEmpty()) {
			this.spec.commandLine()
				.getErr()
				.println("viewer-batch: demo: cannot find the samples (" + INPUT + " and " + SEED + ") "
						+ ((this.samples != null) ? "in " + this.samples.toAbsolutePath()
								: "beside this program or in ./samples")
						+ "; run it from the viewer-batch directory (scripts/viewer-batch demo) or give --samples DIR");
			return ExitCodes.USAGE;
		}
		Path dir = this.outputDir.toAbsolutePath().normalize();
		Path input = prepare(samplesDir.get(), dir);
		Seed seed = Seed.read(samplesDir.get().resolve(SEED));
		try (Sandbox sandbox = Sandbox
			.start(SandboxOptions.defaults().withSeed(seed).withRateLimit(RATE_LIMIT).withFaultPlan(faultPlan()))) {
			return new Run(sandbox, seed, samplesDir.get(), dir, input, out).play();
		}
	}

	/**
	 * The failures the simulator injects: each is retried or reconciled, none costs an
	 * extra invitation.
	 */
	private static FaultPlan faultPlan() {
		return FaultPlan.builder()
			.onRequest(1, Fault.status(503))
			.onEndpoint("POST", "/project-viewers/\\d+/assign-project", 4, Fault.status(503))
			.onEndpoint("POST", "/project-viewers/\\d+/assign-project", 9, Fault.status(429, RETRY_AFTER))
			.onEndpoint("POST", "/project-viewers/\\d+/assign-project", 14, Fault.status(503))
			.onEmail(COMMITTED_BUT_500, Fault.commitThen500())
			.build();
	}

	/**
	 * A fresh output directory holding a copy of the sample input (so results and rejects
	 * land beside it).
	 */
	private static Path prepare(Path samplesDir, Path dir) {
		try {
			Files.createDirectories(dir);
			for (String old : List.of("viewers.results.csv", "viewers.rejects.csv", EXPORT)) {
				Files.deleteIfExists(dir.resolve(old));
			}
			return Files.copy(samplesDir.resolve(INPUT), dir.resolve(INPUT), StandardCopyOption.REPLACE_EXISTING);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot prepare " + dir + ": " + ex.getMessage(), ex);
		}
	}

	/**
	 * The samples directory: {@code samples/} of the checkout this program was built in
	 * (the jar is in {@code target/}, the classes in {@code target/classes/}), else
	 * {@code ./samples}.
	 */
	static Optional<Path> findSamples(Path workingDirectory, List<Path> codeSources) {
		List<Path> candidates = new ArrayList<>();
		for (Path location : codeSources) {
			Path dir = location.getParent();
			for (int up = 0; dir != null && up < 3; up++, dir = dir.getParent()) {
				candidates.add(dir.resolve("samples"));
			}
		}
		candidates.add(workingDirectory.resolve("samples"));
		return candidates.stream().filter(DemoCommand::hasSamples).findFirst();
	}

	private static boolean hasSamples(Path dir) {
		return Files.isRegularFile(dir.resolve(INPUT)) && Files.isRegularFile(dir.resolve(SEED));
	}

	/**
	 * Where this program was loaded from: the classes directory when run from the build,
	 * the jar (the class path of {@code java -jar}) otherwise; a Spring Boot jar's own
	 * code source is a nested URL, not a file.
	 */
	private static List<Path> codeSources() {
		List<Path> locations = new ArrayList<>();
		Optional.ofNullable(DemoCommand.class.getProtectionDomain().getCodeSource())
			.map((source) -> source.getLocation())
			.filter((url) -> "file".equals(url.getProtocol()))
			.ifPresent((url) -> {
				try {
					locations.add(Path.of(url.toURI()));
				}
				catch (URISyntaxException | IllegalArgumentException ex) {
					// not a plain file location: the class path below still may be
				}
			});
		for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
			if (entry.endsWith(".jar")) {
				locations.add(Path.of(entry).toAbsolutePath());
			}
		}
		return locations;
	}

	/** One demo: the two commands against the running sandbox, and the report. */
	private final class Run {

		private final Sandbox sandbox;

		private final Seed seed;

		private final Path samplesDir;

		private final Path dir;

		private final Path input;

		private final PrintWriter out;

		// in memory: a fresh job repository for every demo, gone with the process;
		// ~/.viewer-batch is not touched
		private final String repository = "jdbc:hsqldb:mem:viewer-batch-demo-" + UUID.randomUUID();

		Run(Sandbox sandbox, Seed seed, Path samplesDir, Path dir, Path input, PrintWriter out) {
			this.sandbox = sandbox;
			this.seed = seed;
			this.samplesDir = samplesDir;
			this.dir = dir;
			this.input = input;
			this.out = out;
		}

		int play() {
			introduce();
			Path results = this.dir.resolve("viewers.results.csv");
			Path rejects = this.dir.resolve("viewers.rejects.csv");
			heading("1. viewer-batch import-viewers " + INPUT);
			int imported = command("import-viewers", this.input.toString());
			this.out.println();
			if (imported != ExitCodes.OK && imported != ExitCodes.REJECTS) {
				this.out.println("The import ended with exit code " + imported + ", which the demo does not expect "
						+ "(see the message above).");
				return imported;
			}
			explainImportExit(imported, rejects);
			int invitationsChecked = reportInvitations(results);
			heading("2. viewer-batch export-viewers --output " + EXPORT);
			Path export = this.dir.resolve(EXPORT);
			int exported = command("export-viewers", "--output", export.toString());
			if (exported != ExitCodes.OK) {
				this.out.println("The export ended with exit code " + exported + " (see the message above).");
				return exported;
			}
			preview(export);
			heading("3. viewer-batch jobs");
			command("jobs");
			heading("Files");
			this.out.println("  input    " + this.input + "   (a copy of " + this.samplesDir.resolve(INPUT) + ")");
			this.out.println("  results  " + results + "   (one line per applied row: outcome, viewer id, requests)");
			this.out.println("  rejects  " + rejects + "   (the rejected rows with line and reason; fix them and "
					+ "import this file again)");
			this.out.println("  export   " + export);
			this.out.println();
			this.out.println("Next: the same against your own workspace, dry run first - README.md, \"Real use\".");
			return invitationsChecked;
		}

		private void introduce() {
			Seed.Workspace workspace = this.seed.workspaces()
				.stream()
				.filter((w) -> w.id() == WORKSPACE)
				.findFirst()
				.orElseThrow(() -> new IllegalStateException(SEED + " has no workspace " + WORKSPACE));
			heading("viewer-batch demo");
			this.out.println("A local API simulator is running in this process at " + this.sandbox.apiUrl());
			this.out.println("  seed: " + this.samplesDir.resolve(SEED) + " - workspace " + workspace.id() + " \""
					+ workspace.name() + "\", " + workspace.projects().size() + " projects, "
					+ workspace.viewers().size() + " viewers");
			this.out.println("  rate limit RAISED to " + String.format(Locale.ROOT, "%,d", RATE_LIMIT)
					+ " requests per minute for the demo: the real API allows 60 (viewer-batch's default)");
			this.out.println("  injected failures: 503 on the first request and on two assign calls, 429 with "
					+ "Retry-After " + RETRY_AFTER.toSeconds() + " s on another,");
			this.out.println("    and the create of " + COMMITTED_BUT_500 + " is answered 500 after the viewer was "
					+ "created");
			this.out.println("Files go to " + this.dir);
		}

		private int command(String... args) {
			// the common options before the command's name, where every command takes
			// them
			List<String> all = new ArrayList<>(
					List.of("--api-url", this.sandbox.apiUrl().toString(), "--workspace", Long.toString(WORKSPACE),
							"--rate-limit", Integer.toString(RATE_LIMIT), "--job-repository", this.repository));
			if (DemoCommand.this.root.common.verbose) {
				all.add("--verbose");
			}
			all.addAll(List.of(args));
			// the same command line as "viewer-batch ...", with only the sandbox's token
			// in its environment
			ViewerBatchCommand inner = new ViewerBatchCommand(Map.of("WEBWORK_API_TOKEN", this.sandbox.token()),
					DemoCommand.this.root.context(), DemoCommand.this.root.exitCodes());
			return ViewerBatchCommand.commandLine(inner, this.out, this.out).execute(all.toArray(String[]::new));
		}

		private void explainImportExit(int exitCode, Path rejects) {
			if (exitCode == ExitCodes.OK) {
				this.out.println("import-viewers exited with 0: every row was applied.");
				return;
			}
			List<CSVRecord> rejected = read(rejects);
			this.out
				.println("import-viewers exited with 3 - \"completed, but some rows were rejected\" - as it should:");
			this.out.println(INPUT + " has " + rejected.size() + " bad rows on purpose, each in "
					+ rejects.getFileName() + " with its line and reason:");
			for (CSVRecord row : rejected) {
				this.out.println(TerminalText
					.visible("  line " + row.get("line") + "  " + row.get("email") + ": " + row.get("message")));
			}
			this.out.println("The demo goes on: for a script or cron job, 3 means \"look at the rejects file\".");
		}

		/**
		 * The guarantee the demo is about: one invitation per created viewer, even after
		 * the 500 and the retries.
		 */
		private int reportInvitations(Path results) {
			long created = read(results).stream().filter((row) -> row.get("outcome").contains("created")).count();
			long invitations = this.sandbox.requestLog().invitationsSent();
			long twice = this.sandbox.store()
				.viewers(WORKSPACE)
				.stream()
				.filter((viewer) -> this.sandbox.requestLog().invitationsSent(viewer.email()) > 1)
				.count();
			List<LoggedRequest> log = this.sandbox.requestLog().all();
			this.out.println();
			this.out.println("The simulator answered " + log.size() + " requests, " + faults(log) + ".");
			this.out.println("After the 500 for " + COMMITTED_BUT_500 + " it looked the address up before creating "
					+ "again, found the viewer, and did not create it twice.");
			this.out.println("Invitations sent by the simulator: " + invitations + " = viewers created: " + created
					+ (twice == 0 ? " (nobody was invited twice)" : " - " + twice + " ADDRESSES INVITED TWICE"));
			return (invitations == created && twice == 0) ? ExitCodes.OK : ExitCodes.FAILED;
		}

		private static String faults(List<LoggedRequest> log) {
			Map<Integer, Long> byStatus = new TreeMap<>();
			log.stream().filter(LoggedRequest::faulted).forEach((r) -> byStatus.merge(r.status(), 1L, Long::sum));
			if (byStatus.isEmpty()) {
				return "none of them an injected failure";
			}
			List<String> parts = new ArrayList<>();
			byStatus.forEach((status, count) -> parts.add(count + " x " + status));
			long total = byStatus.values().stream().mapToLong(Long::longValue).sum();
			return total + " of them injected failures (" + String.join(", ", parts) + "), each retried";
		}

		private void preview(Path export) {
			this.out.println();
			this.out.println("The first lines of " + export.getFileName() + ":");
			try (Stream<String> lines = Files.lines(export, StandardCharsets.UTF_8)) {
				lines.limit(5).forEach((line) -> this.out.println("  " + TerminalText.visible(line)));
			}
			catch (IOException ex) {
				throw new UncheckedIOException("cannot read " + export + ": " + ex.getMessage(), ex);
			}
		}

		private void heading(String title) {
			this.out.println();
			this.out.println("== " + title);
		}

		private static List<CSVRecord> read(Path file) {
			if (!Files.exists(file)) {
				return List.of();
			}
			CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();
			try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
				return format.parse(reader).getRecords();
			}
			catch (IOException ex) {
				throw new UncheckedIOException("cannot read " + file + ": " + ex.getMessage(), ex);
			}
		}

	}

}
