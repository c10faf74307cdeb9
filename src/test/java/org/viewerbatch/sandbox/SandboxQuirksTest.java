package org.viewerbatch.sandbox;

import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.viewerbatch.testsupport.SandboxExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SandboxQuirksTest {

	@RegisterExtension
	static final SandboxExtension sandbox = new SandboxExtension();

	final Http http = new Http(sandbox.sandbox());

	SandboxViewer ann() {
		return sandbox.sandbox().store().addViewer(1, "ann@example.com", "Ann", "Lee", "active", Set.of(101L));
	}

	@Test
	void repeatsAreNoOpsAnswer200AndChangeNothing() {
		sandbox.sandbox().quirks(Quirks.parse("repeats-are-no-ops"));
		SandboxViewer ann = ann();

		assertThat(this.http.assign(ann.id(), 101).status()).isEqualTo(200);
		assertThat(this.http.unassign(ann.id(), 102).status()).isEqualTo(200);
		assertThat(this.http.restore(ann.id()).status()).isEqualTo(200);
		assertThat(this.http.archive(ann.id()).status()).isEqualTo(200);
		Http.Answer deleteAgain = this.http.archive(ann.id());

		assertThat(deleteAgain.status()).isEqualTo(200);
		assertThat(deleteAgain.message()).isEqualTo("Project viewer deleted successfully");
		SandboxViewer after = sandbox.sandbox().store().viewer(1, ann.id()).orElseThrow();
		assertThat(after.archived()).isTrue();
		assertThat(after.projectIds()).containsExactly(101L);
	}

	@Test
	void duplicateEmailAs422AnswersWithALaravelErrorsMap() {
		sandbox.sandbox().quirks(Quirks.parse("duplicate-as-422"));
		ann();

		Http.Answer answer = this.http.create("ann@example.com", "Ann", "Lee");

		assertThat(answer.status()).isEqualTo(422);
		assertThat(answer.message()).isEqualTo("The email has already been taken.");
		assertThat(answer.body().at("/errors/email/0").asString()).isEqualTo("The email has already been taken.");
		assertThat(answer.body().has("success")).isFalse();
	}

	@Test
	void stringIdsSendsEveryIdAsANumericString() {
		sandbox.sandbox().quirks(Quirks.parse("string-ids"));
		SandboxViewer ann = ann();

		Http.Answer viewer = this.http.get("project-viewers/" + ann.id() + "?workspace_id=1");
		Http.Answer projects = this.http.get("projects?workspace_id=1");
		Http.Answer workspaces = this.http.get("workspaces");

		assertThat(viewer.data().get("id").isString()).isTrue();
		assertThat(viewer.data().get("id").asString()).isEqualTo(Long.toString(ann.id()));
		assertThat(viewer.data().at("/projects/0/project_id").asString()).isEqualTo("101");
		assertThat(viewer.data().at("/projects/0/project_id").isString()).isTrue();
		assertThat(projects.data().get(0).get("id").isString()).isTrue();
		assertThat(workspaces.data().get(0).get("id").isString()).isTrue();
	}

	@Test
	void noPaginationLeavesOutMetaPaginationButStillPages() {
		sandbox.sandbox().quirks(Quirks.parse("no-pagination"));
		ann();

		Http.Answer answer = this.http.get("project-viewers?workspace_id=1&per_page=1&page=2");

		assertThat(answer.body().get("meta").has("pagination")).isFalse();
		assertThat(answer.body().at("/meta/api_version").asString()).isEqualTo("2.0.0");
		assertThat(answer.data()).isEmpty();
	}

	@Test
	void hideArchivedLeavesArchivedViewersOutOfTheList() {
		sandbox.sandbox().quirks(Quirks.parse("hide-archived"));
		ann();
		SandboxViewer old = sandbox.sandbox()
			.store()
			.addViewer(1, "old@example.com", "Old", "One", "inactive", Set.of());

		Http.Answer list = this.http.get("project-viewers?workspace_id=1");
		Http.Answer byEmail = this.http.get("project-viewers?workspace_id=1&email=old@example.com");

		assertThat(list.data()).hasSize(1);
		assertThat(list.body().at("/meta/pagination/total").asInt()).isEqualTo(1);
		assertThat(byEmail.data()).isEmpty();
		assertThat(this.http.get("project-viewers/" + old.id() + "?workspace_id=1").status()).isEqualTo(200);
	}

	@Test
	void quirksParseTheirNamesAndResetGoesBackToTheOptions() {
		Quirks all = Quirks.parse("repeats-are-no-ops, duplicate-as-422,string-ids,no-pagination,hide-archived");
		sandbox.sandbox().quirks(all);

		sandbox.sandbox().reset();

		assertThat(all).isEqualTo(new Quirks(true, true, true, true, true));
		assertThat(all.toString())
			.isEqualTo("repeats-are-no-ops,duplicate-as-422,string-ids,no-pagination,hide-archived");
		assertThat(Quirks.parse("")).isEqualTo(Quirks.none());
		assertThatThrownBy(() -> Quirks.parse("string-ids,lenient")).hasMessageContaining("unknown quirk 'lenient'");
		assertThat(this.http.get("workspaces").data().get(0).get("id").isIntegralNumber()).isTrue();
	}

}
