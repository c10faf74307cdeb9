package org.viewerbatch.sandbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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

	private final Duration listLag;

	private final Map<Long, WorkspaceState> workspaces = new LinkedHashMap<>();

	private final Map<String, Seed.Token> tokens = new HashMap<>();

	private long lastViewerId;

	/**
	 * @param listLag how long after a write the lists show a viewer as written (the
	 * viewer's own GET is current at once)
	 */
	SandboxStore(Seed seed, Clock clock, Duration listLag) {
		this.clock = clock;
		this.listLag = listLag;
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
	 * seat-limit or duplicate check, listed at once. Status {@code inactive} makes it
	 * archived.
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
			WorkspaceState state = new WorkspaceState(ws.id(), ws.name(), ws.seatLimit(), this.listLag);
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

		/** Every viewer as it is now; change it through {@link #write}. */
		final Map<Long, SandboxViewer> viewers = new TreeMap<>();

		private final Duration listLag;

		/**
		 * With a list lag: the states of each viewer written within the lag, each from
		 * the time it was written, after the state the lists show (null for a viewer that
		 * did not exist). Empty without a lag.
		 */
		private final Map<Long, List<Version>> recent = new HashMap<>();

		WorkspaceState(long id, String name, Integer seatLimit, Duration listLag) {
			this.id = id;
			this.name = name;
			this.seatLimit = seatLimit;
			this.listLag = listLag;
		}

		/** A viewer created or changed by an API call at {@code at}. */
		void write(SandboxViewer viewer, Instant at) {
			SandboxViewer before = this.viewers.put(viewer.id(), viewer);
			if (this.listLag.isZero()) {
				return;
			}
			this.recent.computeIfAbsent(viewer.id(), (id) -> {
				List<Version> versions = new ArrayList<>();
				versions.add(new Version(Instant.MIN, before));
				return versions;
			}).add(new Version(at, viewer));
		}

		/**
		 * The viewers as the list and its email filter show them at {@code now}: each as
		 * it was a list lag ago, one created since left out; ordered by id.
		 */
		List<SandboxViewer> listed(Instant now) {
			if (this.recent.isEmpty()) {
				return List.copyOf(this.viewers.values());
			}
			Instant seen = now.minus(this.listLag);
			List<SandboxViewer> listed = new ArrayList<>();
			for (SandboxViewer viewer : this.viewers.values()) {
				List<Version> versions = this.recent.get(viewer.id());
				SandboxViewer shown = (versions != null) ? shownAt(viewer.id(), versions, seen) : viewer;
				if (shown != null) {
					listed.add(shown);
				}
			}
			return listed;
		}

		/**
		 * The last state written by {@code seen}; the states before it are forgotten, and
		 * so is the whole history once the lists are current.
		 */
		private SandboxViewer shownAt(long id, List<Version> versions, Instant seen) {
			int last = 0;
			while (last + 1 < versions.size() && !versions.get(last + 1).at().isAfter(seen)) {
				last++;
			}
			SandboxViewer shown = versions.get(last).viewer();
			if (last == versions.size() - 1) {
				this.recent.remove(id);
			}
			else if (last > 0) {
				versions.subList(0, last).clear();
			}
			return shown;
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

	/** A viewer's state from the time it was written; null: it did not exist. */
	private record Version(Instant at, SandboxViewer viewer) {
	}

}
