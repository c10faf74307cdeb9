package org.viewerbatch.sandbox;

import java.time.Instant;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import org.viewerbatch.testsupport.MutableClock;
import org.viewerbatch.testsupport.SandboxExtension;

import static org.assertj.core.api.Assertions.assertThat;

class SandboxEndpointsTest {

	static final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T09:30:00Z"));

	@RegisterExtension
	static final SandboxExtension sandbox = new SandboxExtension(SandboxOptions.defaults().withClock(clock));

	final Http http = new Http(sandbox.sandbox());

	@Test
	void apiUrlEndsWithApiV2AndTheDefaultTokenIsTheSeedOwner() {
		assertThat(sandbox.apiUrl().toString()).startsWith("http://127.0.0.1:").endsWith("/api/v2/");
		assertThat(sandbox.token()).isEqualTo("sandbox-token");
	}

	@Test
	void createAnswers201WithTheViewerInTheEnvelope() {
		Http.Answer answer = this.http.create("ann@example.com", "Ann", "Lee");

		assertThat(answer.status()).isEqualTo(201);
		assertThat(answer.body().get("success").asBoolean()).isTrue();
		assertThat(answer.message()).isEqualTo("Project viewer created successfully");
		assertThat(answer.body().at("/meta/api_version").asString()).isEqualTo("2.0.0");
		assertThat(answer.body().at("/meta/timestamp").asString()).isEqualTo("2026-03-01T09:30:00.000000Z");
		JsonNode viewer = answer.data();
		assertThat(viewer.get("id").isIntegralNumber()).isTrue();
		assertThat(viewer.get("id").asLong()).isEqualTo(1001);
		assertThat(viewer.get("email").asString()).isEqualTo("ann@example.com");
		assertThat(viewer.get("firstname").asString()).isEqualTo("Ann");
		assertThat(viewer.get("lastname").asString()).isEqualTo("Lee");
		assertThat(viewer.get("status").asString()).isEqualTo("active");
		assertThat(viewer.get("member_since").asString()).isEqualTo("2026-03-01T09:30:00.000000Z");
		assertThat(viewer.get("projects").isArray()).isTrue();
		assertThat(viewer.get("projects")).isEmpty();
		assertThat(sandbox.sandbox().store().viewerByEmail(1, "ANN@example.com")).isPresent();
	}

	@Test
	void getAnswersTheViewerWithItsProjects() {
		SandboxViewer ann = sandbox.sandbox()
			.store()
			.addViewer(1, "ann@example.com", "Ann", "Lee", "active", Set.of(103L, 101L));

		Http.Answer answer = this.http.get("project-viewers/" + ann.id() + "?workspace_id=1");

		assertThat(answer.status()).isEqualTo(200);
		assertThat(answer.message()).isEqualTo("Project viewer retrieved successfully");
		assertThat(answer.data().get("id").asLong()).isEqualTo(ann.id());
		assertThat(answer.data().at("/projects/0/project_id").asLong()).isEqualTo(101);
		assertThat(answer.data().at("/projects/0/project_name").asString()).isEqualTo("Project 101");
		assertThat(answer.data().at("/projects/1/project_id").asLong()).isEqualTo(103);
	}

	@Test
	void listAnswersTheViewersWithPagination() {
		sandbox.sandbox().store().addViewer(1, "ann@example.com", "Ann", "Lee", "active", Set.of(101L));

		Http.Answer answer = this.http.get("project-viewers?workspace_id=1");

		assertThat(answer.status()).isEqualTo(200);
		assertThat(answer.message()).isEqualTo("Project viewers retrieved successfully");
		assertThat(answer.data()).hasSize(1);
		assertThat(answer.data().get(0).get("email").asString()).isEqualTo("ann@example.com");
		JsonNode pagination = answer.body().at("/meta/pagination");
		assertThat(pagination.get("total").asInt()).isEqualTo(1);
		assertThat(pagination.get("per_page").asInt()).isEqualTo(20);
		assertThat(pagination.get("current_page").asInt()).isEqualTo(1);
		assertThat(pagination.get("last_page").asInt()).isEqualTo(1);
		assertThat(pagination.get("from").asInt()).isEqualTo(1);
		assertThat(pagination.get("to").asInt()).isEqualTo(1);
	}

