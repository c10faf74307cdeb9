package org.viewerbatch.imports;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

import org.viewerbatch.ledger.Outcome;

/**
 * The lines an import's summary is made of, the same whether the run completed or stopped
 * part-way.
 */
final class ImportSummary {

	private ImportSummary() {
	}

	/**
	 * {@code 29 rows: created 3, restored 0, ...}: the rows not accounted for are
	 * {@code failed}, or in a run that stopped {@code not finished}.
	 */
	static String counts(ImportTally tally, long rows, boolean finished) {
		long failed = Math.max(0, rows - tally.rows());
		// a finished roster sync has rows of its own for the viewers the file leaves out
		long added = finished ? Math.max(0, tally.rows() - rows) : 0;
		StringBuilder text = new StringBuilder(
				rows + " rows" + ((added > 0) ? " and " + added + " active viewers the roster leaves out" : "") + ":");
		for (Outcome outcome : Outcome.values()) {
			long count = (outcome == Outcome.FAILED) ? failed : tally.count(outcome);
			String label = (outcome == Outcome.FAILED && !finished) ? "not finished" : outcome.label();
			text.append((outcome == Outcome.CREATED) ? " " : ", ").append(label).append(' ').append(count);
		}
		return text.toString();
	}

	static String requests(long sent, long rateLimited, Duration duration) {
		return "requests sent " + sent + " (429 answers: " + rateLimited + "), duration " + format(duration);
	}

	/**
	 * What the real run will cost: the snapshot's pages again plus every planned call, at
	 * the rate limit.
	 */
	static List<String> plan(ImportTally tally, long snapshotRequests, int rateLimit) {
		long needed = snapshotRequests + tally.requests();
		Duration time = Duration.ofMillis(needed * 60_000 / Math.max(1, rateLimit));
		return List.of("the real run needs " + needed + " requests (" + snapshotRequests + " to read the workspace, "
				+ tally.requests() + " for the rows): about " + format(time) + " at " + rateLimit + "/min");
	}

	static String format(Duration duration) {
		long seconds = duration.toSeconds();
		if (seconds < 60) {
			return String.format(Locale.ROOT, "%d.%ds", seconds, duration.toMillisPart() / 100);
		}
		if (seconds < 3600) {
			return String.format(Locale.ROOT, "%dm %02ds", seconds / 60, seconds % 60);
		}
		return String.format(Locale.ROOT, "%dh %02dm", seconds / 3600, (seconds % 3600) / 60);
	}

}
