package org.viewerbatch.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Placeholder for {@code import-assignments} until its job is built. */
@Command(name = "import-assignments", description = "Assign or unassign one project per CSV row (not built yet)")
class ImportAssignmentsCommand implements Callable<Integer> {

	@Spec
	CommandSpec spec;

	@Override
	public Integer call() {
		this.spec.commandLine().getErr().println("viewer-batch: import-assignments is not built yet");
		return ExitCodes.USAGE;
	}

}
