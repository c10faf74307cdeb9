package org.viewerbatch.report;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.viewerbatch.ledger.Outcome;
import org.viewerbatch.report.RunFacts.Minute;
import org.viewerbatch.report.RunFacts.Reject;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The run report in a real browser (headless Chromium, which must be installed: the test
 * fails without it): no console error, a screenshot that is not blank, and the counts in
 * the DOM the browser built.
 */
class HtmlReportBrowserIT {

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
