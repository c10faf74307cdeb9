package org.viewerbatch.cli;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import sun.misc.Signal;

import org.viewerbatch.runs.StopRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The first signal asks the run to stop; a second ends the process at once, with the
 * signal's exit code (the halt is recorded here instead of ending the test's JVM).
 */
class StopOnSignalTest {

	@Test
	void theFirstSignalRequestsTheStopAndASecondHaltsTheProcess() {
		StopRequest stop = new StopRequest();
		List<Integer> halted = new ArrayList<>();
		StopOnSignal handler = new StopOnSignal(stop, halted::add);

		handler.handle(new Signal("TERM"));

		assertThat(stop.reason()).contains("SIGTERM");
		assertThat(halted).isEmpty();

		handler.handle(new Signal("INT"));

		assertThat(halted).containsExactly(130);
		assertThat(stop.reason()).as("the first reason is kept").contains("SIGTERM");
	}

}
