package org.viewerbatch.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SeedTest {

	@TempDir
	Path dir;

	@Test
	void theDefaultSeedIsWorkspace1WithTenProjectsAndAnOwnerToken() {
		Seed seed = Seed.defaults();

		assertThat(seed.workspaces()).singleElement().satisfies((ws) -> {
			assertThat(ws.id()).isEqualTo(1);
			assertThat(ws.name()).isEqualTo("Sandbox workspace");
			assertThat(ws.seatLimit()).isNull();
			assertThat(ws.viewers()).isEmpty();
			assertThat(ws.projects()).extracting(Seed.Project::id)
				.containsExactly(101L, 102L, 103L, 104L, 105L, 106L, 107L, 108L, 109L, 110L);
			assertThat(ws.projects().get(0).name()).isEqualTo("Project 101");
		});
		assertThat(seed.tokens()).singleElement().satisfies((t) -> {
			assertThat(t.value()).isEqualTo("sandbox-token");
			assertThat(t.role()).isEqualTo("owner");
		});
	}

	@Test
	void aSeedFileGivesWorkspacesViewersSeatLimitsAndTokens() throws IOException {
		Path file = this.dir.resolve("seed.json");
		Files.writeString(file, """
				{ "workspaces": [ { "id": 7, "name": "Acme", "seat_limit": 2,
				    "projects": [ { "id": 701, "name": "Website", "status": 2 }, { "id": 702 } ],
				    "viewers": [
				      { "id": 5001, "email": "ann@example.com", "firstname": "Ann", "lastname": "Lee",
				        "member_since": "2025-03-01T09:00:00Z", "projects": [701, 702] },
				      { "id": 5002, "email": "old@example.com", "status": "inactive" } ] } ],
				  "tokens": [ { "value": "acme-owner-token", "role": "owner", "workspaces": [7] },
				              { "value": "acme-manager-tok", "role": "executive_manager" } ] }
				""");

		Seed seed = Seed.read(file);

		try (Sandbox sandbox = Sandbox.start(SandboxOptions.defaults().withSeed(seed))) {
			assertThat(sandbox.token()).isEqualTo("acme-owner-token");
			assertThat(sandbox.store().viewers(7)).extracting(SandboxViewer::email)
				.containsExactly("ann@example.com", "old@example.com");
			SandboxViewer ann = sandbox.store().viewer(7, 5001).orElseThrow();
			assertThat(ann.memberSince()).isEqualTo(Instant.parse("2025-03-01T09:00:00Z"));
			assertThat(ann.projectIds()).containsExactly(701L, 702L);
			assertThat(sandbox.store().viewer(7, 5002).orElseThrow().archived()).isTrue();

			Http http = new Http(sandbox);
			Http.Answer created = http.post("project-viewers",
					"{\"workspace_id\":7,\"email\":\"bo@example.com\",\"firstname\":\"Bo\",\"lastname\":\"Ek\"}");
			Http.Answer full = http.post("project-viewers",
					"{\"workspace_id\":7,\"email\":\"cy@example.com\",\"firstname\":\"Cy\",\"lastname\":\"Oh\"}");
			Http.Answer asManager = http.withToken("acme-manager-tok").get("workspaces");

			assertThat(created.data().get("id").asLong()).isEqualTo(5003);
			assertThat(full.message()).contains("seat limit");
			assertThat(asManager.data().get(0).get("role").asString()).isEqualTo("Executive manager");
			assertThat(http.get("projects?workspace_id=7").data().get(0).get("status").asInt()).isEqualTo(2);
		}
	}

	@Test
	void mistakesInASeedFileAreNamed() throws IOException {
		Path file = this.dir.resolve("bad.json");
		Files.writeString(file, """
				{ "workspaces": [ { "id": 1, "viewers": [ { "id": 1, "email": "a@b.c", "projects": [9] } ] } ] }
				""");

		assertThatThrownBy(() -> Seed.read(file))
			.hasMessage("seed file " + file + ": workspace 1: viewer 1 is assigned to unknown project 9");
		assertThatThrownBy(() -> Seed.parse("{ \"workspaces\": [ { \"name\": \"x\" } ] }"))
			.hasMessage("a workspace needs an integer \"id\"");
		assertThatThrownBy(() -> Seed.parse("[1]")).hasMessageContaining("expected a JSON object");
		assertThatThrownBy(() -> Seed.parse("{ oops")).hasMessageStartingWith("not valid JSON");
		assertThatThrownBy(() -> Seed.parse("{ \"tokens\": [ { \"value\": \"t\", \"workspaces\": [3] } ] }"))
			.hasMessageContaining("unknown workspace 3");
		assertThatThrownBy(() -> Seed.read(this.dir.resolve("missing.json")))
			.hasMessageContaining("cannot read the seed file");
	}

	@Test
	void aTokensToStringDoesNotShowItsValue() {
		assertThat(Seed.defaults().tokens().get(0).toString()).doesNotContain("sandbox-token").contains("sand…");
	}

}
