package org.viewerbatch.imports;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import org.viewerbatch.imports.ImportRun.AssignmentOptions;
import org.viewerbatch.sandbox.Fault;
import org.viewerbatch.sandbox.FaultPlan;
import org.viewerbatch.sandbox.LoggedRequest;
import org.viewerbatch.sandbox.Quirks;
import org.viewerbatch.sandbox.RequestLog;
import org.viewerbatch.sandbox.SandboxOptions;
import org.viewerbatch.sandbox.SandboxStore;
import org.viewerbatch.sandbox.Seed;
import org.viewerbatch.testsupport.FakeTime;
import org.viewerbatch.testsupport.MutableClock;
import org.viewerbatch.testsupport.SandboxExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The import-assignments job (and the migration options of both imports) against the
 * sandbox over real HTTP, seeded with the demo seed (workspace 1: viewers 501–505 and
 * projects 101–110; workspace 2: projects 201–210), on a fake clock at the real 60
 * requests per minute. The sandbox's request log is the witness.
 */
@Import(FakeTime.class)
@SpringBootTest(properties = { "spring.batch.job.enabled=false",
		"spring.datasource.url=jdbc:hsqldb:mem:import-assignments-job-test",
		"spring.batch.jdbc.initialize-schema=always", "viewer-batch.api.rate-limit=60",
		"viewer-batch.api.concurrency=2", "viewer-batch.api.read-timeout=1s", "viewer-batch.api.max-retries=2",
		"viewer-batch.api.retry-delay=100ms" })
class ImportAssignmentsJobTest {

	static final MutableClock clock = FakeTime.CLOCK;

	@RegisterExtension
	static final SandboxExtension sandbox = new SandboxExtension(
			SandboxOptions.defaults().withClock(clock).withSeed(Seed.read(Path.of("samples/sandbox-seed.json"))));

	static final String HEADER = "email,project_id,action";

	static final String UNASSIGN = "/project-viewers/\\d+/unassign-project";

	@DynamicPropertySource
	static void api(DynamicPropertyRegistry registry) {
		registry.add("viewer-batch.api.url", () -> sandbox.apiUrl().toString());
		registry.add("viewer-batch.api.token", sandbox::token);
	}

	@Autowired
	JobOperator jobs;

	@Autowired
	Job importAssignmentsJob;

	@Autowired
	Job importViewersJob;

	@TempDir
	Path dir;

	RequestLog log() {
		return sandbox.sandbox().requestLog();
	}

	SandboxStore store() {
		return sandbox.sandbox().store();
	}

	Set<Long> projectsOf(long workspace, String email) {
		return store().viewerByEmail(workspace, email).orElseThrow().projectIds();
	}

	Path file(String... lines) throws IOException {
		Path file = this.dir.resolve("access.csv");
		Files.writeString(file, String.join("\n", lines) + "\n");
		return file;
	}

	static ImportRun<?> request(Path file) {
		return TestRuns.of(file);
	}

	JobExecution run(Path file, String... options) throws Exception {
		return run(request(file), 1, options);
	}

	JobExecution run(ImportRun<?> request, long workspace, String... options) throws Exception {
		Set<String> given = Set.of(options);
		long maxUnassigns = AssignmentOptions.DEFAULT_MAX_UNASSIGNS;
		for (String option : options) {
			if (option.startsWith("max-unassigns=")) {
				maxUnassigns = Long.parseLong(option.substring(14));
			}
		}
		AssignmentOptions assignmentOptions = new AssignmentOptions(given.contains("sync"), maxUnassigns);
		JobParametersBuilder parameters = new JobParametersBuilder(
				TestRuns.with(request, workspace, sandbox.apiUrl(), clock.instant(), assignmentOptions)
					.toJobParameters());
		if (given.contains("rerun")) {
			parameters.addLong("rerun.at", clock.millis(), true);
		}
		return this.jobs.start(this.importAssignmentsJob, parameters.toJobParameters());
	}

