package org.viewerbatch.sandbox;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import org.viewerbatch.testsupport.SandboxExtension;

import static org.assertj.core.api.Assertions.assertThat;

class SandboxListTest {

	@RegisterExtension
	static final SandboxExtension sandbox = new SandboxExtension();

	final Http http = new Http(sandbox.sandbox());

	@BeforeEach
	void twentyFiveViewers() {
		for (int i = 1; i <= 25; i++) {
			sandbox.sandbox().store().addViewer(1, "viewer" + i + "@example.com", "V", "N" + i, "active", Set.of());
		}
	}

	static List<Long> ids(Http.Answer answer) {
		return answer.data().valueStream().map((v) -> v.get("id").asLong()).toList();
	}

	@Test
	void pagesAre20ByDefaultAndOrderedById() {
		Http.Answer first = this.http.get("project-viewers?workspace_id=1");
		Http.Answer second = this.http.get("project-viewers?workspace_id=1&page=2");

		assertThat(ids(first)).hasSize(20).isSorted().startsWith(1001L);
		assertThat(ids(second)).containsExactly(1021L, 1022L, 1023L, 1024L, 1025L);
		JsonNode pagination = second.body().at("/meta/pagination");
		assertThat(pagination.get("total").asInt()).isEqualTo(25);
		assertThat(pagination.get("current_page").asInt()).isEqualTo(2);
		assertThat(pagination.get("last_page").asInt()).isEqualTo(2);
		assertThat(pagination.get("from").asInt()).isEqualTo(21);
		assertThat(pagination.get("to").asInt()).isEqualTo(25);
	}

	@Test
	void perPageUpTo100AndAPageBeyondTheEndIsEmpty() {
		Http.Answer all = this.http.get("project-viewers?workspace_id=1&per_page=100");
		Http.Answer beyond = this.http.get("project-viewers?workspace_id=1&per_page=10&page=4");

		assertThat(ids(all)).hasSize(25);
		assertThat(all.body().at("/meta/pagination/last_page").asInt()).isEqualTo(1);
		assertThat(beyond.status()).isEqualTo(200);
		assertThat(beyond.data()).isEmpty();
		assertThat(beyond.body().at("/meta/pagination/last_page").asInt()).isEqualTo(3);
		assertThat(beyond.body().at("/meta/pagination/from").isNull()).isTrue();
	}

	@Test
	void perPageOutside1To100AndPage0Are400() {
		assertThat(this.http.get("project-viewers?workspace_id=1&per_page=101").message())
			.isEqualTo("The per page field must be between 1 and 100.");
		assertThat(this.http.get("project-viewers?workspace_id=1&per_page=0").status()).isEqualTo(400);
		assertThat(this.http.get("project-viewers?workspace_id=1&page=0").message())
			.isEqualTo("The page field must be at least 1.");
		assertThat(this.http.get("project-viewers?workspace_id=1&page=two").message())
			.isEqualTo("The page field must be an integer.");
	}

	@Test
	void theEmailFilterIsExactAndCaseInsensitive() {
		Http.Answer exact = this.http.get("project-viewers?workspace_id=1&email=VIEWER2%40Example.COM");
		Http.Answer partial = this.http.get("project-viewers?workspace_id=1&email=viewer2");

		assertThat(ids(exact)).containsExactly(1002L);
		assertThat(exact.body().at("/meta/pagination/total").asInt()).isEqualTo(1);
		assertThat(partial.data()).isEmpty();
	}

}
