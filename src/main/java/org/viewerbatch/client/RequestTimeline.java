package org.viewerbatch.client;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * When the requests of the process went: every request let through, the 429 answers and
 * the failures that are retried (5xx, 429, no answer), in the order they came. Read back
 * as minutes of a run from its {@link #mark}, for the run report's chart.
 */
public final class RequestTimeline {

	private static final int SENT = 0;

	private static final int RATE_LIMITED = 1;

	private static final int RETRIED = 2;

	// guarded by this
	private final List<Event> events = new ArrayList<>();

	synchronized void sent(Instant at) {
		this.events.add(new Event(at, SENT));
	}

	synchronized void rateLimited(Instant at) {
		this.events.add(new Event(at, RATE_LIMITED));
	}

	synchronized void retried(Instant at) {
		this.events.add(new Event(at, RETRIED));
	}

	/** Where a run begins: it counts only what comes after. */
	public synchronized int mark() {
		return this.events.size();
	}

	/**
	 * The minutes of a run that began at {@code mark} and {@code start} and lasted until
	 * {@code end}: minute 0 starts at {@code start}; minutes without a request are there,
	 * with zeros (a pause shows as a gap).
	 */
	public synchronized List<Minute> minutes(int mark, Instant start, Instant end) {
		int count = (int) Math.max(1, (Duration.between(start, end).toMillis() + 59_999) / 60_000);
		int[][] minutes = new int[count][3];
		for (Event event : this.events.subList(mark, this.events.size())) {
			long minute = Duration.between(start, event.at()).toMillis() / 60_000;
			minutes[(int) Math.max(0, Math.min(count - 1, minute))][event.kind()]++;
		}
		return Arrays.stream(minutes).map((m) -> new Minute(m[SENT], m[RATE_LIMITED], m[RETRIED])).toList();
	}

	private record Event(Instant at, int kind) {
	}

	/**
	 * One minute of requests: all of them, the 429s among them, and the failures among
	 * them that are retried (the 429s too).
	 */
	public record Minute(int requests, int rateLimited, int retries) {

		/** {@code 58/1/2 60/0/0 …}: how an ExecutionContext keeps a list of them. */
		public static String format(List<Minute> minutes) {
			return String.join(" ",
					minutes.stream().map((m) -> m.requests + "/" + m.rateLimited + "/" + m.retries).toList());
		}

		/** The minutes {@link #format} wrote; none for an empty or blank text. */
		public static List<Minute> parse(String text) {
			if (text == null || text.isBlank()) {
				return List.of();
			}
			return Arrays.stream(text.trim().split(" ")).map((minute) -> {
				String[] counts = minute.split("/");
				return new Minute(Integer.parseInt(counts[0]), Integer.parseInt(counts[1]),
						Integer.parseInt(counts[2]));
			}).toList();
		}

	}

}