	static List<CSVRecord> csv(Path file) throws IOException {
		try (Reader reader = Files.newBufferedReader(file)) {
			return CSVFormat.DEFAULT.builder()
				.setHeader()
				.setSkipHeaderRecord(true)
				.setCommentMarker('#')
				.get()
				.parse(reader)
				.getRecords();
		}
	}

	Path results() {
		return this.dir.resolve("access.results.csv");
	}

	Path rejects() {
		return this.dir.resolve("access.rejects.csv");
	}

	List<String> requests() {
		return log().all().stream().map(r -> r.method() + " " + r.path().replaceAll("\\d+", "N")).toList();
	}

	static List<String> outcomes(Path file) throws IOException {
		return csv(file).stream().map(r -> r.get("line") + " " + r.get("outcome") + " " + r.get("requests")).toList();
	}

	@Test
	void anAssignmentThatAlreadyHoldsCostsNoRequest() throws Exception {
		// 501 has 101 and 102
		Path file = file(HEADER, "existing.unchanged@northwind.example,101,assign",
				"existing.unchanged@northwind.example,103,unassign",
				"EXISTING.unchanged@northwind.example,102,unassign", "existing.unchanged@northwind.example,104,",
				"existing.unchanged@northwind.example,105,Assign");

		JobExecution execution = run(file);

		assertExit(execution, "COMPLETED");
		assertThat(log().count("GET", "/project-viewers")).isEqualTo(1);
		assertThat(log().count("GET", "/projects")).isEqualTo(1);
		assertThat(log().count("POST", "/project-viewers/501/assign-project")).isEqualTo(2);
		assertThat(log().count("DELETE", "/project-viewers/501/unassign-project")).isEqualTo(1);
		assertThat(log().all()).hasSize(2 + 3);
		assertThat(outcomes(results())).containsExactly("2 unchanged 0", "3 unchanged 0", "4 unassigned 1",
				"5 assigned 1", "6 assigned 1");
		assertThat(projectsOf(1, "existing.unchanged@northwind.example")).containsExactlyInAnyOrder(101L, 104L, 105L);
		assertThat(execution.getExecutionContext().getString("summary")).contains("5 rows:", "assigned 2",
				"unassigned 1", "unchanged 2", "rejected 0", "requests sent 5");
	}

	@Test
	void aSecondRunOfTheSameFileSendsOnlyTheListPages() throws Exception {
		Path file = file(HEADER, "existing.unchanged@northwind.example,103,",
				"existing.moreprojects@northwind.example,101,unassign");
		assertExit(run(file), "COMPLETED");
		log().clear();

		assertExit(run(file, "rerun"), "COMPLETED");

		assertThat(requests()).containsExactly("GET /project-viewers", "GET /projects");
	}

	@Test
	void unknownViewersArchivedViewersAndUnknownProjectsAreRejectedWithWhatToDo() throws Exception {
		Path file = file(HEADER, "nobody@northwind.example,101,assign",
				"archived.returning@northwind.example,104,assign", "existing.moreprojects@northwind.example,999,assign",
				"existing.moreprojects@northwind.example,103,assign", "not-an-email,101,",
				"existing.renamed@northwind.example,abc,", "existing.renamed@northwind.example,101,remove",
				"existing.moreprojects@northwind.example,103,unassign");

		JobExecution execution = run(file);

		assertExit(execution, "COMPLETED_WITH_REJECTS");
		assertThat(outcomes(results())).containsExactly("5 assigned 1");
		assertThat(csv(rejects())).extracting(r -> r.get("line") + " " + r.get("error") + ": " + r.get("message"))
			.containsExactly(
					"2 unknown-viewer: 'nobody@northwind.example' is not a viewer of workspace 1; import it with"
							+ " import-viewers first",
					"3 archived-viewer: viewer 504 (archived.returning@northwind.example) is archived; restore it first:"
							+ " import-viewers restores an archived viewer that its file lists",
					"4 unknown-project: no project 999 in workspace 1 (check the ids with the workspace's project list)",
					"6 invalid-email: 'not-an-email' is not an email address (it has no @)",
					"7 invalid-project-id: project id 'abc' is not a positive number",
					"8 invalid-action: action 'remove' is not assign or unassign", "9 duplicate: duplicate of line 5");
		// never created implicitly, never restored, and nothing sent for a rejected row
		assertThat(log().invitationsSent()).isZero();
		assertThat(log().writes()).isEqualTo(1);
		assertThat(store().viewerByEmail(1, "archived.returning@northwind.example").orElseThrow().archived()).isTrue();
	}

