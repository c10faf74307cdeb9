package org.viewerbatch.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.context.ConfigurableApplicationContext;

import org.viewerbatch.ViewerBatchApplication;
import org.viewerbatch.runs.StopRequest;
import org.viewerbatch.sandbox.Fault;
import org.viewerbatch.sandbox.FaultPlan;
import org.viewerbatch.sandbox.Sandbox;
import org.viewerbatch.sandbox.SandboxOptions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code export-viewers} through the whole command line: settings, job repository, Spring
 * context, exit code.
 */
class ExportViewersCommandTest {

	private static final Sandbox sandbox = Sandbox.start(SandboxOptions.defaults().withRateLimit(1_000_000));

	static {
		for (int i = 1; i <= 250; i++) {
			sandbox.store()
				.addViewer(1, "viewer" + i + "@example.com", "First" + i, "Last" + i, "active", Set.of(101L));
		}
	}

	@TempDir
	Path dir;

	private Path home;

	@AfterAll
	static void stopSandbox() {
		sandbox.close();
	}

	@BeforeEach
	void reset() throws Exception {
		this.home = Files.createDirectory(this.dir.resolve("home"));
		sandbox.faultPlan(FaultPlan.none());
		sandbox.requestLog().clear();
	}

	@Test
	void exportToAFileThenToStandardOutputAndJobsListsBothRuns() throws Exception {
		Path output = this.dir.resolve("viewers.csv");

		Run toFile = run("export-viewers", "--output", output.toString());

		assertThat(toFile.exitCode()).isZero();
		assertThat(toFile.err()).startsWith("Exported 250 viewers (3 pages, 3 requests) to " + output + " in ");
		assertThat(toFile.out()).isEmpty();
		assertThat(Files.readAllLines(output)).hasSize(251)
			.first()
			.isEqualTo("id,email,firstname,lastname,status,member_since,projects,project_names");
		assertThat(sandbox.requestLog().count("GET", "/project-viewers")).isEqualTo(3);

		Run toStdout = run("export-viewers", "--output", "-", "--format", "assignments");

		assertThat(toStdout.exitCode()).isZero();
		assertThat(toStdout.stdout().split("\n")).hasSize(251)
			.startsWith("viewer_id,email,project_id,project_name")
			.allMatch((line) -> line.startsWith("viewer_id") || line.endsWith(",101,Project 101"));
		assertThat(toStdout.err())
			.startsWith("Exported 250 assignments of 250 viewers (3 pages, 3 requests)" + " to standard output in ");

		Run jobs = run("jobs");

		assertThat(jobs.exitCode()).isZero();
		List<String> exports = jobs.out().lines().filter((line) -> line.contains("export-viewers")).toList();
		assertThat(exports).hasSize(2).allMatch((line) -> line.contains("COMPLETED") && line.contains(" 250 "));
		assertThat(exports.get(0)).contains(" - ");
		assertThat(exports.get(1)).contains(output.toString());
	}

