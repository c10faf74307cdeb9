package org.viewerbatch.client;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything the client needs to reach the API; {@code url} is the API root (e.g.
 * {@code https://api.webwork-tracker.com/api/v2/}) and gets a trailing '/' when it lacks
 * one. A {@code null} token is allowed so that a context can start for commands that
 * never call the API; any call then fails with an {@link AuthApiException}.
 */
public record ApiSettings(URI url, ApiToken token, int rateLimitPerMinute, Duration connectTimeout,
		Duration readTimeout, int maxRetries, Duration retryDelay) {

	public ApiSettings {
		Objects.requireNonNull(url, "the API URL is missing");
		if (!url.toString().endsWith("/")) {
			url = URI.create(url + "/");
		}
		if (rateLimitPerMinute < 1) {
			throw new IllegalArgumentException(
					"the rate limit must be at least 1 request per minute, not " + rateLimitPerMinute);
		}
		if (maxRetries < 0) {
			throw new IllegalArgumentException("the number of retries cannot be negative: " + maxRetries);
		}
		Objects.requireNonNull(connectTimeout, "connectTimeout");
		Objects.requireNonNull(readTimeout, "readTimeout");
		Objects.requireNonNull(retryDelay, "retryDelay");
	}

}
