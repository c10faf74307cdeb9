package org.viewerbatch.apply;

/**
 * The default number of rows per chunk, from the rate limit. At every chunk end the
 * workers wait for the chunk's slowest row, then for the commit: a pause that costs
 * nothing at 60 requests a minute but a lot at thousands, so a chunk holds about
 * {@link #SECONDS} seconds of requests, and never fewer rows than at the documented rate.
 * A bigger chunk costs little else: rows it had applied are not sent again when it is
 * retried or resumed, and a stop does not wait for it.
 */
public final class ChunkSizing {

	/** The chunk size at the API's documented 60 requests a minute (and below). */
	static final int MINIMUM = 20;

	/** Bounds what a chunk retry or a restart after a crash has to go over again. */
	static final int MAXIMUM = 1000;

	/**
	 * About how long one chunk's requests take at the rate limit: the pause at a chunk's
	 * end (its slowest row, then the commit, about a fifth of a second with 50 ms
	 * answers) is then about 1 % of the run.
	 */
	static final int SECONDS = 20;

	/** A typical row needs two requests (a create and an assign, or two assigns). */
	static final int REQUESTS_PER_ROW = 2;

	private ChunkSizing() {
	}

	/** The default chunk size for an import paced at this many requests a minute. */
	public static int forRate(int ratePerMinute) {
		if (ratePerMinute < 1) {
			throw new IllegalArgumentException(
					"the rate limit must be at least 1 request per minute, not " + ratePerMinute);
		}
		long rows = (long) ratePerMinute * SECONDS / 60 / REQUESTS_PER_ROW;
		return (int) Math.max(MINIMUM, Math.min(MAXIMUM, rows));
	}

}