	@Test
	void aViewerIdColumnNamesTheViewerWhenThereIsNoEmail() throws Exception {
		Path file = file("viewer_id,project_id,action", "502,101,unassign", "503,107,", "999,101,", "502,108,");

		JobExecution execution = run(file);

		assertExit(execution, "COMPLETED_WITH_REJECTS");
		assertThat(csv(results())).extracting(r -> r.get("viewer_id") + " " + r.get("email") + " " + r.get("outcome"))
			.containsExactly("502 existing.moreprojects@northwind.example unassigned",
					"503 existing.renamed@northwind.example assigned",
					"502 existing.moreprojects@northwind.example assigned");
		assertThat(csv(rejects()).get(0).get("message"))
			.isEqualTo("no viewer with id 999 in workspace 1; check the id, or name the viewer by its email");
		assertThat(projectsOf(1, "existing.moreprojects@northwind.example")).containsExactlyInAnyOrder(102L, 108L);
		assertThat(log().writes()).isEqualTo(3);
	}

	@Test
	void aRestartAfterAFailureDoesNotResendWhatWasApplied() throws Exception {
		for (int i = 1; i <= 10; i++) {
			store().addViewer(1, "v" + i + "@example.com", "V", "" + i, "active", Set.of());
		}
		Path file = file(Stream
			.concat(Stream.of(HEADER), IntStream.rangeClosed(1, 10).mapToObj(i -> "v" + i + "@example.com,101,"))
			.toArray(String[]::new));
		// the list and projects pages, then four assigns; from there on the API is down
		// for longer than every retry
		long down = sandbox.sandbox().requestsReceived() + 2 + 4 + 1;
		FaultPlan.Builder outage = FaultPlan.builder();
		for (long n = down; n < down + 200; n++) {
			outage.onRequest(n, Fault.status(503));
		}
		sandbox.sandbox().faultPlan(outage.build());
		ImportRun<?> chunksOfTwo = new ImportRun<>(file, 1, TestRuns.NO_API, null, null, null, null, null, null, 2,
				null, null, null, null, TestRuns.VIEWERS);

		JobExecution failed = run(chunksOfTwo, 1);

		assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
		List<Long> appliedFirst = applied();
		assertThat(appliedFirst).hasSize(4);
		sandbox.sandbox().faultPlan(FaultPlan.none());
		log().clear();

		JobExecution resumed = run(chunksOfTwo, 1);

		assertExit(resumed, "COMPLETED");
		assertThat(resumed.getJobInstance().getInstanceId()).isEqualTo(failed.getJobInstance().getInstanceId());
		assertThat(log().count("POST", "/project-viewers/\\d+/assign-project")).isEqualTo(6);
		assertThat(applied()).hasSize(6).doesNotContainAnyElementsOf(appliedFirst);
		assertThat(csv(results())).hasSize(10);
		for (int i = 1; i <= 10; i++) {
			assertThat(projectsOf(1, "v" + i + "@example.com")).containsExactly(101L);
		}
	}

	/** The viewers whose assign was answered 200. */
	private List<Long> applied() {
		return log().all()
			.stream()
			.filter(r -> r.method().equals("POST") && r.status() == 200)
			.map(LoggedRequest::viewerId)
			.toList();
	}

