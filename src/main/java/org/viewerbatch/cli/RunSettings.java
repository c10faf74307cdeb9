package org.viewerbatch.cli;

import java.net.URI;

import org.springframework.core.env.Environment;

/**
 * The effective settings of a run (flag, else env, else {@code application.yml}), for the
 * job parameters. Holds no secret.
 *
 * @param apiUrl the API base URL
 * @param workspaceId the workspace, {@code null} when none is configured
 * @param rateLimit API requests per minute
 * @param concurrency API requests in flight
 * @param verbose {@code -v} was given
 * @param quiet {@code -q} was given
 */
record RunSettings(URI apiUrl, Long workspaceId, int rateLimit, int concurrency, boolean verbose, boolean quiet) {

	static RunSettings from(Environment environment, Settings settings) {
		String url = environment.getProperty(Settings.API_URL);
		return new RunSettings((url != null) ? URI.create(url) : null,
				environment.getProperty(Settings.WORKSPACE, Long.class),
				environment.getProperty(Settings.RATE_LIMIT, Integer.class, 60),
				environment.getProperty(Settings.CONCURRENCY, Integer.class, 4), settings.verbose(), settings.quiet());
	}

}