	@Test
	void deleteArchivesAndRestoreBringsBack() {
		SandboxViewer ann = sandbox.sandbox().store().addViewer(1, "ann@example.com", "Ann", "Lee", "active", Set.of());

		Http.Answer deleted = this.http.archive(ann.id());

		assertThat(deleted.status()).isEqualTo(200);
		assertThat(deleted.message()).isEqualTo("Project viewer deleted successfully");
		assertThat(deleted.data().isNull()).isTrue();
		SandboxViewer archived = sandbox.sandbox().store().viewer(1, ann.id()).orElseThrow();
		assertThat(archived.archived()).isTrue();
		assertThat(archived.status()).isEqualTo("inactive");
		assertThat(this.http.get("project-viewers?workspace_id=1").data().get(0).get("status").asString())
			.isEqualTo("inactive");

		Http.Answer restored = this.http.restore(ann.id());

		assertThat(restored.status()).isEqualTo(200);
		assertThat(restored.message()).isEqualTo("Project viewer restored successfully");
		assertThat(restored.data().isNull()).isTrue();
		assertThat(sandbox.sandbox().store().viewer(1, ann.id()).orElseThrow().status()).isEqualTo("active");
	}

	@Test
	void assignAndUnassignChangeTheViewersProjects() {
		SandboxViewer ann = sandbox.sandbox().store().addViewer(1, "ann@example.com", "Ann", "Lee", "active", Set.of());

		Http.Answer assigned = this.http.assign(ann.id(), 105);

		assertThat(assigned.status()).isEqualTo(200);
		assertThat(assigned.message()).isEqualTo("Project assigned to viewer successfully");
		assertThat(assigned.data().isNull()).isTrue();
		assertThat(sandbox.sandbox().store().viewer(1, ann.id()).orElseThrow().projectIds()).containsExactly(105L);

		Http.Answer unassigned = this.http.unassign(ann.id(), 105);

		assertThat(unassigned.status()).isEqualTo(200);
		assertThat(unassigned.message()).isEqualTo("Project unassigned from viewer successfully");
		assertThat(sandbox.sandbox().store().viewer(1, ann.id()).orElseThrow().projectIds()).isEmpty();
	}

	@Test
	void projectsListsTheSeededProjectsAndFiltersByName() {
		Http.Answer all = this.http.get("projects?workspace_id=1");

		assertThat(all.status()).isEqualTo(200);
		assertThat(all.data()).hasSize(10);
		assertThat(all.data().get(0).get("id").asLong()).isEqualTo(101);
		assertThat(all.data().get(0).get("name").asString()).isEqualTo("Project 101");
		assertThat(all.data().get(0).get("status").asInt()).isEqualTo(1);
		assertThat(all.body().at("/meta/pagination/total").asInt()).isEqualTo(10);

		Http.Answer named = this.http.get("projects?workspace_id=1&name=project%20110");

		assertThat(named.data()).hasSize(1);
		assertThat(named.data().get(0).get("id").asLong()).isEqualTo(110);
	}

	@Test
	void workspacesListsTheTokensWorkspacesWithItsRole() {
		Http.Answer answer = this.http.get("workspaces");

		assertThat(answer.status()).isEqualTo(200);
		assertThat(answer.data()).hasSize(1);
		assertThat(answer.data().get(0).get("id").asLong()).isEqualTo(1);
		assertThat(answer.data().get(0).get("name").asString()).isEqualTo("Sandbox workspace");
		assertThat(answer.data().get(0).get("role").asString()).isEqualTo("Owner");
		assertThat(answer.body().at("/meta/pagination/total").asInt()).isEqualTo(1);
	}

	@Test
	void workspaceIdIsAlsoAcceptedAsANumericString() {
		Http.Answer answer = this.http.post("project-viewers",
				"{\"workspace_id\":\"1\",\"email\":\"bo@example.com\",\"firstname\":\"Bo\",\"lastname\":\"Ek\"}");

		assertThat(answer.status()).isEqualTo(201);
	}

	@Test
	void answersCarryTheRateLimitHeaders() {
		Http.Answer answer = this.http.get("workspaces");

		assertThat(answer.header("X-RateLimit-Limit")).isEqualTo("60");
		assertThat(answer.header("X-RateLimit-Remaining")).isEqualTo("59");
		assertThat(answer.header("Content-Type")).isEqualTo("application/json");
	}

	@Test
	void anUnknownRouteIs404AndAWrongMethodIs405() {
		Http.Answer unknown = this.http.get("nothing-here");
		Http.Answer wrongMethod = this.http.get("project-viewers/5/restore");

		assertThat(unknown.status()).isEqualTo(404);
		assertThat(unknown.body().get("success").asBoolean()).isFalse();
		assertThat(wrongMethod.status()).isEqualTo(405);
		assertThat(wrongMethod.message()).contains("Supported methods: POST");
	}

}