	@Test
	void aDryRunSendsOnlyReadsAndWritesThePlan() throws Exception {
		Path file = file(HEADER, "existing.unchanged@northwind.example,101,",
				"existing.unchanged@northwind.example,103,", "existing.unchanged@northwind.example,102,unassign",
				"nobody@northwind.example,101,");
		ImportRun<?> dryRun = new ImportRun<>(file, 1, TestRuns.NO_API, Instant.EPOCH, null, null, null, null, null,
				null, null, null, null, null, TestRuns.VIEWERS);

		JobExecution execution = run(dryRun, 1, "sync", "max-unassigns=0");

		assertThat(execution.getStatus()).as("%s", execution.getAllFailureExceptions())
			.isEqualTo(BatchStatus.COMPLETED);
		assertThat(requests()).containsExactly("GET /project-viewers", "GET /projects");
		assertThat(results()).doesNotExist();
		Path plan = this.dir.resolve("access.plan.csv");
		assertThat(csv(plan)).extracting(r -> r.get("line") + " " + r.get("actions") + " " + r.get("requests"))
			.containsExactly("2 none 0", "3 assign 103 1", "4 unassign 102 1",
					"5 reject (unknown-viewer): 'nobody@northwind.example' is not a viewer of workspace 1; import it with"
							+ " import-viewers first 0");
		assertThat(Files.readString(plan)).contains(
				"# the real run needs 4 requests (2 to read the workspace, 2 for the rows): about 4.0s at 60/min");
	}

	@Test
	void syncUnassignsWhatTheWholeFileDoesNotListForEachViewer() throws Exception {
		store().addViewer(1, "ann@example.com", "Ann", "Lee", "active", Set.of(101L, 102L, 103L, 104L));
		store().addViewer(1, "bob@example.com", "Bob", "Ray", "active", Set.of(101L, 106L));
		store().addViewer(1, "cy@example.com", "Cy", "Fox", "active", Set.of(101L, 102L));
		// ann's rows are spread over the file and over chunks of one row; cy is not in
		// the file and keeps everything
		Path file = file(HEADER, "ann@example.com,101,", "bob@example.com,101,", "ann@example.com,105,",
				"ann@example.com,103,unassign", "bob@example.com,107,");
		ImportRun<?> oneRowChunks = new ImportRun<>(file, 1, TestRuns.NO_API, null, null, null, null, null, null, 1,
				null, null, null, null, TestRuns.VIEWERS);

		JobExecution execution = run(oneRowChunks, 1, "sync");

		assertExit(execution, "COMPLETED");
		assertThat(projectsOf(1, "ann@example.com")).containsExactlyInAnyOrder(101L, 105L);
		assertThat(projectsOf(1, "bob@example.com")).containsExactlyInAnyOrder(101L, 107L);
		assertThat(projectsOf(1, "cy@example.com")).containsExactlyInAnyOrder(101L, 102L);
		assertThat(log().count("DELETE", UNASSIGN)).isEqualTo(4);
		assertThat(log().count("POST", "/project-viewers/\\d+/assign-project")).isEqualTo(2);
		assertThat(log().all()).hasSize(2 + 6);
		assertThat(csv(results())).extracting(r -> r.get("line") + " " + r.get("outcome") + " " + r.get("detail"))
			.containsExactly("2 unassigned unassigns 102, 104: the file does not list them for this viewer (--sync)",
					"3 unassigned unassigns 106: the file does not list them for this viewer (--sync)", "4 assigned ",
					"5 unassigned ", "6 assigned ");
	}

