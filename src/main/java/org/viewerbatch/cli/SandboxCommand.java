package org.viewerbatch.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import org.viewerbatch.sandbox.FaultPlan;
import org.viewerbatch.sandbox.Quirks;
import org.viewerbatch.sandbox.Sandbox;
import org.viewerbatch.sandbox.SandboxOptions;
import org.viewerbatch.sandbox.Seed;

/**
 * {@code viewer-batch sandbox}: the API simulator in the foreground, until Ctrl-C. No
 * Spring context.
 */
@Command(name = "sandbox", description = "Run the local API simulator in the foreground", footerHeading = "%n",
		footer = { "The common --rate-limit N sets the simulator's limit per token and minute (default 60).",
				"Prints the API URL and the token on stdout; stop it with Ctrl-C.", "", "Exit codes:",
				"  130  stopped with Ctrl-C (the shell's code for SIGINT)", "  1    the port cannot be used",
				"  2    bad option" })
class SandboxCommand implements Callable<Integer> {

	@Option(names = "--port", paramLabel = "N", defaultValue = "8080",
			description = "Port on 127.0.0.1 (default ${DEFAULT-VALUE}; 0 = any free port).")
	int port;

	@Option(names = "--latency", paramLabel = "MS", defaultValue = "0",
			description = "Added latency per request in milliseconds (default ${DEFAULT-VALUE}).")
	long latencyMillis;

	@Option(names = "--list-lag", paramLabel = "MS", defaultValue = "0",
			description = "A viewer written shows so in the list and its email filter only this many milliseconds later,"
					+ " as from a replica (default ${DEFAULT-VALUE}); GET /project-viewers/{id} is current at once.")
	long listLagMillis;

	@Option(names = "--seed", paramLabel = "FILE",
			description = "JSON seed file (default: workspace 1, token sandbox-token, projects 101-110).")
	Path seed;

	@Option(names = "--faults", paramLabel = "SPEC",
			description = "Fault plan, e.g. \"request:5=reset;every:10=503;email:a@b.c=500-after-commit;latency:200\""
					+ " (faults: a status, STATUS/RETRY-AFTER-SECONDS, 500-after-commit, reset, delay:MS, stall:MS).")
	String faults;

	@Option(names = "--quirks", paramLabel = "LIST",
			description = "Other plausible API behaviours: repeats-are-no-ops, duplicate-as-422, string-ids, no-pagination, hide-archived.")
	String quirks;

	@ParentCommand
	ViewerBatchCommand root;

	@Spec
	CommandSpec spec;

	@Override
	public Integer call() {
		CommonOptions common = this.root.common;
		StandaloneLogging.initialize(common.verbose, common.quiet);
		SandboxOptions options = options(common);
		PrintWriter out = this.spec.commandLine().getOut();
		try (Sandbox sandbox = Sandbox.start(options)) {
			// Ctrl-C ends the JVM without interrupting this thread: the hook stops the
			// server
			Thread hook = new Thread(sandbox::close, "sandbox-shutdown");
			Runtime.getRuntime().addShutdownHook(hook);
			out.println("API URL: " + sandbox.apiUrl());
			out.println("Token:   " + sandbox.token());
			out.flush();
			this.spec.commandLine().getErr().println("Sandbox running; stop it with Ctrl-C.");
			waitUntilInterrupted();
			Runtime.getRuntime().removeShutdownHook(hook);
		}
		return ExitCodes.OK;
	}

	private SandboxOptions options(CommonOptions common) {
		SandboxOptions options = SandboxOptions.defaults()
			.withPort(this.port)
			.withLatency(Duration.ofMillis(this.latencyMillis))
			.withListLag(Duration.ofMillis(this.listLagMillis));
		if (common.rateLimit != null) {
			options = options.withRateLimit(common.rateLimit);
		}
		if (this.seed != null) {
			options = options.withSeed(Seed.read(this.seed));
		}
		if (this.faults != null) {
			options = options.withFaultPlan(FaultPlan.parse(this.faults));
		}
		if (this.quirks != null) {
			options = options.withQuirks(Quirks.parse(this.quirks));
		}
		return options;
	}

	private static void waitUntilInterrupted() {
		try {
			new CountDownLatch(1).await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
