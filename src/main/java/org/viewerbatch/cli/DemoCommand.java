package org.viewerbatch.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Placeholder for {@code demo} until its job is built. */
@Command(name = "demo", description = "Sandbox import and export of the samples (not built yet)")
class DemoCommand implements Callable<Integer> {

	@Spec
	CommandSpec spec;

	@Override
	public Integer call() {
		this.spec.commandLine().getErr().println("viewer-batch: demo is not built yet");
		return ExitCodes.USAGE;
	}

}
