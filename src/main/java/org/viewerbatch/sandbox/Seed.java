package org.viewerbatch.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.LongStream;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The initial state of a sandbox: workspaces with their projects and viewers, and the
 * tokens that may call it.
 *
 * <p>
 * Seed file format (JSON; only {@code id}, {@code email} and {@code value} are required,
 * the rest has defaults): <pre>{@code
 * {
 *   "workspaces": [
 *     {
 *       "id": 1, "name": "Acme", "seat_limit": 25,              // seat_limit: null or absent = unlimited
 *       "projects": [ { "id": 101, "name": "Website", "status": 1 } ],
 *       "viewers": [
 *         { "id": 5001, "email": "ann@example.com", "firstname": "Ann", "lastname": "Lee",
 *           "status": "active",                                  // active | inactive (= archived) | left
 *           "member_since": "2025-03-01T09:00:00Z", "projects": [101] }
 *       ]
 *     }
 *   ],
 *   "tokens": [
 *     { "value": "sandbox-token", "role": "owner", "workspaces": [1] }   // role: owner | executive manager | other;
 *   ]                                                                   // workspaces absent or empty = all of them
 * }
 * }</pre> New viewers get ids above the highest seeded viewer id (at least 1001).
 */
public record Seed(List<Workspace> workspaces, List<Token> tokens) {

	public Seed {
		workspaces = List.copyOf(workspaces);
		tokens = List.copyOf(tokens);
		validate(workspaces, tokens);
	}

	/**
	 * Workspace 1 "Sandbox workspace", token {@code sandbox-token} (owner), projects
	 * 101..110, no viewers, no seat limit.
	 */
	public static Seed defaults() {
		List<Project> projects = LongStream.rangeClosed(101, 110)
			.mapToObj((id) -> new Project(id, "Project " + id, 1))
			.toList();
		return new Seed(List.of(new Workspace(1, "Sandbox workspace", null, projects, List.of())),
				List.of(new Token("sandbox-token", "owner", Set.of(1L))));
	}

