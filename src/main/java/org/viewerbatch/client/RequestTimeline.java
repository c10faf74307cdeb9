package org.viewerbatch.client;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The requests of one run by the minute, counted as they come: every request let through,
 * the 429 answers, and the failures that are retried (5xx, 429, no answer). Minute 0
 * starts when the run does ({@link RequestPacer#startTimeline}); what came before is
 * another run's. One counter per minute, so a long run costs no more than its minutes.
 */
public final class RequestTimeline {

	private static final int SENT = 0;

	private static final int RATE_LIMITED = 1;

	private static final int RETRIED = 2;

	private final Instant start;

	// guarded by this: the counts of each minute so far
	private final List<int[]> minutes = new ArrayList<>();

	RequestTimeline(Instant start) {
		this.start = start;
	}

	synchronized void sent(Instant at) {
		count(at, SENT);
	}

	synchronized void rateLimited(Instant at) {
		count(at, RATE_LIMITED);
	}

	synchronized void retried(Instant at) {
		count(at, RETRIED);
	}

	private void count(Instant at, int kind) {
		int minute = (int) Math.max(0, Duration.between(this.start, at).toMillis() / 60_000);
		while (this.minutes.size() <= minute) {
			this.minutes.add(new int[3]);
		}
		this.minutes.get(minute)[kind]++;
	}

	/**
	 * The minutes from the start to {@code end}; minutes without a request are there,
	 * with zeros (a pause shows as a gap).
	 */
	public synchronized List<Minute> minutes(Instant end) {
		int count = (int) Math.max(1, (Duration.between(this.start, end).toMillis() + 59_999) / 60_000);
		List<Minute> result = new ArrayList<>();
		for (int i = 0; i < Math.max(count, this.minutes.size()); i++) {
			int[] m = (i < this.minutes.size()) ? this.minutes.get(i) : new int[3];
			result.add(new Minute(m[SENT], m[RATE_LIMITED], m[RETRIED]));
		}
		return result;
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
