package org.viewerbatch.sandbox;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Stream;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

import org.viewerbatch.sandbox.SandboxStore.WorkspaceState;

/**
 * The API's nine calls and the sandbox policy where the documentation is silent; each
 * call runs atomically on the store and either answers or throws {@link ApiError}.
 */
final class ApiCalls {

	static final String DUPLICATE_EMAIL = "The email has already been taken.";

	private static final int DEFAULT_PER_PAGE = 20;

	private final SandboxStore store;

	private final JsonBodies json;

	private final Supplier<Quirks> quirks;

	ApiCalls(SandboxStore store, JsonBodies json, Supplier<Quirks> quirks) {
		this.store = store;
		this.json = json;
		this.quirks = quirks;
	}

	/**
	 * Answers a request whose token is known; a role that may not use the API gets 403.
	 */
	ApiResponse answer(ApiRequest request, Seed.Token token) {
		if (!mayUseApi(token.role())) {
			throw new ApiError(403, "This action is unauthorized.");
		}
		Quirks quirks = this.quirks.get();
		return this.store.locked(() -> switch (request.route()) {
			case LIST_VIEWERS -> listViewers(request, token, quirks);
			case CREATE_VIEWER -> createViewer(request, token, quirks);
			case GET_VIEWER -> getViewer(request, token, quirks);
			case DELETE_VIEWER -> deleteViewer(request, token, quirks);
			case RESTORE_VIEWER -> restoreViewer(request, token, quirks);
			case ASSIGN_PROJECT -> assignProject(request, token, quirks);
			case UNASSIGN_PROJECT -> unassignProject(request, token, quirks);
			case LIST_PROJECTS -> listProjects(request, token, quirks);
			case LIST_WORKSPACES -> listWorkspaces(request, token, quirks);
		});
	}

	private ApiResponse listViewers(ApiRequest request, Seed.Token token, Quirks quirks) {
		ApiRequest.Validation input = new ApiRequest.Validation(request);
		Long workspaceId = input.requiredInteger("workspace_id");
		JsonBodies.Page paging = paging(input);
		String email = request.inputText("email");
		WorkspaceState ws = workspace(token, workspaceId);
		Stream<SandboxViewer> viewers = ws.listed(this.store.clock().instant()).stream();
		if (quirks.hideArchived()) {
			viewers = viewers.filter((v) -> !v.archived());
		}
		if (email != null && !email.isBlank()) {
			String wanted = email.trim().toLowerCase(Locale.ROOT);
			viewers = viewers.filter((v) -> v.email().toLowerCase(Locale.ROOT).equals(wanted));
		}
		List<SandboxViewer> all = viewers.toList();
		JsonBodies.Page page = new JsonBodies.Page(paging.page(), paging.perPage(), all.size());
		ArrayNode data = this.json.array();
		page.of(all).forEach((v) -> data.add(this.json.viewer(v, ws.projects, quirks)));
		return ok(this.json.page(data, "Project viewers retrieved successfully", page, !quirks.noPagination()));
	}

	private ApiResponse createViewer(ApiRequest request, Seed.Token token, Quirks quirks) {
		ApiRequest.Validation input = new ApiRequest.Validation(request);
		Long workspaceId = input.requiredInteger("workspace_id");
		String email = input.requiredEmail("email");
		String firstname = input.requiredString("firstname");
		String lastname = input.requiredString("lastname");
		input.check();
		WorkspaceState ws = workspace(token, workspaceId);
		if (ws.byEmail(email).isPresent()) {
			if (quirks.duplicateEmailAs422()) {
				throw new ApiError(422, DUPLICATE_EMAIL, Map.of("email", List.of(DUPLICATE_EMAIL)));
			}
			throw new ApiError(400, DUPLICATE_EMAIL);
		}
		requireFreeSeat(ws);
		SandboxViewer viewer = new SandboxViewer(this.store.nextViewerId(), email, firstname, lastname, "active",
				this.store.clock().instant(), Set.of(), false);
		ws.write(viewer, this.store.clock().instant());
		return new ApiResponse(201,
				this.json.success(this.json.viewer(viewer, ws.projects, quirks), "Project viewer created successfully"),
				viewer.id(), true);
	}

