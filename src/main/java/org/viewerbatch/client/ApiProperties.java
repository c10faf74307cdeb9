package org.viewerbatch.client;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code viewer-batch.api.*}: everything the client needs to reach the API. {@code url}
 * is the API root (e.g. {@code https://api.webwork-tracker.com/api/v2/}) and gets a
 * trailing '/' when it lacks one. The token is bound from a String through
 * {@link ApiToken#of}; it may be absent so that a context can start for commands that
 * never call the API, and any call then fails with an {@link AuthApiException}.
 *
 * @param rateLimit the API's limit, in requests per minute
 * @param concurrency API requests in flight; by default {@link #defaultConcurrency(int)
 * sized from the rate limit}
 * @param maxRetries how often the client retries a request that failed transiently
 * @param retryDelay the first retry's delay (doubled for each next one) when the API does
 * not say
 */
@ConfigurationProperties("viewer-batch.api")
public record ApiProperties(@DefaultValue("https://api.webwork-tracker.com/api/v2/") URI url, ApiToken token,
		@DefaultValue("60") int rateLimit, Integer concurrency, @DefaultValue("10s") Duration connectTimeout,
		@DefaultValue("30s") Duration readTimeout, @DefaultValue("4") int maxRetries,
		@DefaultValue("500ms") Duration retryDelay) {

	/** The default number of requests in flight at the documented rate limit. */
	public static final int DEFAULT_CONCURRENCY = 4;

	/**
	 * The most requests in flight, by default or by {@code --concurrency}: more would
	 * only wait for the rate limit.
	 */
	public static final int MAX_CONCURRENCY = 32;

	/**
	 * How long a request takes, answer and client work together, when sizing the default
	 * number in flight (an answer of 50 ms and the client's own time around it).
	 */
	static final Duration TYPICAL_REQUEST_TIME = Duration.ofMillis(120);

	public ApiProperties {
		Objects.requireNonNull(url, "the API URL is missing");
		if (!url.toString().endsWith("/")) {
			url = URI.create(url + "/");
		}
		if (rateLimit < 1) {
			throw new IllegalArgumentException(
					"the rate limit must be at least 1 request per minute, not " + rateLimit);
		}
		if (concurrency == null) {
			concurrency = defaultConcurrency(rateLimit);
		}
		if (maxRetries < 0) {
			throw new IllegalArgumentException("the number of retries cannot be negative: " + maxRetries);
		}
		Objects.requireNonNull(connectTimeout, "connectTimeout");
		Objects.requireNonNull(readTimeout, "readTimeout");
		Objects.requireNonNull(retryDelay, "retryDelay");
	}

	/**
	 * Enough requests in flight to keep the pace when an answer, with the client's own
	 * work around it, takes {@link #TYPICAL_REQUEST_TIME}: {@value #DEFAULT_CONCURRENCY}
	 * up to 2,000 requests a minute (the documented limit needs only one), 12 at 6,000,
	 * at most {@value #MAX_CONCURRENCY}. More in flight costs nothing against the limit,
	 * which the pacer keeps whatever the number.
	 */
	public static int defaultConcurrency(int rateLimit) {
		long minuteMillis = Duration.ofMinutes(1).toMillis();
		long inFlight = ((long) rateLimit * TYPICAL_REQUEST_TIME.toMillis() + minuteMillis - 1) / minuteMillis;
		return (int) Math.max(DEFAULT_CONCURRENCY, Math.min(MAX_CONCURRENCY, inFlight));
	}

}
