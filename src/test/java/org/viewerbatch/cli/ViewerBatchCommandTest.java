package org.viewerbatch.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class ViewerBatchCommandTest {

	private CommandLineRun run(String... args) {
		StringWriter out = new StringWriter();
		StringWriter err = new StringWriter();
		ViewerBatchCommand root = new ViewerBatchCommand(Map.of(), CommandLineRun.NO_SPRING, ExitCodes.STANDARD);
		int exitCode = ViewerBatchCommand.commandLine(root, new PrintWriter(out, true), new PrintWriter(err, true))
			.execute(args);
		return new CommandLineRun(exitCode, out.toString(), err.toString());
	}

	@Test
	void helpListsEveryCommandOfTheSpecWithoutStartingSpring() {
		CommandLineRun run = run("--help");
		assertThat(run.exitCode()).isZero();
		assertThat(run.out()).contains("Usage: viewer-batch")
			.containsPattern("\n  import-viewers\\s+Upsert viewers by email from a CSV file.*\n  import-assignments ")
			.containsPattern(
					"\n  import-assignments\\s+Assign or unassign one project per CSV row.*\n  export-viewers ")
			.containsPattern("\n  export-viewers\\s+Write the workspace's viewers to CSV.*\n  undo ")
			.containsPattern("\n  undo\\s+Put the viewers a past run changed back.*\n  jobs ")
			.containsPattern("\n  jobs\\s+List recent runs.*\n  report ")
			.containsPattern("\n  report\\s+Write a past import's HTML report again.*\n  sandbox ")
			.containsPattern("\n  sandbox\\s+Run the local API simulator.*\n  demo ")
			.containsPattern("\n  demo\\s+Sandbox import and export of the samples.*\n  help ")
			.containsPattern("\n  help\\s+Display help information about the specified command.*\n\n")
			.contains("--api-url", "--token-file", "--workspace", "--rate-limit", "--concurrency", "--job-repository",
					"--verbose", "--quiet")
			.contains("Exit codes:", "4  authentication or permission refused");
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "import-viewers", "import-assignments", "export-viewers", "undo", "jobs", "report",
			"sandbox", "demo" })
	void noUrlOrPathIsBrokenAcrossLinesInAnyCommandsHelp(String command) {
		CommandLineRun run = command.isEmpty() ? run("--help") : run(command, "--help");
		assertThat(run.exitCode()).isZero();
		// every URL and home path of the help, whole on one line
		if (!command.equals("sandbox") && !command.equals("demo")) {
			assertThat(run.out()).contains("jdbc:postgresql://HOST:PORT/DATABASE", "~/.viewer-batch/");
		}
		if (!command.equals("jobs") && !command.equals("report") && !command.equals("sandbox")
				&& !command.equals("demo")) {
			assertThat(run.out()).contains("https://api.webwork-tracker.com/api/v2/");
		}
		assertThat(run.out()).contains("Exit codes:")
			.doesNotContainPattern("https?:\\s")
			.doesNotContainPattern("FILE\\.\\S*\\s+\\S*csv")
			.doesNotContainPattern("/\\n\\s+/");
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "import-viewers", "import-assignments", "export-viewers", "undo", "jobs", "report",
			"sandbox", "demo", "help" })
	void noHeadingOfAnyCommandsHelpIsEmptyAndNoExitCodeLineIsBroken(String command) {
		CommandLineRun run = command.isEmpty() ? run("--help") : run(command, "--help");
		assertThat(run.exitCode()).isZero();
		List<String> lines = run.out().lines().toList();
		for (int i = 0; i < lines.size(); i++) {
			if (lines.get(i).matches("[A-Z][A-Za-z ]*:")) {
				assertThat((i + 1 < lines.size()) ? lines.get(i + 1) : "").as("the line after " + lines.get(i))
					.isNotBlank();
			}
		}
		List<String> exitCodes = lines.subList(lines.indexOf("Exit codes:") + 1, lines.size())
			.stream()
			.takeWhile((line) -> !line.isBlank())
			.toList();
		assertThat(exitCodes).isNotEmpty().allMatch((line) -> line.startsWith("  "), "starts with 2 spaces");
	}

	@ParameterizedTest
	@ValueSource(strings = { "import-viewers", "import-assignments", "export-viewers", "undo", "jobs", "report",
			"sandbox", "demo" })
	void helpCommandPrintsTheCommandsHelp(String command) {
		CommandLineRun help = run("help", command);
		assertThat(help.exitCode()).as(help.err()).isZero();
		assertThat(help.out()).isEqualTo(run(command, "--help").out()).startsWith("Usage: viewer-batch " + command);
		assertThat(run("help").out()).isEqualTo(run("--help").out());
		CommandLineRun unknown = run("help", "import-viewer");
		assertThat(unknown.exitCode()).isEqualTo(2);
		assertThat(unknown.err()).startsWith("viewer-batch: Unknown subcommand 'import-viewer'.");
	}

	@Test
	void anOptionsNameAfterDoubleDashIsAnArgumentNotAMisplacedOption() {
		CommandLineRun sandbox = run("sandbox", "--", "--rate-limit", "5");
		assertThat(sandbox.exitCode()).isEqualTo(2);
		assertThat(sandbox.err())
			.startsWith("viewer-batch: sandbox takes no more arguments: '--rate-limit', '5' "
					+ "(after '--' no argument is an option: put options before '--')\n")
			.doesNotContain("does not use", "Possible solutions");
		CommandLineRun jobs = run("jobs", "--", "--rate-limit=5");
		assertThat(jobs.exitCode()).isEqualTo(2);
		assertThat(jobs.err()).doesNotContain("does not use");
		CommandLineRun misplaced = run("jobs", "--rate-limit", "5", "--", "7");
		assertThat(misplaced.err()).startsWith("viewer-batch: jobs does not use --rate-limit\n");
	}

	@Test
	void aCommandsHelpShowsItsOwnAndTheCommonOptions() {
		CommandLineRun run = run("jobs", "--help");
		assertThat(run.exitCode()).isZero();
		assertThat(run.out()).contains("Usage: viewer-batch jobs", "--limit=N", "--job-repository");
	}

	@Test
	void commonOptionsAreAcceptedBeforeAndAfterTheCommandName() {
		assertThat(run("--workspace", "5", "export-viewers", "--help").exitCode()).isZero();
		assertThat(run("export-viewers", "--workspace", "5", "--help").exitCode()).isZero();
	}

	@ParameterizedTest
	@CsvSource({ "jobs,--job-repository,--api-url --token-file --workspace --rate-limit --concurrency",
			"report,--job-repository,--api-url --token-file --workspace --rate-limit --concurrency",
			"sandbox,--rate-limit,--api-url --token-file --workspace --concurrency --job-repository",
			"demo,--quiet,--api-url --token-file --workspace --rate-limit --concurrency --job-repository" })
	void aCommandWithoutTheApiShowsOnlyTheOptionsThatApply(String command, String kept, String dropped) {
		CommandLineRun help = run(command, "--help");
		assertThat(help.exitCode()).isZero();
		assertThat(help.out()).contains(kept, "--verbose", "--help");
		for (String option : dropped.split(" ")) {
			assertThat(help.out()).doesNotContain(option + "=");
		}
		// after the command name such an option is an error, not silently ignored; before
		// it, it belongs to viewer-batch and is accepted
		CommandLineRun misplaced = run(command, "--workspace", "5");
		assertThat(misplaced.exitCode()).isEqualTo(2);
		assertThat(misplaced.err()).startsWith("viewer-batch: " + command + " does not use --workspace\n");
		assertThat(run("--workspace", "5", command, "--help").exitCode()).isZero();
	}

	@Test
	void anUnknownOptionExitsTwoWithAShortHintNotTheWholeUsage() {
		CommandLineRun run = run("jobs", "--limt", "3");
		assertThat(run.exitCode()).isEqualTo(2);
		// 3 is taken for the EXECUTION_ID of jobs
		assertThat(run.err()).startsWith("viewer-batch: Unknown option: '--limt'\n")
			.contains("Possible solutions: --limit")
			.contains("Try 'viewer-batch jobs --help' for more information.")
			.doesNotContain("Usage:")
			.doesNotContain("\tat ");
	}

	@Test
	void aMalformedValueExitsTwo() {
		CommandLineRun run = run("--workspace", "one", "jobs");
		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(run.err()).contains("--workspace").contains("'one'");
	}

	@Test
	void noCommandPrintsTheUsageAsAUsageError() {
		CommandLineRun run = run();
		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(run.err()).contains("Usage: viewer-batch");
	}

	@Test
	void versionPrintsTheName() {
		CommandLineRun run = run("--version");
		assertThat(run.exitCode()).isZero();
		assertThat(run.out()).startsWith("viewer-batch ");
	}

	@Test
	void verboseAndQuietTogetherAreAUsageError() {
		CommandLineRun run = run("jobs", "-v", "-q");
		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(run.err()).isEqualTo("viewer-batch: --verbose and --quiet exclude each other\n");
	}

}
