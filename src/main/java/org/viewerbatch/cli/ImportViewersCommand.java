package org.viewerbatch.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Placeholder for {@code import-viewers} until its job is built. */
@Command(name = "import-viewers", description = "Upsert viewers by email from a CSV file (not built yet)")
class ImportViewersCommand implements Callable<Integer> {

	@Spec
	CommandSpec spec;

	@Override
	public Integer call() {
		this.spec.commandLine().getErr().println("viewer-batch: import-viewers is not built yet");
		return ExitCodes.USAGE;
	}

}
