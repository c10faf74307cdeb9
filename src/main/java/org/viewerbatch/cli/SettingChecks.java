package org.viewerbatch.cli;

import java.net.URI;
import java.net.URISyntaxException;

import org.viewerbatch.client.ApiProperties;

/**
 * The allowed values of the common options, checked before any request so that a wrong
 * one is refused in one line that names the option and what it may be.
 */
final class SettingChecks {

	private static final String API_PATH = "/api/v2/";

	private SettingChecks() {
	}

	static long rateLimit(String option, long perMinute) {
		if (perMinute < 1) {
			throw new ConfigurationException(option + " must be at least 1 (requests per minute), not " + perMinute);
		}
		return perMinute;
	}

	static int concurrency(int inFlight) {
		if (inFlight < 1 || inFlight > ApiProperties.MAX_CONCURRENCY) {
			throw new ConfigurationException("--concurrency must be from 1 to " + ApiProperties.MAX_CONCURRENCY
					+ " (requests in flight), not " + inFlight);
		}
		return inFlight;
	}

	static long workspace(String option, long id) {
		if (id < 1) {
			throw new ConfigurationException(option + " must be a workspace id of 1 or more, not " + id);
		}
		return id;
	}

	/**
	 * An API URL must be {@code http} or {@code https} and end in {@code /api/v2/}; one
	 * that ends in {@code /api/v2} gets its slash. A user name, password, query or
	 * fragment is refused: the URL is kept with the run's options, and a secret has no
	 * place there.
	 */
	static String apiUrl(String option, String url) {
		String shown = withoutSecrets(url);
		if (!shown.equals(url.trim())) {
			throw new ConfigurationException(option + " must not hold a user name or password, a query (?...) or a"
					+ " fragment (#...): the URL is kept with the run's options; give '" + shown
					+ "', and the token in --token-file or WEBWORK_API_TOKEN");
		}
		String expected = option + " must be an http or https URL ending in " + API_PATH
				+ " (like https://api.webwork-tracker.com/api/v2/), not '" + shown + "'";
		URI uri;
		try {
			uri = new URI(shown);
		}
		catch (URISyntaxException ex) {
			throw new ConfigurationException(expected);
		}
		String scheme = uri.getScheme();
		if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
				|| uri.getHost() == null || uri.getRawPath() == null) {
			throw new ConfigurationException(expected);
		}
		String path = uri.getRawPath();
		if (path.endsWith(API_PATH)) {
			return shown;
		}
		if ((path + "/").endsWith(API_PATH)) {
			return shown + "/";
		}
		throw new ConfigurationException(expected);
	}

	/**
	 * The URL trimmed and without what may hold a secret: the user info (up to the
	 * {@code @} in the authority, which ends at the first {@code / ? #}), the query and
	 * the fragment.
	 */
	private static String withoutSecrets(String url) {
		return url.trim().replaceFirst("(?s)^([^/?#]*//)[^/?#]*@", "$1").replaceFirst("(?s)[?#].*", "");
	}

}
