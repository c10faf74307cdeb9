package org.viewerbatch.exports;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.test.JobOperatorTestUtils;
import org.springframework.batch.test.context.SpringBatchTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import org.viewerbatch.client.TransientApiException;
import org.viewerbatch.csv.CsvInputOptions;
import org.viewerbatch.csv.CsvRow;
import org.viewerbatch.csv.CsvRowReader;
import org.viewerbatch.runs.FreshOutcome;
import org.viewerbatch.sandbox.Fault;
import org.viewerbatch.sandbox.FaultPlan;
import org.viewerbatch.sandbox.Quirks;
import org.viewerbatch.sandbox.Sandbox;
import org.viewerbatch.sandbox.SandboxOptions;
import org.viewerbatch.sandbox.SandboxViewer;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(properties = { "spring.batch.job.enabled=false",
		"spring.datasource.url=jdbc:hsqldb:mem:export-viewers-job-test", "viewer-batch.api.rate-limit=1000000",
		"viewer-batch.api.max-retries=2", "viewer-batch.api.retry-delay=1ms" })
@SpringBatchTest
class ExportViewersJobTest {

	private static final Sandbox sandbox = Sandbox.start(SandboxOptions.defaults().withRateLimit(1_000_000));

	static {
		ExportSeed.addViewers(sandbox.store());
	}

	@TempDir
	Path dir;

	@Autowired
	private JobOperatorTestUtils jobs;

	@Autowired
	private Job exportViewersJob;

	@DynamicPropertySource
	static void api(DynamicPropertyRegistry registry) {
		registry.add("viewer-batch.api.url", () -> sandbox.apiUrl().toString());
		registry.add("viewer-batch.api.token", sandbox::token);
	}

	@AfterAll
	static void stopSandbox() {
		sandbox.close();
	}

	@BeforeEach
	void resetSandbox() {
		this.jobs.setJob(this.exportViewersJob);
		sandbox.quirks(Quirks.none());
		sandbox.faultPlan(FaultPlan.none());
		sandbox.requestLog().clear();
	}

	@ParameterizedTest(name = "{0} format, pagination meta {1}, to {2}")
	@CsvSource({ "viewers, true, file", "viewers, false, file", "viewers, true, stdout", "viewers, false, stdout",
			"assignments, true, file", "assignments, false, file", "assignments, true, stdout",
			"assignments, false, stdout" })
	void twoHundredFiftyViewersTakeExactlyThreeListRequests(String format, boolean paginationMeta, String target)
			throws Exception {
		sandbox.quirks(new Quirks(false, false, false, !paginationMeta, false));
		ExportFormat exportFormat = ExportFormat.fromOption(format);
		boolean toFile = target.equals("file");
		Path output = toFile ? this.dir.resolve("export.csv") : null;

		String csv;
		JobExecution execution;
		if (toFile) {
			execution = this.jobs.startJob(parameters(output, exportFormat, Set.of(), false, true));
			csv = Files.readString(output);
		}
		else {
			ByteArrayOutputStream stdout = new ByteArrayOutputStream();
			PrintStream original = System.out;
			System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
			try {
				execution = this.jobs.startJob(parameters(null, exportFormat, Set.of(), false, true));
			}
			finally {
				System.setOut(original);
			}
			csv = stdout.toString(StandardCharsets.UTF_8);
			assertThat(this.dir).isEmptyDirectory();
		}

		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(viewerListRequests()).isEqualTo(3);
		assertThat(sandbox.requestLog().all()).hasSize(3);
		List<CSVRecord> records = parse(csv);
		assertThat(records)
			.hasSize((exportFormat == ExportFormat.VIEWERS) ? ExportSeed.VIEWERS : ExportSeed.ASSIGNMENTS);
		assertThat(header(csv)).isEqualTo(exportFormat.header());
	}

