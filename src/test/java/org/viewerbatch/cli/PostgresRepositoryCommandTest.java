package org.viewerbatch.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import org.viewerbatch.runs.PostgresRepository;
import org.viewerbatch.runs.RunHolder;
import org.viewerbatch.runs.WorkspaceGuard;
import org.viewerbatch.sandbox.Fault;
import org.viewerbatch.sandbox.FaultPlan;
import org.viewerbatch.sandbox.SandboxOptions;
import org.viewerbatch.testsupport.PostgresExtension;
import org.viewerbatch.testsupport.SandboxExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The command line with its job repository on a real PostgreSQL server: the tables made
 * on first use, the workspace guard, a server that cannot be reached, and the password
 * kept out of everything. A run that waits for something that never comes (a lock, a
 * server) fails its test at the timeout.
 */
@ExtendWith(OutputCaptureExtension.class)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class PostgresRepositoryCommandTest {

	@RegisterExtension
	static final PostgresExtension postgres = new PostgresExtension();

	@RegisterExtension
	static final SandboxExtension sandbox = new SandboxExtension(SandboxOptions.defaults().withRateLimit(100_000));

	@TempDir
	Path dir;

	String url;

	@BeforeEach
	void newDatabase() {
		this.url = postgres.newDatabase();
	}

	record Run(int exitCode, String out, String err) {
	}

	Map<String, String> env() {
		Map<String, String> env = new HashMap<>();
		env.put("WEBWORK_API_TOKEN", sandbox.token());
		env.put("VIEWER_BATCH_DB_USER", PostgresExtension.USER);
		env.put("VIEWER_BATCH_DB_PASSWORD", postgres.password());
		return env;
	}

	Run run(Map<String, String> env, String repository, String... args) {
		SandboxRun run = SandboxRun.execute(SandboxRun.with(SandboxRun.options(sandbox, repository), args), env);
		return new Run(run.exitCode(), run.out(), run.err());
	}

	Path file() throws IOException {
		Path file = this.dir.resolve("clients.csv");
		Files.writeString(file,
				"email,firstname,lastname,projects\nann@example.com,Ann,Lee,101;102\nbob@example.com,Bob,Ray,101\n");
		return file;
	}

	List<String> requests() {
		// which new viewer gets which id depends on which worker sends its create first
		return sandbox.sandbox()
			.requestLog()
			.all()
			.stream()
			.map((r) -> r.method() + " " + r.path().replaceAll("/[0-9]+/", "/ID/"))
			.toList();
	}

	@Test
	void anImportOnPostgresqlSendsWhatItSendsOnHsqldbAndKeepsThePasswordOutOfEverything(CapturedOutput output)
			throws Exception {
		Path file = file();
		Run onFile = run(env(), this.dir.resolve("home").toString(), "import-viewers", file.toString());
		assertThat(onFile.exitCode()).as(onFile.err()).isZero();
		List<String> onFileRequests = requests();
		sandbox.sandbox().reset();

		Run first = run(env(), this.url, "import-viewers", file.toString(), "--results",
				this.dir.resolve("pg.results.csv").toString(), "--rejects",
				this.dir.resolve("pg.rejects.csv").toString());
		assertThat(first.exitCode()).as(first.err()).isZero();
		assertThat(first.err()).contains("2 rows: created 2");
		// the same requests (workers send them in any order): 2 reads, 2 creates, 3
		// assignments
		assertThat(requests()).hasSize(7).containsExactlyInAnyOrderElementsOf(onFileRequests);
		assertThat(sandbox.sandbox().requestLog().invitationsSent()).isEqualTo(2);
		assertThat(count("BATCH_JOB_INSTANCE")).isEqualTo(1);
		assertThat(count("LEDGER_ROW")).isEqualTo(2);
		sandbox.sandbox().requestLog().clear();

		// the tables are there: used as they are, nothing sent twice
		Run again = run(env(), this.url, "import-viewers", file.toString());
		assertThat(again.exitCode()).as(again.err()).isZero();
		assertThat(again.err()).contains("already done");
		assertThat(requests()).isEmpty();
		assertThat(count("BATCH_JOB_INSTANCE")).isEqualTo(1);

		Run jobs = run(env(), this.url, "jobs");
		assertThat(jobs.exitCode()).as(jobs.err()).isZero();
		assertThat(jobs.out()).contains("import-viewers").contains("COMPLETED");
		Run details = run(env(), this.url, "jobs", "1");
		assertThat(details.exitCode()).as(details.err()).isZero();

		String password = postgres.password();
		assertThat(tablesAsText()).contains("ann@example.com").doesNotContain(password);
		for (Run each : List.of(first, again, jobs, details)) {
			assertThat(each.out() + each.err()).doesNotContain(password);
		}
		assertThat(output.getAll()).doesNotContain(password);
		try (Stream<Path> files = Files.walk(this.dir)) {
			for (Path each : files.filter(Files::isRegularFile).toList()) {
				assertThat(Files.readString(each, StandardCharsets.ISO_8859_1)).as(each.toString())
					.doesNotContain(password);
			}
		}
	}

	@Test
	void fourFirstRunsAtTheSameMomentCreateTheTablesOnce() throws Exception {
		Path file = file();
		ExecutorService machines = Executors.newFixedThreadPool(4);
		try (Connection holder = postgres.connect(this.url); Statement statement = holder.createStatement()) {
			// the schema lock is taken here first, so that all four are sure to find no
			// tables and wait for it at once
			statement.execute("SELECT pg_advisory_lock(hashtextextended('viewer-batch schema', 0))");
			List<Future<Run>> runs = new ArrayList<>();
			for (int i = 0; i < 4; i++) {
				runs.add(machines.submit(() -> run(env(), this.url, "import-viewers", file.toString())));
			}
			long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
			while (waitingForTheSchemaLock(statement) < 4) {
				assertThat(runs).noneMatch(Future::isDone);
				assertThat(System.nanoTime()).as("all four runs waiting for the schema lock within 2 minutes")
					.isLessThan(deadline);
				Thread.sleep(20);
			}
			statement.execute("SELECT pg_advisory_unlock(hashtextextended('viewer-batch schema', 0))");
			for (Future<Run> each : runs) {
				// one applies the file; the others find the workspace in use, or the file
				// already done
				Run run = each.get(2, TimeUnit.MINUTES);
				if (run.exitCode() == 1) {
					assertThat(run.err()).contains("workspace 1 is in use by");
				}
				else {
					assertThat(run.exitCode()).as(run.err()).isZero();
				}
			}
		}
		finally {
			machines.shutdownNow();
		}
		assertThat(sandbox.sandbox().requestLog().invitationsSent("ann@example.com")).isOne();
		assertThat(sandbox.sandbox().requestLog().invitationsSent("bob@example.com")).isOne();
		assertThat(count("BATCH_JOB_INSTANCE")).isOne();
		assertThat(count("pg_tables WHERE schemaname = 'public' AND tablename = 'batch_job_instance'")).isOne();
	}

	private static long waitingForTheSchemaLock(Statement statement) throws SQLException {
		try (ResultSet result = statement
			.executeQuery("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted")) {
			result.next();
			return result.getLong(1);
		}
	}

	@Test
	void aSecondRunOnAWorkspaceInUseIsRefusedNamingTheHolderAndSendsNothing() throws Exception {
		Path file = file();
		RunHolder machineA = new RunHolder("machine-a", 4242, Instant.parse("2026-12-03T06:30:00Z"));
		try (WorkspaceGuard guard = WorkspaceGuard.open(repository(), machineA)) {
			guard.acquire(1);

			Run refused = run(env(), this.url, "import-viewers", file.toString());

			assertThat(refused.exitCode()).isEqualTo(1);
			assertThat(refused.err().lines()).singleElement()
				.asString()
				.contains("workspace 1 is in use by the run of machine-a pid 4242 since 2026-12-03 06:30:00 UTC");
			// it is refused at once: a run that waited for the guard would wait for ever,
			// since the guard is let go only after it, and the test would time out
			assertThat(requests()).isEmpty();
		}
		Run free = run(env(), this.url, "import-viewers", file.toString());
		assertThat(free.exitCode()).as(free.err()).isZero();
	}

	@Test
	void anotherWorkspaceInUseDoesNotBlockARun() throws Exception {
		try (WorkspaceGuard guard = WorkspaceGuard.open(repository(), RunHolder.current())) {
			guard.acquire(2);

			Run run = run(env(), this.url, "import-viewers", file().toString());

			assertThat(run.exitCode()).as(run.err()).isZero();
			assertThat(sandbox.sandbox().requestLog().invitationsSent()).isEqualTo(2);
		}
	}

	@Test
	void onlyTheGuardedWorkspacesKilledRunIsRecovered() throws Exception {
		// the tables, made by a first run
		CommandLineRun setup = testJob("--outcome", "ok");
		assertThat(setup.exitCode()).as(setup.err()).isZero();
		long ours = leftStarted(1);
		long theirs = leftStarted(2);

		CommandLineRun run = testJob("--outcome", "ok", "--rerun");

		assertThat(run.exitCode()).as(run.err()).isZero();
		assertThat(run.err()).contains("Recovered execution " + ours).doesNotContain("execution " + theirs);
		try (ConfigurableApplicationContext context = repositoryContext()) {
			JobRepository repository = context.getBean(JobRepository.class);
			assertThat(repository.getJobExecution(ours).getStatus()).isEqualTo(BatchStatus.FAILED);
			assertThat(repository.getJobExecution(theirs).getStatus()).isEqualTo(BatchStatus.STARTED);
		}
	}

	@Test
	void aServerThatCannotBeReachedEndsTheRunAtOnceInOneLine() throws Exception {
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		String nowhere = "jdbc:postgresql://127.0.0.1:" + port + "/viewers";

		Run run = run(env(), nowhere, "import-viewers", file().toString());

		assertThat(run.exitCode()).isEqualTo(1);
		assertThat(run.err().lines()).singleElement()
			.isEqualTo("viewer-batch: cannot reach the job repository at 127.0.0.1:" + port + ": connection refused");
		assertThat(requests()).isEmpty();

		Run jobs = run(env(), nowhere, "jobs");
		assertThat(jobs.exitCode()).isEqualTo(1);
		assertThat(jobs.err().lines()).singleElement().asString().contains("connection refused");
	}

	@Test
	void aRunWhoseRepositoryIsLostSendsNoMoreWritesExitsOneAndResumesOnceItIsBack() throws Exception {
		StringBuilder csv = new StringBuilder("email,firstname,lastname,projects\n");
		for (int i = 1; i <= 10; i++) {
			csv.append("new").append(i).append("@example.com,New,Viewer").append(i).append(",\n");
		}
		Path file = Files.writeString(this.dir.resolve("clients.csv"), csv);
		// the server goes away while the 5th create is on its way
		sandbox.sandbox()
			.faultPlan(FaultPlan.builder()
				.onEndpoint("POST", "/project-viewers", 5, Fault.before(() -> postgres.cutOff(this.url)))
				.build());
		String[] command = { "import-viewers", file.toString(), "--chunk-size", "2", "--concurrency", "1" };

		Run lost = run(env(), this.url, command);

		assertThat(lost.exitCode()).as(lost.err()).isEqualTo(1);
		assertThat(lost.err()).contains(
				"import-viewers stopped: the job repository at " + postgres.hostAndPort() + " was lost (",
				"run the same command again once it is back, and it resumes");
		// nothing is sent once the change to send cannot be recorded
		assertThat(sandbox.sandbox().requestLog().count("POST", "/project-viewers")).isEqualTo(5);
		assertThat(this.dir.resolve("clients.results.csv")).doesNotExist();

		postgres.reopen(this.url);
		sandbox.sandbox().faultPlan(FaultPlan.none());
		Run resumed = run(env(), this.url, command);

		assertThat(resumed.exitCode()).as(resumed.err()).isZero();
		for (int i = 1; i <= 10; i++) {
			assertThat(sandbox.sandbox().requestLog().invitationsSent("new" + i + "@example.com")).as("new" + i)
				.isEqualTo(1);
		}
		assertThat(sandbox.sandbox().requestLog().count("POST", "/project-viewers")).isEqualTo(10);
		assertThat(Files.readAllLines(this.dir.resolve("clients.results.csv"))).hasSize(1 + 10);
	}

	@Test
	void aWrongPasswordOrDatabaseIsNamedWithoutThePassword() throws Exception {
		Map<String, String> env = env();
		env.put("VIEWER_BATCH_DB_PASSWORD", "not-the-password-42");

		Run wrong = run(env, this.url, "import-viewers", file().toString());

		assertThat(wrong.exitCode()).isEqualTo(1);
		assertThat(wrong.err().lines()).singleElement()
			.asString()
			.startsWith("viewer-batch: cannot reach the job repository at " + postgres.hostAndPort()
					+ ": authentication failed for user viewer_batch")
			.doesNotContain("not-the-password-42");

		Run missing = run(env(), "jdbc:postgresql://" + postgres.hostAndPort() + "/nosuchdb", "import-viewers",
				file().toString());
		assertThat(missing.exitCode()).isEqualTo(1);
		assertThat(missing.err().lines()).singleElement().asString().endsWith(": database nosuchdb does not exist");
		assertThat(requests()).isEmpty();
	}

	@Test
	void aPasswordInTheUrlIsRefused() throws Exception {
		Run inQuery = run(env(), this.url + "?user=viewer_batch&password=hunter2", "import-viewers", file().toString());
		assertThat(inQuery.exitCode()).isEqualTo(2);
		assertThat(inQuery.err()).contains("VIEWER_BATCH_DB_PASSWORD").doesNotContain("hunter2");

		Run inAuthority = run(env(), "jdbc:postgresql://viewer_batch:hunter2@" + postgres.hostAndPort() + "/x",
				"import-viewers", file().toString());
		assertThat(inAuthority.exitCode()).isEqualTo(2);
		assertThat(inAuthority.err()).contains("VIEWER_BATCH_DB_PASSWORD").doesNotContain("hunter2");
	}

	@Test
	void thePasswordCanComeFromAFile() throws Exception {
		Path secret = Files.writeString(this.dir.resolve("db-password"), "\uFEFF" + postgres.password() + "\r\n");
		Map<String, String> env = env();
		env.remove("VIEWER_BATCH_DB_PASSWORD");
		env.put("VIEWER_BATCH_DB_PASSWORD_FILE", secret.toString());
		env.put("VIEWER_BATCH_JOB_REPOSITORY", this.url);

		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		int exitCode = ViewerBatchCommand.execute(new String[] { "jobs" }, env,
				new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

		assertThat(exitCode).as(err.toString(StandardCharsets.UTF_8)).isZero();
	}

	private CommandLineRun testJob(String... args) {
		Map<String, String> env = env();
		env.put("WEBWORK_WORKSPACE_ID", "1");
		env.put("VIEWER_BATCH_JOB_REPOSITORY", this.url);
		List<String> all = new ArrayList<>(List.of("test-job"));
		all.addAll(List.of(args));
		return CommandLineRun.run(env, all.toArray(String[]::new));
	}

	private long leftStarted(long workspaceId) {
		JobParameters parameters = new JobParametersBuilder().addString("outcome", "ok")
			.addString("run.at", "killed")
			.addLong("workspace.id", workspaceId)
			.toJobParameters();
		try (ConfigurableApplicationContext context = repositoryContext()) {
			JobRepository repository = context.getBean(JobRepository.class);
			JobInstance instance = repository.createJobInstance(TestJobConfiguration.JOB, parameters);
			JobExecution execution = repository.createJobExecution(instance, parameters, new ExecutionContext());
			execution.setStatus(BatchStatus.STARTED);
			repository.update(execution);
			return execution.getId();
		}
	}

	private ConfigurableApplicationContext repositoryContext() {
		Map<String, Object> properties = new HashMap<>();
		properties.put("spring.datasource.url", this.url);
		properties.put("spring.datasource.username", PostgresExtension.USER);
		properties.put("spring.datasource.password", postgres.password());
		return new BatchContext(TestJobConfiguration.class).start(properties);
	}

	private PostgresRepository repository() {
		return PostgresRepository.of(this.url, PostgresExtension.USER, postgres.password());
	}

	private long count(String table) throws SQLException {
		try (Connection connection = postgres.connect(this.url);
				Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("SELECT count(*) FROM " + table)) {
			result.next();
			return result.getLong(1);
		}
	}

	/** Every row of every table of the database, as text. */
	private String tablesAsText() throws SQLException {
		StringBuilder text = new StringBuilder();
		try (Connection connection = postgres.connect(this.url); Statement statement = connection.createStatement()) {
			List<String> tables = new ArrayList<>();
			try (ResultSet result = statement
				.executeQuery("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")) {
				while (result.next()) {
					tables.add(result.getString(1));
				}
			}
			assertThat(tables).contains("batch_job_execution_params", "ledger_change", "vb_run_guard");
			for (String table : tables) {
				try (ResultSet rows = statement.executeQuery("SELECT t::text FROM " + table + " t")) {
					while (rows.next()) {
						text.append(rows.getString(1)).append('\n');
					}
				}
			}
		}
		return text.toString();
	}

}
