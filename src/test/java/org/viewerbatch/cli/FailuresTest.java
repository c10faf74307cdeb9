package org.viewerbatch.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

class FailuresTest {

	/**
	 * What a run's context start threw when four runs in one JVM reset its logging at
	 * once.
	 */
	static final BatchContext BROKEN = new BatchContext() {
		@Override
		ConfigurableApplicationContext start(Map<String, Object> properties, Class<?>... sources) {
			throw new ArrayIndexOutOfBoundsException("arraycopy: length -1 is negative");
		}
	};

	@TempDir
	Path home;

	private Map<String, String> env() {
		return Map.of("VIEWER_BATCH_HOME", this.home.toString());
	}

	@Test
	void anUnexpectedExceptionIsReportedAsABugInOneLineSayingWhatFailedAndHowToGetTheStackTrace() {
		CommandLineRun run = CommandLineRun.run(BROKEN, CommandLineRun.EXIT_CODES, env(), "test-job", "--offline");

		assertThat(run.exitCode()).isEqualTo(1);
		assertThat(run.err().lines()).containsExactly("viewer-batch: test-job failed on a bug in viewer-batch:"
				+ " ArrayIndexOutOfBoundsException: arraycopy: length -1 is negative;"
				+ " please report it with the stack trace that -v prints");
	}

	@Test
	void withVerboseTheStackTraceFollows() {
		CommandLineRun run = CommandLineRun.run(BROKEN, CommandLineRun.EXIT_CODES, env(), "-v", "test-job",
				"--offline");

		assertThat(run.exitCode()).isEqualTo(1);
		assertThat(run.err().lines().toList()).hasSizeGreaterThan(2)
			.first()
			.asString()
			.startsWith("viewer-batch: test-job failed on a bug in viewer-batch: ArrayIndexOutOfBoundsException");
		assertThat(run.err()).contains("java.lang.ArrayIndexOutOfBoundsException: arraycopy: length -1 is negative",
				"\tat org.viewerbatch.cli.FailuresTest$1.start(");
	}

	@Test
	void aBugDeepInsideIsNamedByItsTypeEvenWithoutAMessage() {
		Exception wrapped = new IllegalStateException("cannot start importViewersJob: x",
				new RuntimeException(new NullPointerException()));

		assertThat(Failures.describe(new NullPointerException())).isEqualTo(
				"a bug in viewer-batch: NullPointerException; please report it with the stack trace that -v prints");
		assertThat(CommandLineRun.EXIT_CODES.reason(List.of(wrapped))).get().matches(Failures::isBug);
	}

	@Test
	void whatBadInputOrAFailingDiskOrServerThrowsIsNotABug() {
		assertThat(Failures.describe(new IllegalArgumentException("--chunk-size must be at least 1")))
			.isEqualTo("--chunk-size must be at least 1");
		assertThat(Failures.describe(new UncheckedIOException("cannot write x.csv", new IOException("disk full"))))
			.isEqualTo("cannot write x.csv");
		assertThat(Failures.describe(new IllegalStateException())).isEqualTo("IllegalStateException");
	}

}
