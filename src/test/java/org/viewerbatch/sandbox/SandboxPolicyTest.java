package org.viewerbatch.sandbox;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.viewerbatch.testsupport.SandboxExtension;

import static org.assertj.core.api.Assertions.assertThat;

class SandboxPolicyTest {

	static final Seed SEED = Seed.parse("""
			{ "workspaces": [
			    { "id": 1, "name": "Main", "projects": [ { "id": 101, "name": "Web" } ] },
			    { "id": 2, "name": "Other", "projects": [ { "id": 201, "name": "App" } ] } ],
			  "tokens": [
			    { "value": "owner-token-1", "role": "owner", "workspaces": [1] },
			    { "value": "exec-token-12", "role": "executive manager", "workspaces": [1, 2] },
			    { "value": "member-token1", "role": "member", "workspaces": [1] } ] }
			""");

	@RegisterExtension
	static final SandboxExtension sandbox = new SandboxExtension(SandboxOptions.defaults().withSeed(SEED));

	final Http http = new Http(sandbox.sandbox());

	SandboxViewer ann() {
		return sandbox.sandbox().store().addViewer(1, "ann@example.com", "Ann", "Lee", "active", Set.of(101L));
	}

	@Test
	void createWithATakenEmailIs400WhateverItsCase() {
		ann();

		Http.Answer answer = this.http.create("ANN@Example.com", "Ann", "Lee");

		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.body().get("success").asBoolean()).isFalse();
		assertThat(answer.message()).isEqualTo("The email has already been taken.");
		assertThat(answer.body().has("error")).isTrue();
		assertThat(answer.body().at("/meta/api_version").asString()).isEqualTo("2.0.0");
		assertThat(sandbox.sandbox().store().viewers(1)).hasSize(1);
		assertThat(sandbox.sandbox().requestLog().invitationsSent("ann@example.com")).isZero();
	}

	@Test
	void createWithTheEmailOfAnArchivedViewerIs400() {
		sandbox.sandbox().store().addViewer(1, "ann@example.com", "Ann", "Lee", "inactive", Set.of());

		assertThat(this.http.create("ann@example.com", "Ann", "Lee").message())
			.isEqualTo("The email has already been taken.");
	}

	@Test
	void createBeyondTheSeatLimitIs400AndArchivedViewersDoNotTakeASeat() {
		sandbox.sandbox().store().seatLimit(1, 1);
		sandbox.sandbox().store().addViewer(1, "old@example.com", "Old", "One", "inactive", Set.of());
		assertThat(this.http.create("ann@example.com", "Ann", "Lee").status()).isEqualTo(201);

		Http.Answer answer = this.http.create("bo@example.com", "Bo", "Ek");

		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.message()).isEqualTo("The project viewer seat limit of this workspace (1) has been reached.");
		assertThat(sandbox.sandbox().store().viewerByEmail(1, "bo@example.com")).isEmpty();
	}

	@Test
	void restoreBeyondTheSeatLimitIs400() {
		sandbox.sandbox().store().seatLimit(1, 1);
		SandboxViewer old = sandbox.sandbox()
			.store()
			.addViewer(1, "old@example.com", "Old", "One", "inactive", Set.of());
		ann();

		Http.Answer answer = this.http.restore(old.id());

		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.message()).contains("seat limit");
		assertThat(sandbox.sandbox().store().viewer(1, old.id()).orElseThrow().archived()).isTrue();
	}

	@Test
	void missingFieldsAre400WithLaravelsMessage() {
		Http.Answer one = this.http.post("project-viewers",
				"{\"workspace_id\":1,\"firstname\":\"Ann\",\"lastname\":\"Lee\"}");
		Http.Answer three = this.http.post("project-viewers", "{\"workspace_id\":1}");
		Http.Answer noWorkspace = this.http.get("project-viewers");
		Http.Answer badEmail = this.http.create("not-an-email", "Ann", "Lee");
		Http.Answer notJson = this.http.post("project-viewers", "{oops");
		Http.Answer noProject = this.http.post("project-viewers/" + ann().id() + "/assign-project",
				"{\"workspace_id\":1}");

		assertThat(one.status()).isEqualTo(400);
		assertThat(one.message()).isEqualTo("The email field is required.");
		assertThat(three.message()).isEqualTo("The email field is required. (and 2 more errors)");
		assertThat(noWorkspace.message()).isEqualTo("The workspace id field is required.");
		assertThat(badEmail.message()).isEqualTo("The email field must be a valid email address.");
		assertThat(notJson.status()).isEqualTo(400);
		assertThat(notJson.message()).isEqualTo("The request body is not valid JSON.");
		assertThat(noProject.status()).isEqualTo(400);
		assertThat(noProject.message()).isEqualTo("The project id field is required.");
		assertThat(sandbox.sandbox().requestLog().invitationsSent()).isZero();
	}

	@Test
	void aMissingOrUnknownTokenIs401() {
		Http.Answer none = this.http.withToken(null).get("project-viewers?workspace_id=1");
		Http.Answer unknown = this.http.withToken("who-is-this").get("project-viewers?workspace_id=1");

		assertThat(none.status()).isEqualTo(401);
		assertThat(none.message()).isEqualTo("Unauthenticated.");
		assertThat(none.body().get("success").asBoolean()).isFalse();
		assertThat(unknown.status()).isEqualTo(401);
		assertThat(unknown.header("X-RateLimit-Limit")).isNull();
	}

	@Test
	void aRoleOtherThanOwnerOrExecutiveManagerIs403() {
		Http.Answer member = this.http.withToken("member-token1").get("project-viewers?workspace_id=1");
		Http.Answer executive = this.http.withToken("exec-token-12").get("project-viewers?workspace_id=2");

		assertThat(member.status()).isEqualTo(403);
		assertThat(member.message()).isEqualTo("This action is unauthorized.");
		assertThat(executive.status()).isEqualTo(200);
	}

	@Test
	void aWorkspaceTheTokenCannotAccessIs403() {
		Http.Answer other = this.http.get("project-viewers?workspace_id=2");
		Http.Answer unknown = this.http.get("project-viewers?workspace_id=99");

		assertThat(other.status()).isEqualTo(403);
		assertThat(other.message()).isEqualTo("You do not have access to this workspace.");
		assertThat(unknown.status()).isEqualTo(403);
	}

	@Test
	void unknownViewerOrProjectIs404() {
		SandboxViewer ann = ann();

		Http.Answer noViewer = this.http.get("project-viewers/999?workspace_id=1");
		Http.Answer noViewerDelete = this.http.archive(999);
		Http.Answer noProject = this.http.assign(ann.id(), 999);
		Http.Answer projectOfAnotherWorkspace = this.http.assign(ann.id(), 201);

		assertThat(noViewer.status()).isEqualTo(404);
		assertThat(noViewer.message()).isEqualTo("Project viewer not found.");
		assertThat(noViewerDelete.status()).isEqualTo(404);
		assertThat(noProject.status()).isEqualTo(404);
		assertThat(noProject.message()).isEqualTo("Project not found.");
		assertThat(projectOfAnotherWorkspace.status()).isEqualTo(404);
	}

	@Test
	void aViewerOfAnotherWorkspaceIsNotFound() {
		SandboxViewer elsewhere = sandbox.sandbox()
			.store()
			.addViewer(2, "zed@example.com", "Zed", "Z", "active", Set.of());

		assertThat(this.http.get("project-viewers/" + elsewhere.id() + "?workspace_id=1").status()).isEqualTo(404);
	}

	@Test
	void repeatedChangesAre400WithAMessageThatSaysWhich() {
		SandboxViewer ann = ann();

		Http.Answer assignAgain = this.http.assign(ann.id(), 101);
		assertThat(this.http.unassign(ann.id(), 101).status()).isEqualTo(200);
		Http.Answer unassignUnassigned = this.http.unassign(ann.id(), 101);
		Http.Answer restoreActive = this.http.restore(ann.id());
		assertThat(this.http.archive(ann.id()).status()).isEqualTo(200);
		Http.Answer deleteTwice = this.http.archive(ann.id());

		assertThat(assignAgain.status()).isEqualTo(400);
		assertThat(assignAgain.message()).isEqualTo("The project is already assigned to this project viewer.");
		assertThat(unassignUnassigned.status()).isEqualTo(400);
		assertThat(unassignUnassigned.message()).isEqualTo("The project is not assigned to this project viewer.");
		assertThat(restoreActive.status()).isEqualTo(400);
		assertThat(restoreActive.message()).isEqualTo("The project viewer is not archived.");
		assertThat(deleteTwice.status()).isEqualTo(400);
		assertThat(deleteTwice.message()).isEqualTo("The project viewer is already archived.");
	}

	@Test
	void assignOrUnassignOnAnArchivedViewerIs400AndKeepsItsProjects() {
		SandboxViewer ann = ann();
		this.http.archive(ann.id());

		Http.Answer assign = this.http.assign(ann.id(), 101);
		Http.Answer unassign = this.http.unassign(ann.id(), 101);

		assertThat(assign.status()).isEqualTo(400);
		assertThat(assign.message()).contains("archived");
		assertThat(unassign.status()).isEqualTo(400);
		assertThat(unassign.message()).contains("archived");
		assertThat(sandbox.sandbox().store().viewer(1, ann.id()).orElseThrow().projectIds()).containsExactly(101L);
	}

	@Test
	void archivedViewersAreListedAsInactive() {
		ann();
		sandbox.sandbox().store().addViewer(1, "old@example.com", "Old", "One", "inactive", Set.of());

		List<String> statuses = this.http.get("project-viewers?workspace_id=1")
			.data()
			.valueStream()
			.map((v) -> v.get("status").asString())
			.toList();

		assertThat(statuses).containsExactly("active", "inactive");
	}

}
