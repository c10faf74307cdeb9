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
 * @param concurrency API requests in flight
 * @param maxRetries how often the client retries a request that failed transiently
 * @param retryDelay the first retry's delay (doubled for each next one) when the API does
 * not say
 */
@ConfigurationProperties("viewer-batch.api")
public record ApiProperties(@DefaultValue("https://api.webwork-tracker.com/api/v2/") URI url, ApiToken token,
		@DefaultValue("60") int rateLimit, @DefaultValue("4") int concurrency,
		@DefaultValue("10s") Duration connectTimeout, @DefaultValue("30s") Duration readTimeout,
		@DefaultValue("4") int maxRetries, @DefaultValue("500ms") Duration retryDelay) {

	public ApiProperties {
		Objects.requireNonNull(url, "the API URL is missing");
		if (!url.toString().endsWith("/")) {
			url = URI.create(url + "/");
		}
		if (rateLimit < 1) {
			throw new IllegalArgumentException(
					"the rate limit must be at least 1 request per minute, not " + rateLimit);
		}
		if (maxRetries < 0) {
			throw new IllegalArgumentException("the number of retries cannot be negative: " + maxRetries);
		}
		Objects.requireNonNull(connectTimeout, "connectTimeout");
		Objects.requireNonNull(readTimeout, "readTimeout");
		Objects.requireNonNull(retryDelay, "retryDelay");
	}

}
