package org.viewerbatch.cli;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A wrong common option exits 2 with one line naming it and what it may be, before any
 * Spring context (and so any request) is started.
 */
class SettingChecksTest {

	private static CommandLineRun run(Map<String, String> env, String... args) {
		return CommandLineRun.run(CommandLineRun.NO_SPRING, CommandLineRun.EXIT_CODES, env, args);
	}

	private static void assertRefused(CommandLineRun run, String line) {
		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(run.err().lines().findFirst()).hasValueSatisfying((first) -> assertThat(first).contains(line));
		assertThat(run.out()).isEmpty();
	}

	@Test
	void aRateLimitBelowOneIsRefused() {
		assertRefused(run(Map.of(), "test-job", "--rate-limit", "0"),
				"--rate-limit must be at least 1 (requests per minute), not 0");
		assertRefused(run(Map.of(), "test-job", "--rate-limit", "-5"), "--rate-limit must be at least 1");
		assertRefused(run(Map.of("WEBWORK_RATE_LIMIT", "0"), "test-job"), "WEBWORK_RATE_LIMIT must be at least 1");
	}

	@Test
	void aConcurrencyOutsideOneToThirtyTwoIsRefused() {
		assertRefused(run(Map.of(), "test-job", "--concurrency", "0"),
				"--concurrency must be from 1 to 32 (requests in flight), not 0");
		assertRefused(run(Map.of(), "test-job", "--concurrency", "1000"), "--concurrency must be from 1 to 32");
	}

	@Test
	void aWorkspaceThatIsNotAPositiveNumberIsRefused() {
		assertRefused(run(Map.of(), "test-job", "--workspace", "0"),
				"--workspace must be a workspace id of 1 or more, not 0");
		assertRefused(run(Map.of(), "test-job", "--workspace", "-1"), "--workspace must be a workspace id");
		assertRefused(run(Map.of(), "test-job", "--workspace", "abc"),
				"'--workspace': must be a workspace id of 1 or more, not 'abc'");
		assertRefused(run(Map.of("WEBWORK_WORKSPACE_ID", "0"), "test-job"),
				"WEBWORK_WORKSPACE_ID must be a workspace id of 1 or more");
		assertRefused(run(Map.of("WEBWORK_WORKSPACE_ID", "abc"), "test-job"),
				"WEBWORK_WORKSPACE_ID must be a number, not 'abc'");
	}

	@Test
	void anApiUrlWithoutASchemeOrTheApiPathIsRefused() {
		assertRefused(run(Map.of(), "test-job", "--api-url", "api.webwork-tracker.com/api/v2/"),
				"--api-url must be an http or https URL ending in /api/v2/");
		assertRefused(run(Map.of(), "test-job", "--api-url", "ftp://example.com/api/v2/"),
				"--api-url must be an http or https URL");
		assertRefused(run(Map.of(), "test-job", "--api-url", "https://api.webwork-tracker.com/"),
				"not 'https://api.webwork-tracker.com/'");
		assertRefused(run(Map.of("WEBWORK_API_URL", "http://localhost:8080"), "test-job"),
				"WEBWORK_API_URL must be an http or https URL ending in /api/v2/");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			https://webwork.example/api/v2/?token=s3cr3t          | https://webwork.example/api/v2/
			https://webwork.example/api/v2/#s3cr3t                | https://webwork.example/api/v2/
			https://webwork.example/api/v2/?                      | https://webwork.example/api/v2/
			https://ops:s3cr3t@webwork.example/api/v2/            | https://webwork.example/api/v2/
			https://s3cr3t@webwork.example:8443/api/v2/           | https://webwork.example:8443/api/v2/
			https://ops:s3cr3t@webwork.example/api/v2?by=a@b      | https://webwork.example/api/v2
			http://webwork.example/api/v2/?by=a@s3cr3t            | http://webwork.example/api/v2/
			https://ops:s3 cr3t@webwork.example/api/v2/?t=s3cr3t  | https://webwork.example/api/v2/
			https://webwork.example/?token=s3cr3t                 | https://webwork.example/
			""")
	void anApiUrlWithAUserAQueryOrAFragmentIsRefusedAndShownWithoutThem(String url, String shown) {
		for (CommandLineRun run : List.of(run(Map.of(), "test-job", "--api-url", url),
				run(Map.of("WEBWORK_API_URL", url), "test-job"))) {
			assertThat(run.exitCode()).isEqualTo(2);
			assertThat(run.err()).doesNotContain("s3cr3t").contains("'" + shown + "'");
			assertThat(run.out()).isEmpty();
		}
		assertRefused(run(Map.of(), "test-job", "--api-url", url), "--api-url must not hold");
	}

	@Test
	void anApiUrlWithAUserAQueryOrAFragmentGetsOneLineSayingWhatToGive() {
		assertRefused(run(Map.of(), "test-job", "--api-url", "https://webwork.example/api/v2/?token=s3cr3t"),
				"--api-url must not hold a user name or password, a query (?...) or a fragment (#...): the URL is kept"
						+ " with the run's options; give 'https://webwork.example/api/v2/', and the token in"
						+ " --token-file or WEBWORK_API_TOKEN");
		assertRefused(run(Map.of("WEBWORK_API_URL", "https://webwork.example/api/v2/#x"), "test-job"),
				"WEBWORK_API_URL must not hold a user name or password");
	}

	@Test
	void anApiUrlWithoutItsLastSlashGetsIt() {
		ViewerBatchCommand root = new ViewerBatchCommand(Map.of(), CommandLineRun.NO_SPRING, ExitCodes.STANDARD);
		new CommandLine(root).parseArgs("--api-url", "http://localhost:8080/api/v2");
		assertThat(root.settings().properties()).containsEntry(Settings.API_URL, "http://localhost:8080/api/v2/");
	}

}