	private ApiResponse getViewer(ApiRequest request, Seed.Token token, Quirks quirks) {
		WorkspaceState ws = validWorkspace(request, token);
		SandboxViewer viewer = viewer(ws, request.viewerId());
		return new ApiResponse(200, this.json.success(this.json.viewer(viewer, ws.projects, quirks),
				"Project viewer retrieved successfully"), viewer.id(), false);
	}

	private ApiResponse deleteViewer(ApiRequest request, Seed.Token token, Quirks quirks) {
		WorkspaceState ws = validWorkspace(request, token);
		SandboxViewer viewer = viewer(ws, request.viewerId());
		if (viewer.archived()) {
			repeated(quirks, "The project viewer is already archived.");
		}
		else {
			ws.write(viewer.archive(), this.store.clock().instant());
		}
		return done(viewer, "Project viewer deleted successfully");
	}

	private ApiResponse restoreViewer(ApiRequest request, Seed.Token token, Quirks quirks) {
		WorkspaceState ws = validWorkspace(request, token);
		SandboxViewer viewer = viewer(ws, request.viewerId());
		if (!viewer.archived()) {
			repeated(quirks, "The project viewer is not archived.");
		}
		else {
			requireFreeSeat(ws);
			ws.write(viewer.restore(), this.store.clock().instant());
		}
		return done(viewer, "Project viewer restored successfully");
	}

	private ApiResponse assignProject(ApiRequest request, Seed.Token token, Quirks quirks) {
		return changeProject(request, token, quirks, true);
	}

	private ApiResponse unassignProject(ApiRequest request, Seed.Token token, Quirks quirks) {
		return changeProject(request, token, quirks, false);
	}

	/**
	 * Assign and unassign differ only in the direction of the change and in their
	 * messages.
	 */
	private ApiResponse changeProject(ApiRequest request, Seed.Token token, Quirks quirks, boolean assign) {
		ApiRequest.Validation input = new ApiRequest.Validation(request);
		Long workspaceId = input.requiredInteger("workspace_id");
		Long projectId = input.requiredInteger("project_id");
		input.check();
		WorkspaceState ws = workspace(token, workspaceId);
		SandboxViewer viewer = viewer(ws, request.viewerId());
		project(ws, projectId);
		if (viewer.archived()) {
			throw new ApiError(400, "The project viewer is archived; restore it before "
					+ (assign ? "assigning" : "unassigning") + " projects.");
		}
		if (viewer.projectIds().contains(projectId) == assign) {
			repeated(quirks, assign ? "The project is already assigned to this project viewer."
					: "The project is not assigned to this project viewer.");
		}
		else {
			Set<Long> projects = new TreeSet<>(viewer.projectIds());
			if (assign) {
				projects.add(projectId);
			}
			else {
				projects.remove(projectId);
			}
			ws.write(viewer.withProjects(projects), this.store.clock().instant());
		}
		return done(viewer,
				assign ? "Project assigned to viewer successfully" : "Project unassigned from viewer successfully");
	}

	private ApiResponse listProjects(ApiRequest request, Seed.Token token, Quirks quirks) {
		ApiRequest.Validation input = new ApiRequest.Validation(request);
		Long workspaceId = input.requiredInteger("workspace_id");
		JsonBodies.Page paging = paging(input);
		String name = request.inputText("name");
		WorkspaceState ws = workspace(token, workspaceId);
		Stream<Seed.Project> projects = ws.projects.values().stream();
		if (name != null && !name.isBlank()) {
			String part = name.trim().toLowerCase(Locale.ROOT);
			projects = projects.filter((p) -> p.name().toLowerCase(Locale.ROOT).contains(part));
		}
		List<Seed.Project> all = projects.toList();
		JsonBodies.Page page = new JsonBodies.Page(paging.page(), paging.perPage(), all.size());
		ArrayNode data = this.json.array();
		page.of(all).forEach((p) -> data.add(this.json.project(p, quirks)));
		return ok(this.json.page(data, "Projects retrieved successfully", page, !quirks.noPagination()));
	}

