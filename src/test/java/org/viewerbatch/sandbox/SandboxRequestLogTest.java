package org.viewerbatch.sandbox;

import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import org.viewerbatch.testsupport.SandboxExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class SandboxRequestLogTest {

	@RegisterExtension
	static final SandboxExtension sandbox = new SandboxExtension();

	final Http http = new Http(sandbox.sandbox());

	@Test
	void everyRequestIsLoggedWithWhatItWasAbout() {
		Http.Answer created = this.http.create("Ann@Example.com", "Ann", "Lee");
		long id = created.data().get("id").asLong();
		this.http.assign(id, 102);
		this.http.get("project-viewers?workspace_id=1&email=ann%40example.com");
		this.http.withToken(null).get("workspaces");

		RequestLog log = sandbox.sandbox().requestLog();

		assertThat(log.all()).extracting(LoggedRequest::method, LoggedRequest::path, LoggedRequest::status)
			.containsExactly(tuple("POST", "/project-viewers", 201),
					tuple("POST", "/project-viewers/" + id + "/assign-project", 200),
					tuple("GET", "/project-viewers", 200), tuple("GET", "/workspaces", 401));
		LoggedRequest create = log.all().get(0);
		assertThat(create.email()).isEqualTo("Ann@Example.com");
		assertThat(create.viewerId()).isEqualTo(id);
		assertThat(create.token()).isEqualTo("sand…");
		assertThat(create.at()).isNotNull();
		assertThat(log.all().get(1).projectId()).isEqualTo(102);
		assertThat(log.all().get(2).email()).isEqualTo("ann@example.com");
		assertThat(log.all().get(2).query()).isEqualTo("workspace_id=1&email=ann%40example.com");
		assertThat(log.all().get(3).token()).isNull();
		assertThat(log.all()).extracting(LoggedRequest::seq).isSorted().doesNotHaveDuplicates();
		assertThat(log.count("POST", "/project-viewers")).isEqualTo(1);
		assertThat(log.count("POST", "/project-viewers.*")).isEqualTo(2);
		assertThat(log.writes()).isEqualTo(2);
		assertThat(log.invitationsSent("ann@example.com")).isEqualTo(1);
		assertThat(log.invitationsSent()).isEqualTo(1);
	}

	@Test
	void theLogAndTheCountersCanBeReadOverHttp() {
		this.http.create("ann@example.com", "Ann", "Lee");
		this.http.create("ann@example.com", "Ann", "Lee");
		this.http.get("project-viewers?workspace_id=1");

		Http.Answer requests = Http.root(sandbox.sandbox(), "GET", "/__sandbox/requests");
		Http.Answer stats = Http.root(sandbox.sandbox(), "GET", "/__sandbox/stats");

		assertThat(requests.status()).isEqualTo(200);
		assertThat(requests.body()).hasSize(3);
		JsonNode first = requests.body().get(0);
		assertThat(first.get("method").asString()).isEqualTo("POST");
		assertThat(first.get("path").asString()).isEqualTo("/project-viewers");
		assertThat(first.get("status").asInt()).isEqualTo(201);
		assertThat(first.get("email").asString()).isEqualTo("ann@example.com");
		assertThat(first.get("token").asString()).isEqualTo("sand…");
		assertThat(stats.body().get("requests").asInt()).isEqualTo(3);
		assertThat(stats.body().get("by_endpoint").get("POST /project-viewers").asInt()).isEqualTo(2);
		assertThat(stats.body().get("by_endpoint").get("GET /project-viewers").asInt()).isEqualTo(1);
		assertThat(stats.body().get("by_email").get("ann@example.com").asInt()).isEqualTo(2);
		assertThat(stats.body().get("invitations_by_email").get("ann@example.com").asInt()).isEqualTo(1);
		assertThat(stats.body().get("invitations").asInt()).isEqualTo(1);
		assertThat(stats.body().get("rate_limited").asInt()).isZero();
	}

	@Test
	void statsShowIdsAsAPlaceholder() {
		SandboxViewer ann = sandbox.sandbox().store().addViewer(1, "ann@example.com", "Ann", "Lee", "active", Set.of());
		this.http.assign(ann.id(), 101);

		Http.Answer stats = Http.root(sandbox.sandbox(), "GET", "/__sandbox/stats");

		assertThat(stats.body().get("by_endpoint").get("POST /project-viewers/{id}/assign-project").asInt())
			.isEqualTo(1);
	}

	@Test
	void resetLogClearsTheLogButNotTheState() {
		this.http.create("ann@example.com", "Ann", "Lee");

		Http.Answer reset = Http.root(sandbox.sandbox(), "POST", "/__sandbox/reset-log");

		assertThat(reset.status()).isEqualTo(200);
		assertThat(sandbox.sandbox().requestLog().all()).isEmpty();
		assertThat(sandbox.sandbox().requestLog().invitationsSent()).isZero();
		assertThat(sandbox.sandbox().store().viewers(1)).hasSize(1);
	}

	@Test
	void sandboxPathsAreNeitherAuthenticatedNorLogged() {
		Http.root(sandbox.sandbox(), "GET", "/__sandbox/requests");
		Http.Answer unknown = Http.root(sandbox.sandbox(), "GET", "/__sandbox/nothing");

		assertThat(unknown.status()).isEqualTo(404);
		assertThat(sandbox.sandbox().requestLog().all()).isEmpty();
	}

}
