package org.viewerbatch.sandbox;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON the sandbox sends: the API's envelopes, viewers, projects and workspaces, in
 * the API's field names.
 */
final class JsonBodies {

	/** Laravel's default date serialization, e.g. {@code 2025-03-01T09:00:00.000000Z}. */
	private static final DateTimeFormatter LARAVEL_INSTANT = DateTimeFormatter
		.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
		.withZone(ZoneOffset.UTC);

	static final String API_VERSION = "2.0.0";

	private final JsonMapper mapper;

	private final Clock clock;

	JsonBodies(JsonMapper mapper, Clock clock) {
		this.mapper = mapper;
		this.clock = clock;
	}

	ObjectNode success(JsonNode data, String message) {
		ObjectNode body = this.mapper.createObjectNode();
		body.put("success", true);
		if (data == null) {
			body.putNull("data");
		}
		else {
			body.set("data", data);
		}
		body.put("message", message);
		body.set("meta", meta());
		return body;
	}

	ObjectNode page(ArrayNode data, String message, Page page, boolean withPagination) {
		ObjectNode body = success(data, message);
		if (withPagination) {
			ObjectNode pagination = ((ObjectNode) body.get("meta")).putObject("pagination");
			pagination.put("total", page.total());
			pagination.put("per_page", page.perPage());
			pagination.put("current_page", page.page());
			pagination.put("last_page", page.lastPage());
			if (page.size() == 0) {
				pagination.putNull("from");
				pagination.putNull("to");
			}
			else {
				pagination.put("from", page.from() + 1);
				pagination.put("to", page.from() + page.size());
			}
		}
		return body;
	}

	ObjectNode error(String message) {
		ObjectNode body = this.mapper.createObjectNode();
		body.put("success", false);
		body.put("message", message);
		body.putNull("error");
		body.set("meta", meta());
		return body;
	}

	/**
	 * Laravel's validation answer: {@code {"message": ..., "errors": {"field":
	 * ["..."]}}}, no envelope.
	 */
	ObjectNode validation(String message, Map<String, List<String>> errors) {
		ObjectNode body = this.mapper.createObjectNode();
		body.put("message", message);
		ObjectNode fields = body.putObject("errors");
		errors.forEach((field, messages) -> messages.forEach(fields.putArray(field)::add));
		return body;
	}

	ObjectNode viewer(SandboxViewer viewer, Map<Long, Seed.Project> projects, Quirks quirks) {
		ObjectNode node = this.mapper.createObjectNode();
		id(node, "id", viewer.id(), quirks);
		node.put("email", viewer.email());
		node.put("firstname", viewer.firstname());
		node.put("lastname", viewer.lastname());
		node.put("status", viewer.status());
		if (viewer.memberSince() == null) {
			node.putNull("member_since");
		}
		else {
			node.put("member_since", instant(viewer.memberSince()));
		}
		ArrayNode assigned = node.putArray("projects");
		for (Long projectId : viewer.projectIds()) {
			ObjectNode ref = assigned.addObject();
			id(ref, "project_id", projectId, quirks);
			Seed.Project project = projects.get(projectId);
			ref.put("project_name", project == null ? null : project.name());
		}
		return node;
	}

	ObjectNode project(Seed.Project project, Quirks quirks) {
		ObjectNode node = this.mapper.createObjectNode();
		id(node, "id", project.id(), quirks);
		node.put("name", project.name());
		node.put("status", project.status());
		return node;
	}

	ObjectNode workspace(long id, String name, String role, Quirks quirks) {
		ObjectNode node = this.mapper.createObjectNode();
		id(node, "id", id, quirks);
		node.put("name", name);
		node.put("role", role);
		return node;
	}

	ArrayNode array() {
		return this.mapper.createArrayNode();
	}

	ObjectNode object() {
		return this.mapper.createObjectNode();
	}

	byte[] bytes(Object value) {
		return this.mapper.writeValueAsBytes(value);
	}

	JsonNode read(byte[] body) {
		return this.mapper.readTree(body);
	}

	String instant(Instant instant) {
		return LARAVEL_INSTANT.format(instant);
	}

	private ObjectNode meta() {
		ObjectNode meta = this.mapper.createObjectNode();
		meta.put("api_version", API_VERSION);
		meta.put("timestamp", instant(this.clock.instant()));
		return meta;
	}

	private static void id(ObjectNode node, String field, long id, Quirks quirks) {
		if (quirks.stringIds()) {
			node.put(field, Long.toString(id));
		}
		else {
			node.put(field, id);
		}
	}

	/**
	 * One page of a list: 1-based {@code page}, 0-based offset {@code from}, {@code size}
	 * items on it.
	 */
	record Page(int page, int perPage, int total) {

		int from() {
			return (int) Math.min((long) (this.page - 1) * this.perPage, this.total);
		}

		int size() {
			return Math.min(this.perPage, this.total - from());
		}

		int lastPage() {
			return Math.max(1, (this.total + this.perPage - 1) / this.perPage);
		}

		<T> List<T> of(List<T> all) {
			return all.subList(from(), from() + size());
		}

	}

}
