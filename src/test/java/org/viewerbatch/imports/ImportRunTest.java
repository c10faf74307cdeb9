package org.viewerbatch.imports;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.batch.core.job.parameters.JobParameter;
import org.springframework.batch.core.job.parameters.JobParameters;

import org.viewerbatch.imports.ImportRun.AssignmentOptions;
import org.viewerbatch.imports.ImportRun.ViewerOptions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ImportRunTest {

	private static final URI API = URI.create("http://127.0.0.1:1/api/v2/");

	private static final ViewerOptions VIEWERS = new ViewerOptions(true, true, 7, false);

	@TempDir
	Path dir;

	private Path file() throws Exception {
		return Files.writeString(this.dir.resolve("clients.csv"), "email\nann@x.io\n");
	}

	private static <O extends ImportRun.JobOptions> ImportRun<O> run(Path file, Instant dryRunAt, Path projectMap,
			O options) {
		return new ImportRun<>(file, 1, API, dryRunAt, null, null, null, null, null, null, null, null, null, projectMap,
				options);
	}

	private static Map<String, Object> values(JobParameters parameters) {
		return parameters.parameters().stream().collect(Collectors.toMap(JobParameter::name, JobParameter::value));
	}

	private static Map<String, Boolean> identity(JobParameters parameters) {
		return parameters.parameters()
			.stream()
			.collect(Collectors.toMap(JobParameter::name, JobParameter::identifying));
	}

	@Test
	void theFilesContentTheWorkspaceTheApiAndTheSyncOptionIdentifyAViewersImportNotItsPath() throws Exception {
		Path file = file();
		JobParameters parameters = run(file, null, null, VIEWERS).toJobParameters();

		assertThat(parameters.getIdentifyingParameters()).extracting(JobParameter::name)
			.containsExactlyInAnyOrder("input.sha256", "workspace.id", "api.url", "sync.projects");
		assertThat(identity(parameters)).containsOnlyKeys("input.file", "input.sha256", "workspace.id", "api.url",
				"sync.projects", "dry.run", "results.file", "rejects.file", "plan.file", "report.file", "skip.limit",
				"delimiter", "encoding", "column.map", "allow.delete", "max.deletes");
		assertThat(parameters.getString("input.sha256"))
			.isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file))));
	}

	@Test
	void anAssignmentsImportIsIdentifiedByItsOwnSyncOption() throws Exception {
		JobParameters parameters = run(file(), null, null, new AssignmentOptions(true, 3)).toJobParameters();

		assertThat(parameters.getIdentifyingParameters()).extracting(JobParameter::name)
			.containsExactlyInAnyOrder("input.sha256", "workspace.id", "api.url", "sync.assignments");
		assertThat(parameters.getLong("max.unassigns")).isEqualTo(3L);
	}

	@Test
	void aDryRunIsARunOfItsOwnAndAProjectMapIdentifiesTheRunToo() throws Exception {
		Path map = Files.writeString(this.dir.resolve("map.csv"), "from,to\n101,201\n");
		JobParameters parameters = run(file(), Instant.parse("2026-12-01T10:00:00Z"), map, VIEWERS).toJobParameters();

		assertThat(parameters.getIdentifyingParameters()).extracting(JobParameter::name)
			.contains("dry.run.at", "project.map.sha256")
			.doesNotContain("project.map");
		assertThat(parameters.getString("dry.run")).isEqualTo("true");
		assertThat(parameters.getString("project.map")).isEqualTo(map.toAbsolutePath().toString());
	}

	@Test
	void readingTheParametersBackGivesTheSameRun() throws Exception {
		Path map = Files.writeString(this.dir.resolve("map.csv"), "from,to\n101,201\n");
		ImportRun<ViewerOptions> run = new ImportRun<>(file(), 3, API, Instant.parse("2026-12-01T10:00:00Z"),
				this.dir.resolve("out.csv"), null, null, null, 5L, 2, ";", "windows-1252", "Mail=email", map, VIEWERS);

		ImportRun<ViewerOptions> back = ImportRun.from(values(run.toJobParameters()), ViewerOptions::from);

		assertThat(back).isEqualTo(run);
		assertThat(ImportRun
			.from(values(run(file(), null, null, new AssignmentOptions(true, 3)).toJobParameters()),
					AssignmentOptions::from)
			.options()).isEqualTo(new AssignmentOptions(true, 3));
	}

	@Test
	void optionsNotGivenTakeTheirDefaultsAndTheOutputsGoNextToTheInput() throws Exception {
		ImportRun<ViewerOptions> run = run(this.dir.resolve("in/clients.csv"), null, null, VIEWERS);

		assertThat(run.results()).isEqualTo(this.dir.resolve("in/clients.results.csv").toAbsolutePath());
		assertThat(run.rejects()).isEqualTo(this.dir.resolve("in/clients.rejects.csv").toAbsolutePath());
		assertThat(run.plan()).isEqualTo(this.dir.resolve("in/clients.plan.csv").toAbsolutePath());
		assertThat(run.chunkSize()).as("not given: the step sizes chunks from the rate limit").isNull();
		assertThat(run.skipLimit()).isEqualTo(Long.MAX_VALUE);
		assertThat(run.delimiter()).isEqualTo("auto");
		assertThat(run.encoding()).isEqualTo("UTF-8");
		assertThat(run.dryRun()).isFalse();
		assertThat(run.jobName()).isEqualTo("importViewersJob");
	}

	@Test
	void anInvalidOptionIsRefusedWithTheOptionsName() {
		Path file = this.dir.resolve("clients.csv");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new ImportRun<>(file, 1, API, null, null, null, null, null, null, 0, null, null, null,
					null, VIEWERS))
			.withMessage("--chunk-size must be at least 1");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new ImportRun<>(file, 1, API, null, null, null, null, null, -1L, null, null, null, null,
					null, VIEWERS))
			.withMessage("--skip-limit must not be negative");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new ImportRun<>(file, 1, API, null, null, null, null, null, null, null, null, "klingon",
					null, null, VIEWERS))
			.withMessageStartingWith("--encoding: unknown character set 'klingon'");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new ImportRun<>(file, 1, API, null, file, null, null, null, null, null, null, null, null,
					null, VIEWERS))
			.withMessageStartingWith("the results file must not be the input file");
		assertThatIllegalArgumentException().isThrownBy(() -> new ViewerOptions(false, true, -1, false))
			.withMessage("--max-deletes must not be negative");
		assertThatIllegalArgumentException().isThrownBy(() -> new AssignmentOptions(true, -1))
			.withMessage("--max-unassigns must not be negative");
	}

}
