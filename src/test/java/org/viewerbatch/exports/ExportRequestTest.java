package org.viewerbatch.exports;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.springframework.batch.core.job.parameters.JobParameter;
import org.springframework.batch.core.job.parameters.JobParameters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ExportRequestTest {

	private static final Instant RUN_AT = Instant.parse("2026-11-28T02:00:05.250Z");

	@Test
	void jobParametersRoundTrip() {
		ExportRequest request = new ExportRequest(12345, "https://api.example.com/api/v2/",
				Path.of("/exports/nightly.csv"), ExportFormat.ASSIGNMENTS, Set.of("left", "active"), true, false,
				RUN_AT);

		assertThat(ExportRequest.from(request.toJobParameters())).isEqualTo(request);
	}

	@Test
	void standardOutputIsTheDashAndTheDefaultsAreViewersWithTheFormulaGuard() {
		ExportRequest request = new ExportRequest(1, "http://127.0.0.1:1/api/v2/", null, ExportFormat.VIEWERS, Set.of(),
				false, true, RUN_AT);

		JobParameters parameters = request.toJobParameters();

		assertThat(parameters.getString("output")).isEqualTo("-");
		assertThat(parameters.getParameter("status")).isNull();
		assertThat(ExportRequest.from(parameters)).isEqualTo(request);
	}

	@Test
	void workspaceApiUrlOutputAndRunTimeIdentifyTheRun() {
		JobParameters parameters = new ExportRequest(7, "https://api.example.com/api/v2/", Path.of("/x/y.csv"),
				ExportFormat.VIEWERS, Set.of("active"), false, true, RUN_AT)
			.toJobParameters();

		assertThat(parameters.getIdentifyingParameters()).extracting(JobParameter::name)
			.containsExactlyInAnyOrder("workspace.id", "api.url", "output", "run.at");
		assertThat(parameters.getLong("workspace.id")).isEqualTo(7L);
		assertThat(parameters.getString("run.at")).isEqualTo("2026-11-28T02:00:05.250Z");
	}

	@Test
	void defaultOutputIsNamedAfterFormatWorkspaceAndUtcTime() {
		assertThat(ExportRequest.defaultOutput(Path.of("/work"), 12345, ExportFormat.VIEWERS, RUN_AT))
			.isEqualTo(Path.of("/work/viewers-12345-20261128T020005Z.csv"));
		assertThat(ExportRequest.defaultOutput(Path.of("/work"), 12345, ExportFormat.ASSIGNMENTS, RUN_AT))
			.isEqualTo(Path.of("/work/assignments-12345-20261128T020005Z.csv"));
	}

	@Test
	void statusesAreTrimmedLowerCasedAndChecked() {
		assertThat(ExportRequest.parseStatuses(" Active, left ")).containsExactly("active", "left");
		assertThatIllegalArgumentException().isThrownBy(() -> ExportRequest.parseStatuses("active,archived"))
			.withMessage("unknown status 'archived'; use one or more of active,inactive,left");
	}

}
