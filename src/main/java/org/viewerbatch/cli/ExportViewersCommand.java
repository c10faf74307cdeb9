package org.viewerbatch.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Placeholder for {@code export-viewers} until its job is built. */
@Command(name = "export-viewers", description = "Write the workspace's viewers to CSV (not built yet)")
class ExportViewersCommand implements Callable<Integer> {

	@Spec
	CommandSpec spec;

	@Override
	public Integer call() {
		this.spec.commandLine().getErr().println("viewer-batch: export-viewers is not built yet");
		return ExitCodes.USAGE;
	}

}
