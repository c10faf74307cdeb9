package org.viewerbatch.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

import org.viewerbatch.ViewerBatchApplication;
import org.viewerbatch.terminal.TerminalText;

/**
 * The {@code viewer-batch} command line: parses the arguments, runs one command, returns
 * its exit code.
 */
@Command(name = "viewer-batch", mixinStandardHelpOptions = true, scope = ScopeType.INHERIT,
		versionProvider = ViewerBatchCommand.Version.class, sortOptions = false, usageHelpAutoWidth = true,
		description = "Manage the project viewers of a WebWork Tracker workspace in bulk: CSV imports, exports, migrations.",
		subcommands = { ImportViewersCommand.class, ImportAssignmentsCommand.class, ExportViewersCommand.class,
				UndoCommand.class, JobsCommand.class, ReportCommand.class, SandboxCommand.class, DemoCommand.class,
				HelpCommand.class },
		footerHeading = "%nExit codes:%n",
		footer = { "  0  everything applied / exported",
				"  1  failed or stopped part-way (SIGTERM/SIGINT): the same command resumes",
				"     an import, and runs an export again from the start",
				"  2  usage, configuration or input-file error found before any write was sent",
				"  3  the run completed, but some rows were rejected (see the rejects file)",
				"  4  authentication or permission refused (401/403)" })
public final class ViewerBatchCommand implements Callable<Integer> {

	@Mixin
	CommonOptions common;

	@Spec
	CommandSpec spec;

	private final Map<String, String> env;

	private final BatchContext context;

	private final ExitCodes exitCodes;

	ViewerBatchCommand(Map<String, String> env, BatchContext context, ExitCodes exitCodes) {
		this.env = env;
		this.context = context;
		this.exitCodes = exitCodes;
	}

	/**
	 * Runs the command line {@code args} and returns the exit code; {@code env} stands
	 * for the process environment.
	 */
	public static int execute(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
		return execute(args, env, out, err, new Class<?>[0]);
	}

	/**
	 * For tests only: as {@link #execute(String[], Map, PrintStream, PrintStream)}, with
	 * {@code testSources} (configuration classes, e.g. a fake clock's beans) added to the
	 * Spring context of the run.
	 */
	public static int execute(String[] args, Map<String, String> env, PrintStream out, PrintStream err,
			Class<?>... testSources) {
		PrintWriter outWriter = new PrintWriter(out, true, Charset.defaultCharset());
		PrintWriter errWriter = new PrintWriter(err, true, Charset.defaultCharset());
		Class<?>[] sources = new Class<?>[testSources.length + 1];
		sources[0] = ViewerBatchApplication.class;
		System.arraycopy(testSources, 0, sources, 1, testSources.length);
		ViewerBatchCommand root = new ViewerBatchCommand(env, new BatchContext(sources), ExitCodes.STANDARD);
		try {
			return commandLine(root, outWriter, errWriter).execute(args);
		}
		finally {
			outWriter.flush();
			errWriter.flush();
		}
	}

	/**
	 * The command line for {@code root} (plus {@code moreCommands}, for tests), with its
	 * error handling: a usage error exits 2, any other error 1.
	 */
	static CommandLine commandLine(ViewerBatchCommand root, PrintWriter out, PrintWriter err, Object... moreCommands) {
		CommandLine commandLine = new CommandLine(root);
		for (Object command : moreCommands) {
			commandLine.addSubcommand(command);
		}
		CommonOptions.keepOnly(commandLine.getSubcommands().get("jobs").getCommandSpec(), Set.of("--job-repository"));
		CommonOptions.keepOnly(commandLine.getSubcommands().get("report").getCommandSpec(), Set.of("--job-repository"));
		CommonOptions.keepOnly(commandLine.getSubcommands().get("sandbox").getCommandSpec(), Set.of("--rate-limit"));
		CommonOptions.keepOnly(commandLine.getSubcommands().get("demo").getCommandSpec(), Set.of());
		CommonOptions.keepOnly(commandLine.getSubcommands().get("help").getCommandSpec(), Set.of());
		return commandLine.setOut(out)
			.setErr(err)
			.setParameterExceptionHandler(ViewerBatchCommand::usageError)
			.setExecutionExceptionHandler((ex, cmd, parsed) -> Failures.report(ex, cmd.getCommandName(), cmd.getErr(),
					root.common.verbose, root.exitCodes));
	}

	/** Without a command: the usage on stderr, as a usage error. */
	@Override
	public Integer call() {
		this.spec.commandLine().usage(this.spec.commandLine().getErr());
		return ExitCodes.USAGE;
	}

	Map<String, String> env() {
		return this.env;
	}

	BatchContext context() {
		return this.context;
	}

	ExitCodes exitCodes() {
		return this.exitCodes;
	}

	Settings settings() {
		return this.common.settings(this.env);
	}

	/**
	 * A short message and a hint instead of the whole usage text: the usage can be longer
	 * than a screen.
	 */
	private static int usageError(ParameterException ex, String[] args) {
		CommandLine command = ex.getCommandLine();
		PrintWriter err = command.getErr();
		List<String> options = beforeEndOfOptions(args);
		Optional<String> misplaced = (ex instanceof UnmatchedArgumentException unmatched)
				? CommonOptions.runOption(unmatched.getUnmatched()).filter((option) -> isGiven(option, options))
				: Optional.empty();
		List<String> afterEnd = (ex instanceof UnmatchedArgumentException unmatched)
				? unmatched.getUnmatched().stream().filter((arg) -> !options.contains(arg)).toList() : List.of();
		if (misplaced.isPresent()) {
			err.println("viewer-batch: " + command.getCommandName() + " does not use " + misplaced.get());
		}
		else if (!afterEnd.isEmpty()) {
			// picocli calls them unknown options, and suggests the very option given
			err.println("viewer-batch: " + command.getCommandName() + " takes no more arguments: "
					+ afterEnd.stream().map((arg) -> "'" + arg + "'").collect(Collectors.joining(", "))
					+ " (after '--' no argument is an option: put options before '--')");
		}
		else {
			err.println("viewer-batch: " + TerminalText.visible(ex.getMessage()));
			UnmatchedArgumentException.printSuggestions(ex, err);
		}
		err.println("Try '" + command.getCommandSpec().qualifiedName() + " --help' for more information.");
		return ExitCodes.USAGE;
	}

	/**
	 * The arguments before {@code --}, the only ones that can be options: after it an
	 * option's name is a value.
	 */
	private static List<String> beforeEndOfOptions(String[] args) {
		List<String> all = Arrays.asList(args);
		int end = all.indexOf("--");
		return (end < 0) ? all : all.subList(0, end);
	}

	/**
	 * Whether {@code option} is among {@code args}, alone or as {@code --option=value}.
	 */
	private static boolean isGiven(String option, List<String> args) {
		return args.stream().anyMatch((arg) -> arg.equals(option) || arg.startsWith(option + "="));
	}

	/** The version from the jar manifest. */
	static final class Version implements IVersionProvider {

		@Override
		public String[] getVersion() {
			String version = ViewerBatchCommand.class.getPackage().getImplementationVersion();
			return new String[] { "viewer-batch " + ((version != null) ? version : "(development build)") };
		}

	}

}
