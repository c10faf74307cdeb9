package org.viewerbatch.client;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code viewer-batch.api.*}: where the API is, the token (bound from a String through
 * {@link ApiToken#of}), the pace and how hard to try. The token may be absent for
 * commands that never call the API.
 */
@ConfigurationProperties("viewer-batch.api")
public record ApiProperties(@DefaultValue("https://api.webwork-tracker.com/api/v2/") URI url, ApiToken token,
		@DefaultValue("60") int rateLimit, @DefaultValue("4") int concurrency,
		@DefaultValue("10s") Duration connectTimeout, @DefaultValue("30s") Duration readTimeout,
		@DefaultValue("4") int maxRetries, @DefaultValue("500ms") Duration retryDelay) {

	/** The settings the client is built from. */
	public ApiSettings settings() {
		return new ApiSettings(this.url, this.token, this.rateLimit, this.connectTimeout, this.readTimeout,
				this.maxRetries, this.retryDelay);
	}

}
