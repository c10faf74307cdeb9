package org.viewerbatch.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.Test;
import sun.misc.Signal;

import org.viewerbatch.runs.StopRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The first signal asks the run to stop; a second records the run as ended and ends the
 * process at once with exit 1 and one line (the halt is recorded here instead of ending
 * the test's JVM).
 */
class StopOnSignalTest {

	@Test
	void theFirstSignalRequestsTheStopAndASecondRecordsTheRunAndHaltsWithExit1() {
		StopRequest stop = new StopRequest();
		List<Integer> halted = new ArrayList<>();
		List<String> recorded = new ArrayList<>();
		StringWriter err = new StringWriter();
		StopOnSignal handler = new StopOnSignal(stop, new PrintWriter(err), () -> recorded.add("ended"), halted::add);

		handler.handle(new Signal("TERM"));

		assertThat(stop.reason()).contains("SIGTERM");
		assertThat(halted).isEmpty();
		assertThat(recorded).isEmpty();
		assertThat(err.toString()).isEmpty();

		handler.handle(new Signal("INT"));

		assertThat(recorded).containsExactly("ended");
		assertThat(halted).containsExactly(1);
		assertThat(err.toString().lines()).singleElement()
			.asString()
			.startsWith("viewer-batch: SIGINT again: ended at once, the run recorded as failed");
		assertThat(stop.reason()).as("the first reason is kept").contains("SIGTERM");
	}

	@Test
	void aHangupStopsTheRunLikeATerm() {
		StopRequest stop = new StopRequest();
		StopOnSignal handler = new StopOnSignal(stop, new PrintWriter(new StringWriter()), () -> {
		}, code -> {
		});

		handler.handle(new Signal("HUP"));

		assertThat(stop.reason()).contains("SIGHUP");
	}

	@Test
	void aSecondSignalDoesNotWaitLongerThanItsLimitForTheRecord() {
		CountDownLatch never = new CountDownLatch(1);
		List<Integer> halted = new ArrayList<>();
		StringWriter err = new StringWriter();
		StopOnSignal handler = new StopOnSignal(new StopRequest(), new PrintWriter(err), () -> {
			try {
				never.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}, halted::add);
		handler.handle(new Signal("TERM"));

		handler.handle(new Signal("TERM"));

		assertThat(halted).containsExactly(1);
		assertThat(err.toString()).contains("not recorded as ended (the next run does it)");
	}

}
