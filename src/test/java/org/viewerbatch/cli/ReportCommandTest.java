package org.viewerbatch.cli;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.viewerbatch.sandbox.SandboxOptions;
import org.viewerbatch.testsupport.SandboxExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code viewer-batch report EXECUTION_ID} and {@code --report PATH}, in-process, with a
 * file job repository, against the sandbox. The first execution of a new HSQLDB
 * repository has the id 0.
 */
class ReportCommandTest {

	@RegisterExtension
	static final SandboxExtension sandbox = new SandboxExtension(SandboxOptions.defaults().withRateLimit(100_000));

	@TempDir
	Path dir;

	SandboxRun run(String... args) {
		return SandboxRun.run(sandbox, this.dir.resolve("home"), args);
	}

	Path clients() throws Exception {
		return Files.writeString(this.dir.resolve("clients.csv"),
				"email,firstname,lastname,projects\nann@example.com,Ann,Lee,101\nnot-an-email,X,Y,\n");
	}

	@Test
	void aPastRunsReportIsWrittenAgainAsTheRunWroteIt() throws Exception {
		Path file = clients();
		SandboxRun imported = run("import-viewers", file.toString());
		assertThat(imported.exitCode()).as(imported.err()).isEqualTo(3);
		Path report = this.dir.resolve("clients.report.html");
		String written = Files.readString(report);
		Files.delete(report);
		long requests = sandbox.sandbox().requestLog().all().size();

		SandboxRun again = run("report", "0");

		assertThat(again.exitCode()).as(again.err()).isZero();
		assertThat(again.out()).isEqualTo("report: " + report + "\n");
		assertThat(Files.readString(report)).isEqualTo(written)
			.contains("data-count=\"created\">1<", "data-count=\"rejected\">1<");
		// rendered from the job repository alone: nothing asked of the API
		assertThat(sandbox.sandbox().requestLog().all()).hasSize((int) requests);

		Path elsewhere = this.dir.resolve("out/run-0.html");
		Files.createDirectories(elsewhere.getParent());
		SandboxRun moved = run("report", "0", "--output", elsewhere.toString());
		assertThat(moved.exitCode()).as(moved.err()).isZero();
		assertThat(moved.out()).isEqualTo("report: " + elsewhere + "\n");
		assertThat(Files.readString(elsewhere)).isEqualTo(written);
	}

	@Test
	void theReportOptionPutsTheReportWhereItSays() throws Exception {
		Path target = this.dir.resolve("reports/tonight.html");
		Files.createDirectories(target.getParent());

		SandboxRun imported = run("import-viewers", clients().toString(), "--report", target.toString());

		assertThat(imported.exitCode()).as(imported.err()).isEqualTo(3);
		assertThat(imported.err()).contains("report: " + target);
		assertThat(Files.readString(target)).contains("data-count=\"created\">1<");
		assertThat(this.dir.resolve("clients.report.html")).doesNotExist();
		// and that is where it is written again
		Files.delete(target);
		assertThat(run("report", "0").out()).isEqualTo("report: " + target + "\n");
		assertThat(target).exists();
	}

	@Test
	void aReportPathThatCannotBeWrittenIsRefusedBeforeAnyRequest() throws Exception {
		SandboxRun refused = run("import-viewers", clients().toString(), "--report",
				this.dir.resolve("no/such/dir/r.html").toString());

		assertThat(refused.exitCode()).isEqualTo(2);
		assertThat(refused.err()).contains("--report");
		assertThat(sandbox.sandbox().requestLog().all()).isEmpty();
	}

	@Test
	void anExecutionWithoutAReportSaysWhyInOneLine() throws Exception {
		assertThat(run("import-viewers", clients().toString()).exitCode()).isEqualTo(3);
		assertThat(run("export-viewers", "--output", this.dir.resolve("export.csv").toString()).exitCode()).isZero();

		SandboxRun none = run("report", "9");
		assertThat(none.exitCode()).isEqualTo(1);
		assertThat(none.err())
			.isEqualTo("viewer-batch: no execution 9 in the job repository (viewer-batch jobs lists them)\n");

		SandboxRun export = run("report", "1");
		assertThat(export.exitCode()).isEqualTo(1);
		assertThat(export.err())
			.isEqualTo("viewer-batch: execution 1 is not an import (exportViewersJob): only imports have a report\n");
	}

	@Test
	void aRepositoryNoRunHasUsedIsNotMade() {
		SandboxRun run = run("report", "0");

		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(run.err()).startsWith("viewer-batch: no job repository in ");
		assertThat(this.dir.resolve("home")).doesNotExist();
	}

}