	@Test
	void anOutputThatIsASymbolicLinkKeepsTheLinkAndAFifoGetsTheRowsStraightThrough() throws Exception {
		Path real = Files.writeString(Files.createDirectory(this.dir.resolve("audit")).resolve("viewers.csv"), "old");
		Path link = Files.createSymbolicLink(this.dir.resolve("latest.csv"), real);

		assertThat(run("export-viewers", "--output", link.toString()).exitCode()).isZero();

		assertThat(Files.isSymbolicLink(link)).isTrue();
		assertThat(Files.readAllLines(real)).hasSize(251);

		Path fifo = this.dir.resolve("pipe");
		assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
		CompletableFuture<List<String>> reader = CompletableFuture.supplyAsync(() -> {
			try {
				return Files.readAllLines(fifo);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		});

		assertThat(run("export-viewers", "--output", fifo.toString()).exitCode()).isZero();

		assertThat(reader.get(1, TimeUnit.MINUTES)).hasSize(251);
		assertThat(Files.isRegularFile(fifo)).as("still a FIFO").isFalse();
	}

	@Test
	void failureOnPageTwoExitsOneWithAOneLineReasonAndLeavesNoFile() throws Exception {
		Path exports = Files.createDirectory(this.dir.resolve("exports"));
		Path output = exports.resolve("viewers.csv");
		// page 2 and its one retry (max-retries 1 below) answer 503
		sandbox.faultPlan(FaultPlan.builder()
			.onEndpoint("GET", "/project-viewers", 2, Fault.status(503))
			.onEndpoint("GET", "/project-viewers", 3, Fault.status(503))
			.build());

		Run run = run("export-viewers", "--output", output.toString());

		assertThat(run.exitCode()).isEqualTo(1);
		assertThat(run.err().lines()).hasSize(2).doesNotContain("\tat ");
		assertThat(run.err().lines().toList().get(0)).isEqualTo("Export failed after reading 100 viewers (3 requests, "
				+ run.err().split("requests, ")[1].split("\\)")[0] + "); " + output + " was not written");
		assertThat(run.err().lines().toList().get(1)).startsWith("export-viewers failed (execution ")
			.contains("GET /project-viewers")
			.contains("503");
		assertThat(exports).isEmptyDirectory();
		assertThat(run.err()).doesNotContain(sandbox.token());
	}

	private Settings settings(URI apiUrl, long workspaceId) {
		return new Settings(Map.of(), RepositoryLocation.of(this.dir.toString(), new DatabaseCredentials(null, null)),
				false, false, apiUrl, workspaceId);
	}

	@Test
	void defaultOutputIsNamedAfterWorkspaceAndUtcTimeInTheWorkingDirectory() {
		Instant now = Instant.parse("2026-11-28T02:00:05Z");
		ExportViewersCommand command = new ExportViewersCommand(Clock.fixed(now, ZoneOffset.UTC), this.dir);
		new CommandLine(command).parseArgs("--status", "active", "--excel");

		JobParameters parameters = command.jobParameters(settings(URI.create("http://127.0.0.1:1/api/v2/"), 12345L),
				null);

		assertThat(parameters.getString("output"))
			.isEqualTo(this.dir.toAbsolutePath().resolve("viewers-12345-20261128T020005Z.csv").toString());
		assertThat(parameters.getString("run.at")).isEqualTo("2026-11-28T02:00:05Z");
		assertThat(parameters.getString("status")).isEqualTo("active");
		assertThat(parameters.getParameter("excel").value()).isEqualTo(true);
		assertThat(parameters.getParameter("formula.guard").value()).isEqualTo(true);
	}

	@Test
	void relativeOutputIsResolvedAgainstTheWorkingDirectory() {
		ExportViewersCommand command = new ExportViewersCommand(Clock.systemUTC(), this.dir);
		new CommandLine(command).parseArgs("--output", "nightly.csv", "--no-formula-guard");

		JobParameters parameters = command.jobParameters(settings(URI.create("http://127.0.0.1:1/api/v2/"), 1L), null);

		assertThat(parameters.getString("output"))
			.isEqualTo(this.dir.toAbsolutePath().resolve("nightly.csv").toString());
		assertThat(parameters.getParameter("formula.guard").value()).isEqualTo(false);
	}

	@Test
	void badOptionsAreUsageErrorsFoundBeforeAnyRunStarts() throws Exception {
		Run status = run("export-viewers", "--status", "active,archived");
		Run format = run("export-viewers", "--format", "xlsx");
		Run output = run("export-viewers", "--output", this.dir.resolve("missing/viewers.csv").toString());

		assertThat(List.of(status, format, output)).allMatch((run) -> run.exitCode() == 2);
		assertThat(status.err())
			.startsWith("viewer-batch: --status: unknown status 'archived'; use one or more of active,inactive,left");
		assertThat(format.err())
			.startsWith("viewer-batch: --format: unknown format 'xlsx'; use one of viewers, assignments");
		assertThat(output.err())
			.startsWith("viewer-batch: --output: the directory " + this.dir.resolve("missing") + " does not exist");
		try (Stream<Path> files = Files.list(this.home)) {
			assertThat(files).as("no job repository was opened").isEmpty();
		}
		assertThat(sandbox.requestLog().all()).isEmpty();
	}

	@Test
	void helpDescribesEveryExportOption() {
		Run help = run("export-viewers", "--help");

		assertThat(help.exitCode()).isZero();
		assertThat(help.out()).contains("--output=PATH|-", "--format=viewers|assignments", "--status=LIST", "--excel",
				"--no-formula-guard", "viewers-<workspace>-<time>.csv", "--workspace");
		assertThat(help.out().indexOf("--output=PATH|-")).as("the export options come first")
			.isLessThan(help.out().indexOf("--api-url=URL  "));
	}

	@Test
	void aStoppedExportSaysItStartsAgainNotThatItResumes() throws Exception {
		Path output = this.dir.resolve("viewers.csv");

		Run run = run(new StoppedAtStart(), "export-viewers", "--output", output.toString());

		assertThat(run.exitCode()).isEqualTo(1);
		assertThat(run.err().lines().filter((line) -> line.startsWith("export-viewers stopped"))).singleElement()
			.asString()
			.matches("export-viewers stopped by SIGTERM after reading 0 viewers \\(execution \\d+\\); run the same "
					+ "command to export again \\(an export starts from the first page\\)");
		assertThat(run.err()).doesNotContain("resume");
		assertThat(output).doesNotExist();
		assertThat(sandbox.requestLog().all()).isEmpty();
	}

	private Run run(String... args) {
		return run(new FastRetries(), args);
	}

	private Run run(BatchContext context, String... args) {
		Map<String, String> env = new HashMap<>();
		env.put("VIEWER_BATCH_HOME", this.home.toString());
		env.put("WEBWORK_API_URL", sandbox.apiUrl().toString());
		env.put("WEBWORK_API_TOKEN", sandbox.token());
		env.put("WEBWORK_WORKSPACE_ID", "1");
		env.put("WEBWORK_RATE_LIMIT", "1000000");
		StringWriter out = new StringWriter();
		StringWriter err = new StringWriter();
		ByteArrayOutputStream stdout = new ByteArrayOutputStream();
		ViewerBatchCommand root = new ViewerBatchCommand(env, context, ExitCodes.STANDARD);
		PrintStream original = System.out;
		System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
		try {
			int exitCode = ViewerBatchCommand.commandLine(root, new PrintWriter(out, true), new PrintWriter(err, true))
				.execute(args);
			return new Run(exitCode, out.toString(), err.toString(), stdout.toString(StandardCharsets.UTF_8));
		}
		finally {
			System.setOut(original);
		}
	}

	/**
	 * What one command line run printed.
	 *
	 * @param out the command's own output (usage, the jobs table)
	 * @param stdout what reached the process's standard output (an export to '-')
	 */
	private record Run(int exitCode, String out, String err, String stdout) {
	}

	/**
	 * The application's context, with the client retrying once after 1 ms instead of 4
	 * times over 7.5 s.
	 */
	private static class FastRetries extends BatchContext {

		FastRetries() {
			super(ViewerBatchApplication.class);
		}

		@Override
		ConfigurableApplicationContext start(Map<String, Object> properties) {
			Map<String, Object> fast = new HashMap<>(properties);
			fast.put("viewer-batch.api.max-retries", 1);
			fast.put("viewer-batch.api.retry-delay", "1ms");
			return super.start(fast);
		}

	}

	/**
	 * The application's context, with the stop requested (as SIGTERM does) before the job
	 * starts.
	 */
	private static final class StoppedAtStart extends FastRetries {

		@Override
		ConfigurableApplicationContext start(Map<String, Object> properties) {
			ConfigurableApplicationContext context = super.start(properties);
			context.getBean(StopRequest.class).request("SIGTERM");
			return context;
		}

	}

}
