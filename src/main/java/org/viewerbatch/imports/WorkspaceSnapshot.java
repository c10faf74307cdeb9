package org.viewerbatch.imports;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.viewerbatch.client.Project;
import org.viewerbatch.client.Viewer;
import org.viewerbatch.client.WebWorkClient;

/**
 * The workspace's viewers and projects as they were when the step started, read in pages
 * (never one request per row), so every row is planned against what exists.
 */
public final class WorkspaceSnapshot {

	private final Map<String, Viewer> viewersByEmail;

	private final Map<Long, Viewer> viewersById;

	private final Map<Long, String> projects;

	WorkspaceSnapshot(Iterable<Viewer> viewers, Iterable<Project> projects) {
		this.viewersByEmail = new HashMap<>();
		this.viewersById = new HashMap<>();
		for (Viewer viewer : viewers) {
			this.viewersById.put(viewer.id(), viewer);
			if (viewer.email() != null) {
				// the API should not list an email twice; if it does, the active viewer
				// is the one to work with
				this.viewersByEmail.merge(key(viewer.email()), viewer,
						(first, second) -> first.archived() ? second : first);
			}
		}
		this.projects = new HashMap<>();
		for (Project project : projects) {
			this.projects.put(project.id(), project.name());
		}
	}

	/** Reads every viewer and every project of the workspace. */
	public static WorkspaceSnapshot load(WebWorkClient client, long workspaceId) {
		return new WorkspaceSnapshot(client.allViewers(workspaceId), client.projects(workspaceId).toList());
	}

	/** The viewers alone (no projects), as read by {@link WebWorkClient#allViewers}. */
	public static WorkspaceSnapshot ofViewers(List<Viewer> viewers) {
		return new WorkspaceSnapshot(viewers, List.of());
	}

	public Optional<Viewer> viewerByEmail(String email) {
		return Optional.ofNullable(this.viewersByEmail.get(key(email)));
	}

	/** Every viewer, archived ones too, by id. */
	public List<Viewer> viewers() {
		return this.viewersById.values().stream().sorted(Comparator.comparingLong(Viewer::id)).toList();
	}

	public Optional<Viewer> viewerById(long id) {
		return Optional.ofNullable(this.viewersById.get(id));
	}

	public boolean hasProject(long projectId) {
		return this.projects.containsKey(projectId);
	}

	public Set<Long> projectIds() {
		return this.projects.keySet();
	}

	public int viewerCount() {
		return this.viewersById.size();
	}

	/** How emails are compared: trimmed, in lower case. */
	public static String key(String email) {
		return email.trim().toLowerCase(Locale.ROOT);
	}

}
