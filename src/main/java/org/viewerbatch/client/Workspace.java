package org.viewerbatch.client;

import tools.jackson.databind.JsonNode;

/**
 * A workspace the token's user belongs to, with that user's role in it (e.g.
 * {@code Owner}).
 */
public record Workspace(long id, String name, String role) {

	static Workspace fromJson(JsonNode node) {
		if (node == null || !node.isObject()) {
			throw new IllegalArgumentException("a workspace that is not a JSON object: " + node);
		}
		JsonNode role = node.get("role");
		// the role is a name in the docs; tolerate an object that carries one
		String roleName = (role != null && role.isObject()) ? JsonValues.text(role.get("name")) : JsonValues.text(role);
		return new Workspace(JsonValues.requiredId(node, "id", "a workspace"), JsonValues.text(node.get("name")),
				roleName);
	}

}
