package org.viewerbatch.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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

	@ParameterizedTest
	@ValueSource(booleans = { false, true })
	void theSummaryTheFailureAndTheStackTraceShowControlCharactersAsEscapes(boolean verbose) {
		CommandLineRun run = verbose
				? CommandLineRun.run(CommandLineRun.EXIT_CODES, env(), "-v", "test-job", "--offline", "--outcome",
						"hostile")
				: CommandLineRun.run(CommandLineRun.EXIT_CODES, env(), "test-job", "--offline", "--outcome", "hostile");

		assertThat(run.exitCode()).isEqualTo(1);
		assertThat(run.err().replace("\n", "").replace("\t", "")).doesNotContainPattern("[\\p{Cntrl}\\u0080-\\u009f]");
		assertThat(run.err()).startsWith("rejects: /data/\\e]0;pwned\\x07.csv\nanswer \\u009b2J\\rover\n")
			.contains("test-job failed (execution ")
			.contains("): 422 from the API: \\e[2J\\e[Hcleared\n");
		if (verbose) {
			assertThat(run.err())
				.contains("java.lang.IllegalStateException: 422 from the API: \\e[2J\\e[Hcleared\n\tat ");
		}
	}

	@Test
	void aSettingThatQuotesAnEscapeSequenceIsRefusedWithTheSequenceShown() {
		CommandLineRun run = CommandLineRun.run(CommandLineRun.EXIT_CODES, env(), "test-job", "--api-url",
				"http://x\u001b]0;pwned\u0007/");

		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(run.err()).doesNotContain("\u001b").contains("not 'http://x\\e]0;pwned\\x07/'");
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
