package org.viewerbatch.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Serves the reserved {@code /__sandbox/} paths (no auth, no rate limit, not numbered or
 * logged): the request log, the counters, and clearing the log.
 */
final class ControlHandler implements HttpHandler {

	static final String PREFIX = "/__sandbox";

	private final RequestLog log;

	private final JsonBodies json;

	ControlHandler(RequestLog log, JsonBodies json) {
		this.log = log;
		this.json = json;
	}

	@Override
	public void handle(HttpExchange exchange) throws IOException {
		try (InputStream in = exchange.getRequestBody()) {
			in.readAllBytes();
			String method = exchange.getRequestMethod();
			String path = exchange.getRequestURI().getPath().substring(PREFIX.length());
			if (path.equals("/requests") && method.equals("GET")) {
				send(exchange, 200, requests());
			}
			else if (path.equals("/stats") && method.equals("GET")) {
				send(exchange, 200, stats());
			}
			else if (path.equals("/reset-log") && method.equals("POST")) {
				this.log.clear();
				send(exchange, 200, this.json.object().put("cleared", true));
			}
			else {
				send(exchange, 404, this.json.object()
					.put("message", "Unknown sandbox path; use GET /__sandbox/requests, GET /__sandbox/stats or "
							+ "POST /__sandbox/reset-log."));
			}
		}
		finally {
			exchange.close();
		}
	}

	private ArrayNode requests() {
		ArrayNode all = this.json.array();
		for (LoggedRequest request : this.log.all()) {
			ObjectNode node = all.addObject();
			node.put("seq", request.seq());
			node.put("at", request.at().toString());
			node.put("method", request.method());
			node.put("path", request.path());
			node.put("query", request.query());
			node.put("token", request.token());
			node.put("email", request.email());
			node.put("viewerId", request.viewerId());
			node.put("projectId", request.projectId());
			node.put("status", request.status());
			node.put("faulted", request.faulted());
		}
		return all;
	}

	private ObjectNode stats() {
		RequestLog.Stats stats = this.log.stats();
		ObjectNode node = this.json.object();
		node.put("requests", stats.requests());
		counts(node.putObject("by_endpoint"), stats.byEndpoint());
		counts(node.putObject("by_email"), stats.byEmail());
		counts(node.putObject("invitations_by_email"), stats.invitationsByEmail());
		node.put("invitations", stats.invitations());
		node.put("rate_limited", stats.rateLimited());
		node.put("faulted", stats.faulted());
		return node;
	}

	private static void counts(ObjectNode node, Map<String, Long> counts) {
		counts.forEach(node::put);
	}

	private void send(HttpExchange exchange, int status, Object body) throws IOException {
		byte[] bytes = this.json.bytes(body);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, bytes.length);
		exchange.getResponseBody().write(bytes);
	}

}
