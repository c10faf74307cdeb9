package org.viewerbatch.client;

import java.time.Instant;
import java.util.List;

import tools.jackson.databind.JsonNode;

/**
 * A project viewer as the API returns it; {@code status} is kept as sent ({@code active},
 * {@code inactive}, {@code left}, unknown values or {@code null}) and {@code memberSince}
 * may be {@code null}.
 */
public record Viewer(long id, String email, String firstname, String lastname, String status, Instant memberSince,
		List<ProjectRef> projects) {

	public Viewer {
		projects = (projects != null) ? List.copyOf(projects) : List.of();
	}

	/**
	 * Whether the viewer is archived (soft-deleted). The API does not document how an
	 * archived viewer looks; we take status {@code inactive}, which is what our sandbox
	 * sends and what a soft delete most plausibly shows as.
	 */
	public boolean archived() {
		return "inactive".equalsIgnoreCase(this.status);
	}

	static Viewer fromJson(JsonNode node) {
		if (node == null || !node.isObject()) {
			throw new IllegalArgumentException("a viewer that is not a JSON object: " + node);
		}
		List<ProjectRef> projects = JsonValues.items(node.get("projects")).stream().map(Viewer::projectRef).toList();
		return new Viewer(JsonValues.requiredId(node, "id", "a viewer"), JsonValues.text(node.get("email")),
				JsonValues.text(node.get("firstname")), JsonValues.text(node.get("lastname")),
				JsonValues.text(node.get("status")), JsonValues.instant(node.get("member_since")), projects);
	}

	private static ProjectRef projectRef(JsonNode item) {
		if (item.isObject()) {
			Long id = JsonValues.id(item.get("project_id"));
			if (id == null) {
				id = JsonValues.requiredId(item, "id", "a viewer's project");
			}
			String name = JsonValues.text(item.get("project_name"));
			return new ProjectRef(id, (name != null) ? name : JsonValues.text(item.get("name")));
		}
		// a bare id
		Long id = JsonValues.id(item);
		if (id == null) {
			throw new IllegalArgumentException("a viewer's project that is neither an object nor an id: " + item);
		}
		return new ProjectRef(id, null);
	}

}