	/**
	 * Reads a seed file in the format of the class documentation; errors name the file
	 * and the offending entry.
	 */
	public static Seed read(Path json) {
		String text;
		try {
			text = Files.readString(json, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read the seed file " + json + ": " + ex.getMessage(), ex);
		}
		try {
			return parse(text);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("seed file " + json + ": " + ex.getMessage(), ex);
		}
	}

	/** Parses seed JSON in the format of the class documentation. */
	public static Seed parse(String json) {
		JsonNode root;
		try {
			root = JsonMapper.builder().build().readTree(json);
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException("not valid JSON: " + ex.getOriginalMessage());
		}
		if (root == null || !root.isObject()) {
			throw new IllegalArgumentException("expected a JSON object with \"workspaces\" and \"tokens\"");
		}
		List<Workspace> workspaces = new ArrayList<>();
		for (JsonNode ws : array(root, "workspaces")) {
			long id = requiredLong(ws, "id", "workspace");
			String where = "workspace " + id;
			List<Project> projects = new ArrayList<>();
			for (JsonNode p : array(ws, "projects")) {
				long projectId = requiredLong(p, "id", where + " project");
				projects.add(new Project(projectId, text(p, "name", "Project " + projectId),
						p.hasNonNull("status") ? p.get("status").asInt() : 1));
			}
			List<Viewer> viewers = new ArrayList<>();
			for (JsonNode v : array(ws, "viewers")) {
				long viewerId = requiredLong(v, "id", where + " viewer");
				String email = text(v, "email", null);
				if (email == null || email.isBlank()) {
					throw new IllegalArgumentException(where + " viewer " + viewerId + ": \"email\" is required");
				}
				viewers.add(new Viewer(viewerId, email, text(v, "firstname", ""), text(v, "lastname", ""),
						text(v, "status", "active"), instant(v, where + " viewer " + viewerId),
						longs(array(v, "projects"), where + " viewer " + viewerId + " projects")));
			}
			Integer seatLimit = ws.hasNonNull("seat_limit") ? ws.get("seat_limit").asInt() : null;
			workspaces.add(new Workspace(id, text(ws, "name", "Workspace " + id), seatLimit, projects, viewers));
		}
		List<Token> tokens = new ArrayList<>();
		for (JsonNode t : array(root, "tokens")) {
			String value = text(t, "value", null);
			if (value == null || value.isBlank()) {
				throw new IllegalArgumentException("a token needs a non-empty \"value\"");
			}
			tokens.add(new Token(value, text(t, "role", "owner"), longs(array(t, "workspaces"), "token workspaces")));
		}
		return new Seed(workspaces, tokens);
	}

	private static List<JsonNode> array(JsonNode node, String field) {
		JsonNode value = node.get(field);
		if (value == null || value.isNull()) {
			return List.of();
		}
		if (!value.isArray()) {
			throw new IllegalArgumentException("\"" + field + "\" must be an array");
		}
		List<JsonNode> items = new ArrayList<>();
		value.forEach(items::add);
		return items;
	}

	private static long requiredLong(JsonNode node, String field, String what) {
		JsonNode value = node.get(field);
		if (value == null || !value.canConvertToLong() || !(value.isIntegralNumber() || value.isString())) {
			throw new IllegalArgumentException("a " + what + " needs an integer \"" + field + "\"");
		}
		return value.asLong();
	}

	private static String text(JsonNode node, String field, String fallback) {
		JsonNode value = node.get(field);
		return (value == null || value.isNull()) ? fallback : value.asString();
	}

	private static Instant instant(JsonNode node, String where) {
		String value = text(node, "member_since", null);
		if (value == null) {
			return null;
		}
		try {
			return Instant.parse(value);
		}
		catch (DateTimeParseException ex) {
			throw new IllegalArgumentException(
					where + ": member_since '" + value + "' is not an ISO-8601 instant like 2025-03-01T09:00:00Z");
		}
	}

	private static Set<Long> longs(List<JsonNode> nodes, String where) {
		Set<Long> values = new LinkedHashSet<>();
		for (JsonNode node : nodes) {
			if (!node.canConvertToLong()) {
				throw new IllegalArgumentException(where + ": '" + node + "' is not an id");
			}
			values.add(node.asLong());
		}
		return values;
	}

	private static void validate(List<Workspace> workspaces, List<Token> tokens) {
		Set<Long> workspaceIds = new HashSet<>();
		Set<Long> viewerIds = new HashSet<>();
		for (Workspace ws : workspaces) {
			if (!workspaceIds.add(ws.id())) {
				throw new IllegalArgumentException("workspace " + ws.id() + " appears twice");
			}
			Set<Long> projectIds = new HashSet<>();
			for (Project project : ws.projects()) {
				if (!projectIds.add(project.id())) {
					throw new IllegalArgumentException(
							"workspace " + ws.id() + ": project " + project.id() + " appears twice");
				}
			}
			Set<String> emails = new HashSet<>();
			for (Viewer viewer : ws.viewers()) {
				if (!viewerIds.add(viewer.id())) {
					throw new IllegalArgumentException("viewer id " + viewer.id() + " appears twice");
				}
				if (!emails.add(viewer.email().toLowerCase(Locale.ROOT))) {
					throw new IllegalArgumentException(
							"workspace " + ws.id() + ": email " + viewer.email() + " appears twice");
				}
				for (Long projectId : viewer.projectIds()) {
					if (!projectIds.contains(projectId)) {
						throw new IllegalArgumentException("workspace " + ws.id() + ": viewer " + viewer.id()
								+ " is assigned to unknown project " + projectId);
					}
				}
			}
		}
		Set<String> tokenValues = new HashSet<>();
		for (Token token : tokens) {
			if (!tokenValues.add(token.value())) {
				throw new IllegalArgumentException("a token appears twice");
			}
			for (Long id : token.workspaceIds()) {
				if (!workspaceIds.contains(id)) {
					throw new IllegalArgumentException(
							"a token (role " + token.role() + ") refers to unknown workspace " + id);
				}
			}
		}
	}

	/** A workspace; {@code seatLimit} null means unlimited viewers. */
	public record Workspace(long id, String name, Integer seatLimit, List<Project> projects, List<Viewer> viewers) {

		public Workspace {
			projects = List.copyOf(projects);
			viewers = List.copyOf(viewers);
		}

	}

	/** A project of a workspace. */
	public record Project(long id, String name, Integer status) {
	}

	/** A viewer present from the start; status {@code inactive} means archived. */
	public record Viewer(long id, String email, String firstname, String lastname, String status, Instant memberSince,
			Set<Long> projectIds) {

		public Viewer {
			projectIds = Set.copyOf(projectIds);
		}

	}

	/**
	 * A token accepted by the sandbox; an empty {@code workspaceIds} gives access to
	 * every workspace.
	 */
	public record Token(String value, String role, Set<Long> workspaceIds) {

		public Token {
			workspaceIds = Set.copyOf(workspaceIds);
		}

		@Override
		public String toString() {
			return "Token[value=" + RequestLog.redact(this.value) + ", role=" + this.role + ", workspaceIds="
					+ this.workspaceIds + "]";
		}

	}

}