	@Test
	void syncIsRefusedBeforeAnyWriteWhenItWouldUnassignMoreThanMaxUnassigns() throws Exception {
		store().addViewer(1, "ann@example.com", "Ann", "Lee", "active", Set.of(101L, 102L, 103L, 104L));
		Path file = file(HEADER, "ann@example.com,101,", "existing.unchanged@northwind.example,105,");

		JobExecution refused = run(file, "sync", "max-unassigns=4");

		assertThat(refused.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(ImportViewersJobTest.inputFileError(refused).reason()).isEqualTo("--sync would unassign 5 projects"
				+ " from 2 viewers (the projects the file does not list for them), more than --max-unassigns 4; check"
				+ " the file, or raise --max-unassigns to run it");
		assertThat(log().writes()).isZero();
		assertThat(results()).doesNotExist();
		assertThat(this.dir.resolve("access.results.csv.part")).doesNotExist();

		JobExecution allowed = run(file, "sync", "max-unassigns=5");

		assertExit(allowed, "COMPLETED");
		assertThat(log().count("DELETE", UNASSIGN)).isEqualTo(5);
		assertThat(projectsOf(1, "ann@example.com")).containsExactly(101L);
		assertThat(projectsOf(1, "existing.unchanged@northwind.example")).containsExactly(105L);
	}

	@Test
	void aRejectsFileImportsAgainButNotWithSync() throws Exception {
		Path file = file(HEADER, "existing.unchanged@northwind.example,101,",
				"existing.unchanged@northwind.example,999,");
		assertExit(run(file), "COMPLETED_WITH_REJECTS");
		Path rejects = this.dir.resolve("again.csv");
		Files.move(rejects(), rejects);
		log().clear();

		JobExecution refused = run(request(rejects), 1, "sync");

		assertThat(ImportViewersJobTest.inputFileError(refused).reason()).startsWith("this is a rejects file");
		assertThat(log().all()).isEmpty();
		JobExecution again = run(request(rejects), 1);
		assertExit(again, "COMPLETED_WITH_REJECTS");
		assertThat(csv(this.dir.resolve("again.rejects.csv"))).extracting(r -> r.get("line") + " " + r.get("error"))
			.containsExactly("2 unknown-project");
	}

	@Test
	void aSyncRunResumedAfterAFailureStillKnowsEveryRowOfEachViewer() throws Exception {
		store().addViewer(1, "ann@example.com", "Ann", "Lee", "active", Set.of(101L, 102L, 103L));
		for (int i = 1; i <= 4; i++) {
			store().addViewer(1, "v" + i + "@example.com", "V", "" + i, "active", Set.of(110L));
		}
		// ann's first row carries the --sync unassign of 103; her row for 102 comes after
		// the failure
		Path file = file(HEADER, "ann@example.com,101,", "v1@example.com,101,", "v2@example.com,101,",
				"v3@example.com,101,", "v4@example.com,101,", "ann@example.com,102,");
		long down = sandbox.sandbox().requestsReceived() + 2 + 3 + 1;
		FaultPlan.Builder outage = FaultPlan.builder();
		for (long n = down; n < down + 200; n++) {
			outage.onRequest(n, Fault.status(503));
		}
		sandbox.sandbox().faultPlan(outage.build());
		ImportRun<?> chunksOfTwo = new ImportRun<>(file, 1, TestRuns.NO_API, null, null, null, null, null, null, 2,
				null, null, null, null, TestRuns.VIEWERS);

		assertThat(run(chunksOfTwo, 1, "sync").getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(log().all()).filteredOn(r -> r.status() == 200 && !r.method().equals("GET")).hasSize(3);
		sandbox.sandbox().faultPlan(FaultPlan.none());
		log().clear();

		JobExecution resumed = run(chunksOfTwo, 1, "sync");

		assertExit(resumed, "COMPLETED");
		assertThat(projectsOf(1, "ann@example.com")).containsExactlyInAnyOrder(101L, 102L);
		for (int i = 1; i <= 4; i++) {
			assertThat(projectsOf(1, "v" + i + "@example.com")).containsExactly(101L);
		}
		// the resumed run sends only what is left (v2..v4: assign 101, unassign 110):
		// nothing for ann, whose 103 went
		// before the failure and whose 102 the file lists
		long ann = store().viewerByEmail(1, "ann@example.com").orElseThrow().id();
		assertThat(log().writes()).isEqualTo(6);
		assertThat(log().all()).noneMatch(r -> Long.valueOf(ann).equals(r.viewerId()));
	}

	@Test
	void theProjectMapRewritesIdsAndRejectsAnIdItDoesNotName() throws Exception {
		store().addViewer(2, "ann@example.com", "Ann", "Lee", "active", Set.of(201L));
		Path map = this.dir.resolve("project-map.csv");
		Files.writeString(map, "from,to\n101,201\n102,202\n103,203\n");
		Path file = file(HEADER, "ann@example.com,101,", "ann@example.com,102,", "ann@example.com,105,",
				"ann@example.com,203,");
		ImportRun<?> request = new ImportRun<>(file, 1, TestRuns.NO_API, null, null, null, null, null, null, null, null,
				null, null, map, TestRuns.VIEWERS);

		JobExecution execution = run(request, 2);

		assertExit(execution, "COMPLETED_WITH_REJECTS");
		assertThat(outcomes(results())).containsExactly("2 unchanged 0", "3 assigned 1");
		assertThat(csv(rejects())).extracting(r -> r.get("line") + " " + r.get("error") + ": " + r.get("message"))
			.containsExactly(
					"4 unmapped-project: project 105 is not in the project map project-map.csv (add a line"
							+ " 105,<its id in this workspace>)",
					"5 unmapped-project: project 203 is not in the project map project-map.csv (add a line 203,<its id in"
							+ " this workspace>)");
		assertThat(projectsOf(2, "ann@example.com")).containsExactlyInAnyOrder(201L, 202L);
	}

	@Test
	void anotherToolsExportImportsWithMap() throws Exception {
		// a BOM, ';', headers with spaces in another order, extra columns, an action in
		// other words
		Path file = this.dir.resolve("access.csv");
		Files.write(file,
				("\uFEFFProject Ref;Notes;User E-Mail;Access\r\n"
						+ "103;\"new; urgent\";existing.unchanged@northwind.example;assign\r\n"
						+ "101;;Existing.Moreprojects@northwind.example;unassign\r\n")
					.getBytes(StandardCharsets.UTF_8));
		ImportRun<?> request = new ImportRun<>(file, 1, TestRuns.NO_API, null, null, null, null, null, null, null, null,
				null, "User E-Mail=email,Project Ref=project_id,Access=action", null, TestRuns.VIEWERS);

		JobExecution execution = run(request, 1);

		assertExit(execution, "COMPLETED");
		assertThat(projectsOf(1, "existing.unchanged@northwind.example")).containsExactlyInAnyOrder(101L, 102L, 103L);
		assertThat(projectsOf(1, "existing.moreprojects@northwind.example")).containsExactly(102L);
	}

	JobExecution runViewers(ImportRun<?> request, long workspace) throws Exception {
		return this.jobs.start(this.importViewersJob,
				TestRuns.with(request, workspace, sandbox.apiUrl(), clock.instant(), TestRuns.VIEWERS)
					.toJobParameters());
	}

	@Test
	void anotherToolsViewersExportImportsWithMap() throws Exception {
		// samples/other-tool-export.csv: a BOM, ';', CRLF, "E-Mail Address" and friends
		// in their own order, extra columns
		Path file = this.dir.resolve("access.csv");
		Files.copy(Path.of("samples/other-tool-export.csv"), file);
		ImportRun<?> request = new ImportRun<>(file, 1, TestRuns.NO_API, null, null, null, null, null, null, null, null,
				null, "E-Mail Address=email,Given Name=firstname,Family Name=lastname,Project IDs=projects", null,
				TestRuns.VIEWERS);

		JobExecution execution = runViewers(request, 1);

		assertExit(execution, "COMPLETED");
		assertThat(csv(results())).extracting(r -> r.get("email") + " " + r.get("outcome"))
			.containsExactly("hannah.schmidt@northwind.example created+assigned",
					"lukas.weber@northwind.example created+assigned", "marie.dubois@northwind.example created+assigned",
					"sofia.rossi@northwind.example created", "existing.unchanged@northwind.example unchanged");
		var lukas = store().viewerByEmail(1, "lukas.weber@northwind.example").orElseThrow();
		assertThat(lukas.firstname() + " " + lukas.lastname()).isEqualTo("Lukas Weber, Jr.");
		assertThat(store().viewerByEmail(1, "sofia.rossi@northwind.example").orElseThrow().firstname())
			.isEqualTo("Sofía");
		assertThat(projectsOf(1, "marie.dubois@northwind.example")).containsExactlyInAnyOrder(101L, 104L);
		assertThat(log().invitationsSent()).isEqualTo(4);
	}

	@Test
	void theProjectMapRewritesTheProjectsOfAViewersFile() throws Exception {
		Path file = file("email,firstname,lastname,projects", "ann@example.com,Ann,Lee,101;110",
				"bob@example.com,Bob,Ray,101;111");
		ImportRun<?> request = new ImportRun<>(file, 1, TestRuns.NO_API, null, null, null, null, null, null, null, null,
				null, null, Path.of("samples/project-map.csv"), TestRuns.VIEWERS);

		JobExecution execution = runViewers(request, 2);

		assertExit(execution, "COMPLETED_WITH_REJECTS");
		assertThat(projectsOf(2, "ann@example.com")).containsExactlyInAnyOrder(201L, 210L);
		assertThat(csv(rejects())).extracting(r -> r.get("line") + " " + r.get("error") + ": " + r.get("message"))
			.containsExactly("3 unmapped-project: project 111 is not in the project map project-map.csv (add a line"
					+ " 111,<its id in this workspace>)");
		// nothing is sent for the rejected row: no viewer without the projects it should
		// have
		assertThat(store().viewerByEmail(2, "bob@example.com")).isEmpty();
		assertThat(log().invitationsSent()).isEqualTo(1);
	}

	@Test
	void aFileWithoutAnEmailOrViewerIdColumnIsRefusedBeforeAnyRequest() throws Exception {
		Path file = file("contact,project_id", "a@example.com,101");

		JobExecution execution = run(file);

		assertThat(execution.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(ImportViewersJobTest.inputFileError(execution).getMessage())
			.isEqualTo(file + ":1: missing column 'email' (or 'viewer_id'); found [contact, project_id]; use --map"
					+ " \"Your Column=email\"");
		assertThat(log().all()).isEmpty();
	}

	@Test
	void otherPlausibleApisGetTheSameAssignments() throws Exception {
		// string ids, no pagination metadata, repeats answered 200: the 120 viewers still
		// take two list pages
		sandbox.sandbox().quirks(new Quirks(true, false, true, true, false));
		for (int i = 1; i <= 120; i++) {
			store().addViewer(1, "v" + i + "@example.com", "V", "" + i, "active", Set.of(101L));
		}
		// the first assign is applied but answered 500: the client's retry gets a 200
		// that changes nothing
		sandbox.sandbox()
			.faultPlan(FaultPlan.builder()
				.onEndpoint("POST", "/project-viewers/\\d+/assign-project", 1, Fault.commitThen500())
				.build());
		Path file = file(HEADER, "v120@example.com,102,", "v119@example.com,101,unassign", "v118@example.com,101,");

		JobExecution execution = run(file);

		assertExit(execution, "COMPLETED");
		assertThat(outcomes(results())).containsExactly("2 assigned 1", "3 unassigned 1", "4 unchanged 0");
		assertThat(projectsOf(1, "v120@example.com")).containsExactlyInAnyOrder(101L, 102L);
		assertThat(projectsOf(1, "v119@example.com")).isEmpty();
		assertThat(log().count("GET", "/project-viewers")).isEqualTo(2);
		assertThat(log().count("POST", "/project-viewers/\\d+/assign-project")).isEqualTo(2);
	}

	@Test
	void theSampleFileAgainstTheDemoSeed() throws Exception {
		Path file = this.dir.resolve("access.csv");
		Files.copy(Path.of("samples/assignments.csv"), file);

		JobExecution execution = run(file);

		assertExit(execution, "COMPLETED_WITH_REJECTS");
		assertThat(outcomes(results())).containsExactly("2 assigned 1", "3 unassigned 1", "4 assigned 1",
				"5 assigned 1", "6 unassigned 1", "9 unchanged 0");
		assertThat(csv(rejects())).extracting(r -> r.get("line") + " " + r.get("error"))
			.containsExactly("7 unknown-viewer", "8 unknown-project", "10 archived-viewer");
		assertThat(projectsOf(1, "existing.unchanged@northwind.example")).containsExactlyInAnyOrder(102L, 103L);
	}

	static void assertExit(JobExecution execution, String exitCode) {
		ImportViewersJobTest.assertExit(execution, exitCode);
	}

}
