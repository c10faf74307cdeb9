package org.viewerbatch.sandbox;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The sandbox's current state: workspaces, their projects and viewers, and the accepted
 * tokens. Thread-safe: every method, and every API call as a whole, runs under one lock.
 */
public final class SandboxStore {

	private static final long FIRST_VIEWER_ID = 1001;

	private final Clock clock;

	private final Map<Long, WorkspaceState> workspaces = new LinkedHashMap<>();

	private final Map<String, Seed.Token> tokens = new HashMap<>();

	private long lastViewerId;

	SandboxStore(Seed seed, Clock clock) {
		this.clock = clock;
		load(seed);
	}

	/** The viewers of a workspace ordered by id, archived ones included. */
	public synchronized List<SandboxViewer> viewers(long workspaceId) {
		return List.copyOf(workspace(workspaceId).viewers.values());
	}

	/** The viewer of that workspace whose email matches case-insensitively. */
	public synchronized Optional<SandboxViewer> viewerByEmail(long workspaceId, String email) {
		return workspace(workspaceId).byEmail(email.trim());
	}

	/** The viewer with that id in that workspace. */
	public synchronized Optional<SandboxViewer> viewer(long workspaceId, long viewerId) {
		return Optional.ofNullable(workspace(workspaceId).viewers.get(viewerId));
	}

	/**
	 * Adds a viewer directly, for test setup: no invitation, no request log entry, no
	 * seat-limit or duplicate check. Status {@code inactive} makes it archived.
	 */
	public synchronized SandboxViewer addViewer(long workspaceId, String email, String first, String last,
			String status, Set<Long> projectIds) {
		WorkspaceState ws = workspace(workspaceId);
		SandboxViewer viewer = new SandboxViewer(++this.lastViewerId, email, first, last, status, this.clock.instant(),
				projectIds, "inactive".equals(status));
		ws.viewers.put(viewer.id(), viewer);
		return viewer;
	}

	/**
	 * Sets the number of viewers (archived ones excluded) the workspace may have; null =
	 * unlimited.
	 */
	public synchronized void seatLimit(long workspaceId, Integer limit) {
		workspace(workspaceId).seatLimit = limit;
	}

	/** Runs one API call atomically against the state. */
	synchronized <T> T locked(Supplier<T> call) {
		return call.get();
	}

	synchronized void reset(Seed seed) {
		this.workspaces.clear();
		this.tokens.clear();
		load(seed);
	}

	synchronized Optional<Seed.Token> token(String value) {
		return Optional.ofNullable(this.tokens.get(value));
	}

	/** The workspaces in seed order; callers hold the lock. */
	List<WorkspaceState> workspaces() {
		return new ArrayList<>(this.workspaces.values());
	}

	/** The workspace, or null when unknown; callers hold the lock. */
	WorkspaceState findWorkspace(long id) {
		return this.workspaces.get(id);
	}

	/** A new viewer id, above every id seen; callers hold the lock. */
	long nextViewerId() {
		return ++this.lastViewerId;
	}

	Clock clock() {
		return this.clock;
	}

	private WorkspaceState workspace(long id) {
		WorkspaceState ws = this.workspaces.get(id);
		if (ws == null) {
			throw new NoSuchElementException("the sandbox has no workspace " + id);
		}
		return ws;
	}

	private void load(Seed seed) {
		this.lastViewerId = FIRST_VIEWER_ID - 1;
		for (Seed.Workspace ws : seed.workspaces()) {
			WorkspaceState state = new WorkspaceState(ws.id(), ws.name(), ws.seatLimit());
			ws.projects().forEach((p) -> state.projects.put(p.id(), p));
			for (Seed.Viewer v : ws.viewers()) {
				boolean archived = "inactive".equals(v.status());
				state.viewers.put(v.id(), new SandboxViewer(v.id(), v.email(), v.firstname(), v.lastname(), v.status(),
						v.memberSince(), v.projectIds(), archived));
				this.lastViewerId = Math.max(this.lastViewerId, v.id());
			}
			this.workspaces.put(ws.id(), state);
		}
		seed.tokens().forEach((t) -> this.tokens.put(t.value(), t));
	}

	/** The mutable state of one workspace, guarded by the store's lock. */
	static final class WorkspaceState {

		final long id;

		final String name;

		Integer seatLimit;

		final Map<Long, Seed.Project> projects = new TreeMap<>();

		final Map<Long, SandboxViewer> viewers = new TreeMap<>();

		WorkspaceState(long id, String name, Integer seatLimit) {
			this.id = id;
			this.name = name;
			this.seatLimit = seatLimit;
		}

		long seatsTaken() {
			return this.viewers.values().stream().filter((v) -> !v.archived()).count();
		}

		Optional<SandboxViewer> byEmail(String email) {
			String wanted = email.toLowerCase(Locale.ROOT);
			return this.viewers.values()
				.stream()
				.filter((v) -> v.email().toLowerCase(Locale.ROOT).equals(wanted))
				.findFirst();
		}

	}

}