	private ApiResponse listWorkspaces(ApiRequest request, Seed.Token token, Quirks quirks) {
		ApiRequest.Validation input = new ApiRequest.Validation(request);
		JsonBodies.Page paging = paging(input);
		List<WorkspaceState> all = this.store.workspaces().stream().filter((ws) -> mayAccess(token, ws.id)).toList();
		JsonBodies.Page page = new JsonBodies.Page(paging.page(), paging.perPage(), all.size());
		ArrayNode data = this.json.array();
		page.of(all).forEach((ws) -> data.add(this.json.workspace(ws.id, ws.name, displayRole(token.role()), quirks)));
		return ok(this.json.page(data, "Workspaces retrieved successfully", page, !quirks.noPagination()));
	}

	/** Validates page and per_page, then every other collected error. */
	private static JsonBodies.Page paging(ApiRequest.Validation input) {
		Long page = input.between("page", input.optionalInteger("page"), 1, Integer.MAX_VALUE);
		Long perPage = input.between("per_page", input.optionalInteger("per_page"), 1, 100);
		input.check();
		return new JsonBodies.Page(page == null ? 1 : page.intValue(),
				perPage == null ? DEFAULT_PER_PAGE : perPage.intValue(), 0);
	}

	private WorkspaceState validWorkspace(ApiRequest request, Seed.Token token) {
		ApiRequest.Validation input = new ApiRequest.Validation(request);
		Long workspaceId = input.requiredInteger("workspace_id");
		input.check();
		return workspace(token, workspaceId);
	}

	/**
	 * The workspace, when the token may use it: an unknown workspace is as forbidden as
	 * someone else's.
	 */
	private WorkspaceState workspace(Seed.Token token, long workspaceId) {
		WorkspaceState ws = this.store.findWorkspace(workspaceId);
		if (ws == null || !mayAccess(token, workspaceId)) {
			throw new ApiError(403, "You do not have access to this workspace.");
		}
		return ws;
	}

	private static SandboxViewer viewer(WorkspaceState ws, long viewerId) {
		SandboxViewer viewer = ws.viewers.get(viewerId);
		if (viewer == null) {
			throw new ApiError(404, "Project viewer not found.");
		}
		return viewer;
	}

	private static void project(WorkspaceState ws, long projectId) {
		if (!ws.projects.containsKey(projectId)) {
			throw new ApiError(404, "Project not found.");
		}
	}

	private static void requireFreeSeat(WorkspaceState ws) {
		if (ws.seatLimit != null && ws.seatsTaken() >= ws.seatLimit) {
			throw new ApiError(400,
					"The project viewer seat limit of this workspace (" + ws.seatLimit + ") has been reached.");
		}
	}

	/** A repeated change: 400 by the sandbox policy, or a 200 no-op under the quirk. */
	private static void repeated(Quirks quirks, String message) {
		if (!quirks.repeatsAreNoOps()) {
			throw new ApiError(400, message);
		}
	}

	private ApiResponse done(SandboxViewer viewer, String message) {
		return new ApiResponse(200, this.json.success(null, message), viewer.id(), false);
	}

	private static ApiResponse ok(JsonNode body) {
		return new ApiResponse(200, body, null, false);
	}

	private static boolean mayAccess(Seed.Token token, long workspaceId) {
		return token.workspaceIds().isEmpty() || token.workspaceIds().contains(workspaceId);
	}

	static boolean mayUseApi(String role) {
		String normalized = normalizedRole(role);
		return normalized.equals("owner") || normalized.equals("executive manager");
	}

	private static String displayRole(String role) {
		String normalized = normalizedRole(role);
		return normalized.isEmpty() ? normalized
				: Character.toUpperCase(normalized.charAt(0)) + normalized.substring(1);
	}

	private static String normalizedRole(String role) {
		return role == null ? "" : role.trim().toLowerCase(Locale.ROOT).replace('_', ' ').replace('-', ' ');
	}

}
