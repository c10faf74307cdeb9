package org.viewerbatch.exports;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.test.MetaDataInstanceFactory;
import org.springframework.web.client.RestClient;

import org.viewerbatch.client.ApiProperties;
import org.viewerbatch.client.ApiToken;
import org.viewerbatch.client.RequestPacer;
import org.viewerbatch.client.Sleeper;
import org.viewerbatch.client.Viewer;
import org.viewerbatch.client.WebWorkClient;
import org.viewerbatch.runs.FreshOutcome;
import org.viewerbatch.runs.StopRequest;
import org.viewerbatch.testsupport.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How the export step ends: the file renamed into place, or thrown away, and the summary
 * that says which.
 */
class ExportCompletionTest {

	private static final ExportRow ANNA = new ExportRow(
			new Viewer(42, "anna@example.com", "Anna", "Berg", "active", null, List.of()), null);

	@TempDir
	Path dir;

	private final MutableClock clock = new MutableClock(Instant.parse("2026-11-28T02:00:00Z"));

	private Path target;

	private StepExecution step;

	@BeforeEach
	void setUp() throws IOException {
		this.target = this.dir.resolve("nightly.csv");
		Files.writeString(this.target, "yesterday's export\n");
		this.step = MetaDataInstanceFactory.createStepExecution();
	}

	@Test
	void completedStepRenamesTheFileIntoPlaceAndSaysWhere() throws Exception {
		ExportFileWriter writer = new ExportFileWriter(request());

		ExitStatus exitStatus = runStep(writer, BatchStatus.COMPLETED);

		assertThat(exitStatus).isNull();
		assertThat(this.step.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(Files.readAllLines(this.target)).hasSize(2).last().asString().startsWith("42,anna@example.com,");
		assertThat(summary()).isEqualTo("Exported 1 viewer (1 page, 0 requests) to " + this.target + " in 1.5 s");
		assertThat(filesInDir()).containsExactly(this.target);
	}

	@Test
	void failedStepThrowsTheTemporaryFileAwayAndKeepsThePreviousFile() throws Exception {
		ExportFileWriter writer = new ExportFileWriter(request());

		runStep(writer, BatchStatus.FAILED);

		assertThat(this.target).hasContent("yesterday's export");
		assertThat(filesInDir()).containsExactly(this.target);
		assertThat(summary()).isEqualTo(
				"Export failed after reading 0 viewers (0 requests, 1.5 s); " + this.target + " was not written");
	}

	@Test
	void renameThatFailsAfterTheLastPageFailsTheStep() throws Exception {
		ExportFileWriter writer = new ExportFileWriter(request()) {
			@Override
			void commit() {
				throw new UncheckedIOException("cannot write " + ExportCompletionTest.this.target,
						new IOException("No space left on device"));
			}
		};

		ExitStatus exitStatus = runStep(writer, BatchStatus.COMPLETED);

		assertThat(this.step.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(exitStatus.getExitCode()).isEqualTo("FAILED");
		assertThat(this.step.getFailureExceptions()).hasSize(1);
		assertThat(this.step.getFailureExceptions().get(0)).isInstanceOf(UncheckedIOException.class)
			.hasRootCauseMessage("No space left on device");
		assertThat(this.target).hasContent("yesterday's export");
		assertThat(filesInDir()).containsExactly(this.target);
		assertThat(summary()).startsWith("Export failed after reading 0 viewers");
	}

	private ExitStatus runStep(ExportFileWriter writer, BatchStatus outcome) throws Exception {
		ExportCompletion completion = new ExportCompletion(request(),
				new ViewerReader(client(), 1, ExportFormat.VIEWERS, new StopRequest()), writer, client(), this.clock,
				new StopRequest());
		completion.beforeStep(this.step);
		writer.open(new ExecutionContext());
		writer.write(Chunk.of(ANNA));
		this.step.setWriteCount(1);
		this.clock.advance(Duration.ofMillis(1500));
		this.step.setStatus(outcome);
		ExitStatus exitStatus = completion.afterStep(this.step);
		writer.close();
		return exitStatus;
	}

	private ExportRequest request() {
		return new ExportRequest(1, "http://127.0.0.1:1/api/v2/", this.target, ExportFormat.VIEWERS, Set.of(), false,
				true, this.clock.instant());
	}

	// never called: the summary only asks it how many requests were sent
	private WebWorkClient client() {
		ApiProperties settings = new ApiProperties(URI.create("http://127.0.0.1:1/api/v2/"), ApiToken.of("unused"), 60,
				4, Duration.ofSeconds(1), Duration.ofSeconds(1), 0, Duration.ofMillis(1));
		return new WebWorkClient(RestClient.builder(), settings, new RequestPacer(60, this.clock, Sleeper.SYSTEM),
				Sleeper.SYSTEM);
	}

	private String summary() {
		return this.step.getJobExecution().getExecutionContext().getString(FreshOutcome.SUMMARY);
	}

	private List<Path> filesInDir() throws IOException {
		try (Stream<Path> files = Files.list(this.dir)) {
			return files.toList();
		}
	}

}
