package org.viewerbatch.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A bare JDK HTTP client for the sandbox tests, independent of the project's own API
 * client.
 */
final class Http {

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private final HttpClient client = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private final URI apiUrl;

	private final String token;

	Http(URI apiUrl, String token) {
		this.apiUrl = apiUrl;
		this.token = token;
	}

	Http(Sandbox sandbox) {
		this(sandbox.apiUrl(), sandbox.token());
	}

	Http withToken(String other) {
		return new Http(this.apiUrl, other);
	}

	Answer get(String pathAndQuery) {
		return send("GET", pathAndQuery, null);
	}

	Answer post(String path, String json) {
		return send("POST", path, json);
	}

	Answer delete(String path, String json) {
		return send("DELETE", path, json);
	}

	/**
	 * Sends a request; {@code path} is relative to the API URL
	 * ("project-viewers?workspace_id=1").
	 */
	Answer send(String method, String path, String json) {
		HttpRequest.Builder request = HttpRequest.newBuilder(this.apiUrl.resolve(path)).timeout(Duration.ofSeconds(10));
		if (this.token != null) {
			request.header("Authorization", "Bearer " + this.token);
		}
		if (json != null) {
			request.header("Content-Type", "application/json");
		}
		request.method(method,
				json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
		try {
			HttpResponse<String> response = this.client.send(request.build(), HttpResponse.BodyHandlers.ofString());
			return new Answer(response.statusCode(), MAPPER.readTree(response.body()), response.headers());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** Sends a raw request to the server root (for the {@code /__sandbox} paths). */
	static Answer root(Sandbox sandbox, String method, String path) {
		return new Http(sandbox.apiUrl().resolve("/"), null).send(method, path.substring(1), null);
	}

	Answer create(String email, String first, String last) {
		return post("project-viewers", "{\"workspace_id\":1,\"email\":\"" + email + "\",\"firstname\":\"" + first
				+ "\",\"lastname\":\"" + last + "\"}");
	}

	Answer assign(long viewerId, long projectId) {
		return post("project-viewers/" + viewerId + "/assign-project",
				"{\"workspace_id\":1,\"project_id\":" + projectId + "}");
	}

	Answer unassign(long viewerId, long projectId) {
		return delete("project-viewers/" + viewerId + "/unassign-project",
				"{\"workspace_id\":1,\"project_id\":" + projectId + "}");
	}

	Answer archive(long viewerId) {
		return delete("project-viewers/" + viewerId, "{\"workspace_id\":1}");
	}

	Answer restore(long viewerId) {
		return post("project-viewers/" + viewerId + "/restore", "{\"workspace_id\":1}");
	}

	/** A response with its JSON body. */
	record Answer(int status, JsonNode body, HttpHeaders headers) {

		String message() {
			return this.body.path("message").asString();
		}

		JsonNode data() {
			return this.body.get("data");
		}

		String header(String name) {
			return this.headers.firstValue(name).orElse(null);
		}

	}

}