	@Test
	void closedStandardOutputStopsTheExportAfterThePageInHand() throws Exception {
		// what "export-viewers --output - | head -1" leaves: a pipe whose reader has gone
		OutputStream closedPipe = new OutputStream() {
			@Override
			public void write(int b) throws IOException {
				throw new IOException("Broken pipe");
			}
		};
		PrintStream original = System.out;
		System.setOut(new PrintStream(closedPipe, true, StandardCharsets.UTF_8));
		JobExecution execution;
		try {
			execution = this.jobs.startJob(parameters(null, ExportFormat.VIEWERS, Set.of(), false, true));
		}
		finally {
			System.setOut(original);
		}

		assertThat(execution.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(execution.getAllFailureExceptions()).anyMatch((ex) -> causes(ex).anyMatch(
				(cause) -> "standard output was closed before the export was complete".equals(cause.getMessage())));
		assertThat(viewerListRequests()).isEqualTo(1);
		assertThat(summary(execution)).startsWith("Export failed after reading 100 viewers (1 request, ")
			.endsWith("the export on standard output is incomplete");
	}

	@Test
	void viewersFileHoldsEveryFieldOfEveryViewer() throws Exception {
		Path output = this.dir.resolve("viewers.csv");

		this.jobs.startJob(parameters(output, ExportFormat.VIEWERS, Set.of(), false, true));

		Map<String, CSVRecord> byEmail = byEmail(parse(Files.readString(output)));
		assertThat(byEmail).hasSize(ExportSeed.VIEWERS);
		SandboxViewer stored = sandbox.store().viewerByEmail(ExportSeed.WORKSPACE, ExportSeed.email(7)).orElseThrow();
		CSVRecord seventh = byEmail.get(ExportSeed.email(7));
		assertThat(seventh.get("id")).isEqualTo(Long.toString(stored.id()));
		assertThat(seventh.get("firstname")).isEqualTo("First7");
		assertThat(seventh.get("lastname")).isEqualTo("Last7");
		assertThat(seventh.get("status")).isEqualTo("active");
		assertThat(Instant.parse(seventh.get("member_since")))
			.isEqualTo(stored.memberSince().truncatedTo(ChronoUnit.SECONDS));
		assertThat(seventh.get("projects")).isEqualTo("108;109;110");
		assertThat(seventh.get("project_names")).isEqualTo("Project 108;Project 109;Project 110");
		assertThat(byEmail.get(ExportSeed.email(8)).get("projects")).isEmpty();
		assertThat(byEmail.get(ExportSeed.email(250)).get("status")).isEqualTo("left");
		assertThat(byEmail.get(ExportSeed.email(10)).get("status")).isEqualTo("inactive");
	}

	@Test
	void assignmentsFileHasOneRowPerViewerAndProject() throws Exception {
		Path output = this.dir.resolve("assignments.csv");

		this.jobs.startJob(parameters(output, ExportFormat.ASSIGNMENTS, Set.of(), false, true));

		List<CSVRecord> rows = parse(Files.readString(output));
		List<String> seventh = rows.stream()
			.filter((row) -> row.get("email").equals(ExportSeed.email(7)))
			.map((row) -> row.get("project_id") + "=" + row.get("project_name"))
			.toList();
		assertThat(seventh).containsExactly("108=Project 108", "109=Project 109", "110=Project 110");
		assertThat(rows).noneMatch((row) -> row.get("email").equals(ExportSeed.email(8)));
		long id = sandbox.store().viewerByEmail(ExportSeed.WORKSPACE, ExportSeed.email(7)).orElseThrow().id();
		assertThat(rows).filteredOn((row) -> row.get("email").equals(ExportSeed.email(7)))
			.allMatch((row) -> row.get("viewer_id").equals(Long.toString(id)));
	}

	@Test
	void cellsThatASpreadsheetWouldRunAreNeutralised() throws Exception {
		Path output = this.dir.resolve("guarded.csv");

		this.jobs.startJob(parameters(output, ExportFormat.VIEWERS, Set.of(), false, true));

		Map<String, CSVRecord> byEmail = byEmail(parse(Files.readString(output)));
		assertThat(byEmail.get(ExportSeed.email(1)).get("firstname")).isEqualTo("'" + ExportSeed.HYPERLINK);
		assertThat(byEmail.get(ExportSeed.email(2)).get("firstname")).isEqualTo("'" + ExportSeed.SUM);
		assertThat(byEmail.get(ExportSeed.email(4)).get("firstname")).isEqualTo("'\tTabbed");
		// plain numbers are data, not formulas
		assertThat(byEmail.get(ExportSeed.email(1)).get("lastname")).isEqualTo("+1");
		assertThat(byEmail.get(ExportSeed.email(2)).get("lastname")).isEqualTo("-2");
	}

	@Test
	void noFormulaGuardWritesCellsExactlyAsTheApiReturnsThem() throws Exception {
		Path output = this.dir.resolve("raw.csv");

		this.jobs.startJob(parameters(output, ExportFormat.VIEWERS, Set.of(), false, false));

		Map<String, CSVRecord> byEmail = byEmail(parse(Files.readString(output)));
		assertThat(byEmail.get(ExportSeed.email(1)).get("firstname")).isEqualTo(ExportSeed.HYPERLINK);
		assertThat(byEmail.get(ExportSeed.email(2)).get("firstname")).isEqualTo(ExportSeed.SUM);
		assertThat(byEmail.get(ExportSeed.email(4)).get("firstname")).isEqualTo("\tTabbed");
	}

	@Test
	void unicodeCommasQuotesAndNewlinesRoundTrip() throws Exception {
		Path output = this.dir.resolve("awkward.csv");

		this.jobs.startJob(parameters(output, ExportFormat.VIEWERS, Set.of(), false, true));

		Map<String, CSVRecord> byEmail = byEmail(parse(Files.readString(output, StandardCharsets.UTF_8)));
		assertThat(byEmail.get(ExportSeed.email(3)).get("firstname")).isEqualTo(ExportSeed.UNICODE_FIRST);
		assertThat(byEmail.get(ExportSeed.email(3)).get("lastname")).isEqualTo(ExportSeed.AWKWARD_LAST);
		assertThat(byEmail.get(ExportSeed.email(4)).get("lastname")).isEqualTo("Smith, Anna");
	}

	@Test
	void statusFilterKeepsOnlyTheListedStatusesAndStillReadsThreePages() throws Exception {
		Path output = this.dir.resolve("active-or-left.csv");

		JobExecution execution = this.jobs
			.startJob(parameters(output, ExportFormat.VIEWERS, Set.of("active", "left"), false, true));

		List<CSVRecord> rows = parse(Files.readString(output));
		assertThat(rows).hasSize(ExportSeed.ACTIVE + ExportSeed.LEFT)
			.allMatch((row) -> Set.of("active", "left").contains(row.get("status")));
		StepExecution step = execution.getStepExecutions().iterator().next();
		assertThat(step.getReadCount()).isEqualTo(ExportSeed.VIEWERS);
		assertThat(step.getFilterCount()).isEqualTo(ExportSeed.INACTIVE);
		assertThat(step.getWriteCount()).isEqualTo(ExportSeed.ACTIVE + ExportSeed.LEFT);
		assertThat(viewerListRequests()).isEqualTo(3);
		assertThat(summary(execution)).startsWith("Exported 230 viewers with status active,left (of 250 read; ");
	}

	@Test
	void excelFileStartsWithAByteOrderMarkAndEndsRecordsWithCrlf() throws Exception {
		Path output = this.dir.resolve("excel.csv");

		this.jobs.startJob(parameters(output, ExportFormat.VIEWERS, Set.of(), true, true));

		byte[] bytes = Files.readAllBytes(output);
		assertThat(bytes).startsWith(0xEF, 0xBB, 0xBF);
		String csv = new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
		assertThat(csv).startsWith(String.join(",", ExportFormat.VIEWERS.header()) + "\r\n").endsWith("\r\n");
		// header + 250 records; the newline inside viewer 3's quoted name is data and
		// stays as it is
		assertThat(csv.split("\r\n", -1)).hasSize(ExportSeed.VIEWERS + 2);
		assertThat(byEmail(parse(csv)).get(ExportSeed.email(3)).get("lastname")).isEqualTo(ExportSeed.AWKWARD_LAST);
	}

	@Test
	void plainFileEndsLinesWithLfAndHasNoByteOrderMark() throws Exception {
		Path output = this.dir.resolve("plain.csv");

		this.jobs.startJob(parameters(output, ExportFormat.VIEWERS, Set.of(), false, true));

		String csv = Files.readString(output);
		assertThat(csv).startsWith(String.join(",", ExportFormat.VIEWERS.header()) + "\n").doesNotContain("\r\n");
	}

	@Test
	void failureOnPageTwoLeavesNoFileAndKeepsThePreviousExport() throws Exception {
		Path output = this.dir.resolve("nightly.csv");
		Files.writeString(output, "yesterday's export\n");
		// page 2 and both of the client's retries of it answer 503
		sandbox.faultPlan(FaultPlan.builder()
			.onEndpoint("GET", "/project-viewers", 2, Fault.status(503))
			.onEndpoint("GET", "/project-viewers", 3, Fault.status(503))
			.onEndpoint("GET", "/project-viewers", 4, Fault.status(503))
			.build());

		JobExecution execution = this.jobs.startJob(parameters(output, ExportFormat.VIEWERS, Set.of(), false, true));

		assertThat(execution.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(execution.getAllFailureExceptions())
			.anyMatch((ex) -> causes(ex).anyMatch(TransientApiException.class::isInstance));
		assertThat(viewerListRequests()).isEqualTo(4);
		try (Stream<Path> files = Files.list(this.dir)) {
			assertThat(files).containsExactly(output);
		}
		assertThat(output).hasContent("yesterday's export");
		assertThat(summary(execution)).startsWith("Export failed after reading 100 viewers (4 requests, ")
			.endsWith(output + " was not written");
	}

	@Test
	void failureOnPageTwoLeavesNoFileUnderTheFinalName() throws Exception {
		Path output = this.dir.resolve("first-export.csv");
		sandbox.faultPlan(FaultPlan.builder()
			.onEndpoint("GET", "/project-viewers", 2, Fault.status(503))
			.onEndpoint("GET", "/project-viewers", 3, Fault.status(503))
			.onEndpoint("GET", "/project-viewers", 4, Fault.status(503))
			.build());

		JobExecution execution = this.jobs.startJob(parameters(output, ExportFormat.VIEWERS, Set.of(), false, true));

		assertThat(execution.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(this.dir).isEmptyDirectory();
	}

	@Test
	void targetThatCannotBeWrittenFailsTheJobBeforeAnyRequestAndIsLeftAlone() throws Exception {
		Path output = Files.createDirectory(this.dir.resolve("taken.csv"));
		Files.writeString(output.resolve("keep.txt"), "not ours\n");

		JobExecution execution = this.jobs.startJob(parameters(output, ExportFormat.VIEWERS, Set.of(), false, true));

		assertThat(execution.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(summary(execution)).startsWith("Export failed after reading 0 viewers (0 requests, ")
			.endsWith(output + " was not written");
		assertThat(sandbox.requestLog().all()).isEmpty();
		try (Stream<Path> files = Files.list(this.dir)) {
			assertThat(files).containsExactly(output);
		}
		assertThat(output.resolve("keep.txt")).hasContent("not ours");
	}

	@Test
	void existingFileIsReplacedByACompleteExport() throws Exception {
		Path output = this.dir.resolve("nightly.csv");
		Files.writeString(output, "yesterday's export\n");

		this.jobs.startJob(parameters(output, ExportFormat.VIEWERS, Set.of(), false, true));

		assertThat(parse(Files.readString(output))).hasSize(ExportSeed.VIEWERS);
		try (Stream<Path> files = Files.list(this.dir)) {
			assertThat(files).containsExactly(output);
		}
	}

	@Test
	void viewersExportIsAValidImportFileAsItStands() throws Exception {
		Path output = this.dir.resolve("reimport.csv");
		this.jobs.startJob(parameters(output, ExportFormat.VIEWERS, Set.of(), false, true));

		Map<String, CsvRow> imported;
		try (Stream<CsvRow> rows = CsvRowReader.rows(output, CsvInputOptions.defaults(), Set.of("email"), Set.of())) {
			imported = rows.collect(Collectors.toMap((row) -> row.get("email"), Function.identity()));
		}

		assertThat(imported).hasSize(ExportSeed.VIEWERS);
		assertThat(imported.get(ExportSeed.email(7)).get("projects")).isEqualTo("108;109;110");
		// the import takes the formula guard off again: names come back as the API holds
		// them
		assertThat(imported.get(ExportSeed.email(1)).get("firstname")).isEqualTo(ExportSeed.HYPERLINK);
		assertThat(imported.get(ExportSeed.email(3)).get("lastname")).isEqualTo(ExportSeed.AWKWARD_LAST);
	}

	@Test
	void summaryNamesTheFileTheCountsAndTheRequests() throws Exception {
		Path output = this.dir.resolve("summary.csv");

		JobExecution execution = this.jobs.startJob(parameters(output, ExportFormat.VIEWERS, Set.of(), false, true));

		assertThat(summary(execution))
			.matches("Exported 250 viewers \\(3 pages, 3 requests\\) to \\Q" + output + "\\E in \\d+\\.\\d s");
	}

	@Test
	void assignmentsSummaryCountsRowsAndViewers() throws Exception {
		JobExecution execution = this.jobs
			.startJob(parameters(this.dir.resolve("a.csv"), ExportFormat.ASSIGNMENTS, Set.of(), false, true));

		assertThat(summary(execution)).startsWith("Exported 375 assignments of 250 viewers (3 pages, 3 requests) to ");
	}

	@Test
	void jobParametersNeverHoldTheToken() throws Exception {
		JobParameters parameters = parameters(this.dir.resolve("t.csv"), ExportFormat.VIEWERS, Set.of(), false, true);

		JobExecution execution = this.jobs.startJob(parameters);

		assertThat(execution.getJobParameters().toString()).doesNotContain(sandbox.token());
		assertThat(execution.getExecutionContext().toString()).doesNotContain(sandbox.token());
	}

	// no helper returns a JobExecution: Spring Batch's test listeners would take it for
	// an execution factory
	private static JobParameters parameters(Path output, ExportFormat format, Set<String> statuses, boolean excel,
			boolean formulaGuard) {
		return new ExportRequest(ExportSeed.WORKSPACE, sandbox.apiUrl().toString(), output, format, statuses, excel,
				formulaGuard, Instant.now())
			.toJobParameters();
	}

	private static long viewerListRequests() {
		return sandbox.requestLog().count("GET", "/project-viewers");
	}

	private static String summary(JobExecution execution) {
		return execution.getExecutionContext().getString(FreshOutcome.SUMMARY);
	}

	private static Stream<Throwable> causes(Throwable ex) {
		return Stream.iterate(ex, (cause) -> cause != null, Throwable::getCause);
	}

	static List<CSVRecord> parse(String csv) throws IOException {
		CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();
		try (CSVParser parser = CSVParser.builder().setReader(new StringReader(csv)).setFormat(format).get()) {
			return parser.getRecords();
		}
	}

	static List<String> header(String csv) throws IOException {
		CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();
		try (CSVParser parser = CSVParser.builder().setReader(new StringReader(csv)).setFormat(format).get()) {
			return parser.getHeaderNames();
		}
	}

	static Map<String, CSVRecord> byEmail(List<CSVRecord> records) {
		return records.stream().collect(Collectors.toMap((row) -> row.get("email"), Function.identity()));
	}

}
