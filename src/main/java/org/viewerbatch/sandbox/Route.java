package org.viewerbatch.sandbox;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The API's endpoints, matched on the path relative to {@code /api/v2}.
 */
enum Route {

	LIST_VIEWERS("GET", "/project-viewers"), CREATE_VIEWER("POST", "/project-viewers"),
	GET_VIEWER("GET", "/project-viewers/(\\d{1,18})"), DELETE_VIEWER("DELETE", "/project-viewers/(\\d{1,18})"),
	RESTORE_VIEWER("POST", "/project-viewers/(\\d{1,18})/restore"),
	ASSIGN_PROJECT("POST", "/project-viewers/(\\d{1,18})/assign-project"),
	UNASSIGN_PROJECT("DELETE", "/project-viewers/(\\d{1,18})/unassign-project"), LIST_PROJECTS("GET", "/projects"),
	LIST_WORKSPACES("GET", "/workspaces");

	private final String method;

	private final Pattern path;

	Route(String method, String path) {
		this.method = method;
		this.path = Pattern.compile(path);
	}

	/** The route and the viewer id in its path (null when it has none). */
	record Match(Route route, Long viewerId) {
	}

	/** Finds the route, or fails with Laravel's 404 / 405 answers. */
	static Match resolve(String method, String path) {
		List<String> allowed = new ArrayList<>();
		String trimmed = path.endsWith("/") && path.length() > 1 ? path.substring(0, path.length() - 1) : path;
		for (Route route : values()) {
			Matcher matcher = route.path.matcher(trimmed);
			if (matcher.matches()) {
				if (route.method.equals(method)) {
					Long viewerId = matcher.groupCount() > 0 ? Long.valueOf(matcher.group(1)) : null;
					return new Match(route, viewerId);
				}
				allowed.add(route.method);
			}
		}
		if (allowed.isEmpty()) {
			throw new ApiError(404, "The route api/v2" + trimmed + " could not be found.");
		}
		throw new ApiError(405, "The " + method + " method is not supported for route api/v2" + trimmed
				+ ". Supported methods: " + String.join(", ", allowed) + ".");
	}

}
