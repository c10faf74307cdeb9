package org.viewerbatch.report;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import javax.imageio.ImageIO;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.viewerbatch.cli.ViewerBatchCommand;
import org.viewerbatch.client.RequestTimeline.Minute;
import org.viewerbatch.ledger.Outcome;
import org.viewerbatch.report.RunFacts.Reject;
import org.viewerbatch.sandbox.Fault;
import org.viewerbatch.sandbox.FaultPlan;
import org.viewerbatch.sandbox.SandboxOptions;
import org.viewerbatch.testsupport.SandboxExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The run report in a real browser (headless Chromium, which must be installed: the test
 * fails without it): no console error, a screenshot that is not blank, and the counts in
 * the DOM the browser built.
 */
class HtmlReportBrowserIT {

	@RegisterExtension
	static final SandboxExtension sandbox = new SandboxExtension(SandboxOptions.defaults().withRateLimit(100_000));

	@TempDir
	Path directory;

	@Test
	void chromiumRendersTheReportWithoutErrorsAndWithItsCounts() throws Exception {
		RunFacts facts = new RunFacts("import-viewers", 3, false, Map.of("--token", "planted-token-4711"),
				Map.of(Outcome.CREATED, 5L, Outcome.UNCHANGED, 2L, Outcome.REJECTED, 1L),
				List.of(new Reject("invalid email", 4, "<script>alert(1)</script>,Eve")),
				List.of(new Minute(60, 2, 2), new Minute(0, 0, 0), new Minute(12, 0, 0)), 60, Duration.ofMinutes(3),
				Map.of("input", "viewers.csv"));
		Path report = this.directory.resolve("viewers.report.html");
		Files.writeString(report, HtmlReport.render(facts));
		Path screenshot = this.directory.resolve("report.png");

		Result shot = chromium("--enable-logging=stderr", "--v=0", "--screenshot=" + screenshot,
				"--window-size=1024,768", report.toUri().toString());
		assertThat(shot.exitCode()).as(shot.stderr()).isZero();
		assertThat(shot.stderr()).doesNotContain(":CONSOLE").doesNotContain("Uncaught");
		BufferedImage image = ImageIO.read(screenshot.toFile());
		assertThat(image).isNotNull();
		assertThat(colours(image)).isGreaterThan(3);

		Result dom = chromium("--enable-logging=stderr", "--v=0", "--dump-dom", report.toUri().toString());
		assertThat(dom.exitCode()).as(dom.stderr()).isZero();
		assertThat(dom.stderr()).doesNotContain(":CONSOLE").doesNotContain("Uncaught");
		assertThat(dom.stdout())
			.contains("data-count=\"created\">5<", "data-count=\"unchanged\">2<", "data-count=\"rejected\">1<",
					"data-count=\"invitations\">5<", "data-count=\"requests\">72<")
			.doesNotContain("<script")
			.doesNotContain("planted-token-4711");
	}

