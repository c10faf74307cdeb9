package org.viewerbatch.client;

import tools.jackson.databind.JsonNode;

/**
 * A project of the workspace; {@code status} is the API's integer code, {@code null} when
 * not sent.
 */
public record Project(long id, String name, Integer status) {

	static Project fromJson(JsonNode node) {
		if (node == null || !node.isObject()) {
			throw new IllegalArgumentException("a project that is not a JSON object: " + node);
		}
		return new Project(JsonValues.requiredId(node, "id", "a project"), JsonValues.text(node.get("name")),
				JsonValues.integer(node.get("status")));
	}

}
