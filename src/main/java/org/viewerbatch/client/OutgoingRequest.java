package org.viewerbatch.client;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.http.HttpMethod;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * One request to send: method, path below the API root, query parameters and an optional
 * JSON body.
 */
record OutgoingRequest(HttpMethod method, String path, Map<String, Object> query, Map<String, Object> body) {

	static OutgoingRequest get(String path, Map<String, Object> query) {
		return new OutgoingRequest(HttpMethod.GET, path, query, null);
	}

	static OutgoingRequest withBody(HttpMethod method, String path, Map<String, Object> body) {
		return new OutgoingRequest(method, path, Map.of(), body);
	}

	OutgoingRequest page(int page, int perPage) {
		Map<String, Object> paged = new LinkedHashMap<>(this.query);
		paged.put("page", page);
		paged.put("per_page", perPage);
		return new OutgoingRequest(this.method, this.path, paged, this.body);
	}

	/**
	 * {@code POST /project-viewers}: what exception messages name (no host, no query).
	 */
	String describe() {
		return this.method.name() + " /" + this.path;
	}

	URI uri(URI root) {
		UriComponentsBuilder builder = UriComponentsBuilder.fromUri(root).path(this.path);
		// values go in as template variables so that they are fully encoded ('+' in an
		// email becomes %2B)
		this.query.keySet().forEach(name -> builder.queryParam(name, "{" + name + "}"));
		return builder.encode().buildAndExpand(this.query).toUri();
	}

}