	@Test
	void aRealImportsReportShowsInChromiumTheNumbersOfItsResultsFile() throws Exception {
		sandbox.sandbox().store().addViewer(1, "kept@example.com", "Kept", "As Is", "active", Set.of(101L));
		sandbox.sandbox().store().addViewer(1, "gone@example.com", "Gone", "Away", "inactive", Set.of());
		long first = sandbox.sandbox().requestsReceived() + 1;
		sandbox.sandbox()
			.faultPlan(FaultPlan.builder()
				.onRequest(first + 2, Fault.status(429, Duration.ofSeconds(1)))
				.onEndpoint("POST", "/project-viewers", 2, Fault.status(503))
				.build());
		Path file = Files.writeString(this.directory.resolve("clients.csv"),
				"email,firstname,lastname,projects\nann@example.com,Ann,Lee,101;102\nkept@example.com,Kept,As Is,101\n"
						+ "gone@example.com,,,103\nbob@example.com,Bob,Ray,101\nnot-an-email,X,Y,\n"
						+ "cy@example.com,Cy,<b>Bold</b>,999\n");
		String[] args = { "--api-url", sandbox.apiUrl().toString(), "--workspace", "1", "--job-repository",
				this.directory.resolve("home").toString(), "--rate-limit", "6000", "-q", "import-viewers",
				file.toString() };
		int exitCode = ViewerBatchCommand.execute(args, Map.of("WEBWORK_API_TOKEN", sandbox.token()),
				new PrintStream(OutputStream.nullOutputStream()), new PrintStream(OutputStream.nullOutputStream()));
		assertThat(exitCode).isEqualTo(3);
		Path report = this.directory.resolve("clients.report.html");

		for (String window : List.of("1024,768", "390,844")) {
			Path screenshot = this.directory.resolve("report-" + window.replace(',', 'x') + ".png");
			Result shot = chromium("--enable-logging=stderr", "--v=0", "--screenshot=" + screenshot,
					"--window-size=" + window, report.toUri().toString());
			assertThat(shot.exitCode()).as(shot.stderr()).isZero();
			assertThat(shot.stderr()).doesNotContain(":CONSOLE").doesNotContain("Uncaught");
			assertThat(colours(ImageIO.read(screenshot.toFile()))).isGreaterThan(3);
		}
		Result dom = chromium("--enable-logging=stderr", "--v=0", "--dump-dom", report.toUri().toString());
		assertThat(dom.exitCode()).as(dom.stderr()).isZero();
		Map<String, Long> outcomes = outcomes(file.resolveSibling("clients.results.csv"));
		long rejected = rows(file.resolveSibling("clients.rejects.csv")).size();
		assertThat(outcomes).containsEntry("created", 2L).containsEntry("restored", 1L).containsEntry("unchanged", 1L);
		assertThat(rejected).isEqualTo(2);
		for (String outcome : List.of("created", "restored", "assigned", "unchanged")) {
			assertThat(dom.stdout())
				.contains("data-count=\"" + outcome + "\">" + outcomes.getOrDefault(outcome, 0L) + "<");
		}
		assertThat(dom.stdout())
			.contains("data-count=\"rejected\">" + rejected + "<",
					"data-count=\"invitations\">" + sandbox.sandbox().requestLog().invitationsSent() + "<",
					"data-count=\"requests\">" + sandbox.sandbox().requestLog().all().size() + "<",
					"data-count=\"rate-limited\">1<", "data-count=\"retried\">2<")
			.doesNotContain("<b>Bold</b>")
			.doesNotContain(sandbox.token());
	}

	/**
	 * How many rows of a results file had each outcome: created+assigned counts twice.
	 */
	private static Map<String, Long> outcomes(Path results) throws IOException {
		return rows(results).stream()
			.flatMap((row) -> Arrays.stream(row.get("outcome").split("\\+")))
			.collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
	}

	private static List<CSVRecord> rows(Path file) throws IOException {
		try (Reader reader = Files.newBufferedReader(file)) {
			return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader).getRecords();
		}
	}

	private static int colours(BufferedImage image) {
		Set<Integer> colours = new HashSet<>();
		for (int x = 0; x < image.getWidth(); x += 2) {
			for (int y = 0; y < image.getHeight(); y += 2) {
				colours.add(image.getRGB(x, y));
			}
		}
		return colours.size();
	}

	private Result chromium(String... arguments) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(List.of("chromium", "--headless", "--no-sandbox", "--disable-gpu"));
		command.addAll(List.of(arguments));
		Path out = Files.createTempFile(this.directory, "chromium", ".out");
		Path err = Files.createTempFile(this.directory, "chromium", ".err");
		Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
		if (!process.waitFor(120, TimeUnit.SECONDS)) {
			process.destroyForcibly();
			throw new AssertionError("chromium did not finish in 120 s: " + command);
		}
		return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
				Files.readString(err, StandardCharsets.UTF_8));
	}

	private record Result(int exitCode, String stdout, String stderr) {
	}

}
