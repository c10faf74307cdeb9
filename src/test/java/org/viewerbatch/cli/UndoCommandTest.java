package org.viewerbatch.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.viewerbatch.sandbox.SandboxOptions;
import org.viewerbatch.sandbox.SandboxStore;
import org.viewerbatch.sandbox.SandboxViewer;
import org.viewerbatch.testsupport.SandboxExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code viewer-batch undo EXECUTION_ID} as a user runs it, in-process, with a file job
 * repository, against the sandbox. The first execution of a new HSQLDB repository has the
 * id 0.
 */
class UndoCommandTest {

	@RegisterExtension
	static final SandboxExtension sandbox = new SandboxExtension(SandboxOptions.defaults().withRateLimit(100_000));

	@TempDir
	Path dir;

	SandboxRun run(String... args) {
		return SandboxRun.run(sandbox, this.dir.resolve("home"), args);
	}

	SandboxStore store() {
		return sandbox.sandbox().store();
	}

	/** What an export shows of each viewer: status and projects, by email. */
	Map<String, String> workspace() {
		Map<String, String> state = new TreeMap<>();
		for (SandboxViewer viewer : store().viewers(1)) {
			state.put(viewer.email(), viewer.status() + " " + new TreeSet<>(viewer.projectIds()));
		}
		return state;
	}

	@BeforeEach
	void seed() {
		store().addViewer(1, "kept@example.com", "Kept", "Here", "active", Set.of(101L, 102L));
		store().addViewer(1, "back@example.com", "Back", "Again", "inactive", Set.of(103L));
		store().addViewer(1, "bye@example.com", "Bye", "Now", "active", Set.of(104L));
		store().addViewer(1, "other@example.com", "Not", "Touched", "active", Set.of(101L));
	}

	/**
	 * One run that creates (new@), restores (back@), assigns and unassigns (kept@:
	 * --sync-projects takes 102, gives 103) and archives (bye@).
	 */
	SandboxRun importThatChangesEverything() throws Exception {
		Path file = Files.writeString(this.dir.resolve("clients.csv"), """
				email,firstname,lastname,projects,action
				kept@example.com,Kept,Here,101;103,
				back@example.com,Back,Again,103,
				new@example.com,New,Viewer,101,
				bye@example.com,,,,delete
				""");
		SandboxRun imported = run("import-viewers", file.toString(), "--sync-projects", "--allow-delete");
		assertThat(imported.exitCode()).as(imported.err()).isZero();
		return imported;
	}

	@Test
	void anUndoPutsEveryViewerTheRunChangedBackWithTheFewestRequestsAndNoCreate() throws Exception {
		Map<String, String> before = workspace();
		importThatChangesEverything();
		sandbox.sandbox().requestLog().clear();

		SandboxRun undo = run("undo", "0", "--allow-delete", "--dir", this.dir.resolve("undo").toString());

		assertThat(undo.exitCode()).as(undo.err()).isZero();
		assertThat(undo.err()).contains("1 viewers the run created are archived by the undo: the invitations they"
				+ " were sent cannot be unsent");
		var log = sandbox.sandbox().requestLog();
		assertThat(log.count("POST", "/project-viewers")).isZero();
		assertThat(log.invitationsSent()).isZero();
		// kept@: assign 102, unassign 103; back@: archive; new@: archive; bye@: restore
		assertThat(log.writes()).isEqualTo(5);
		assertThat(log.count("DELETE", "/project-viewers/\\d+")).isEqualTo(2);
		Map<String, String> after = workspace();
		assertThat(after).containsEntry("new@example.com", "inactive [101]");
		after.remove("new@example.com");
		assertThat(after).isEqualTo(before);
		Path results = this.dir.resolve("undo/undo-0.results.csv");
		assertThat(Files.readAllLines(results)).hasSize(1 + 4);
		assertThat(this.dir.resolve("undo/undo-0.report.html")).exists();
		// the same command again goes on with the same undo-0.csv: a failed undo resumes,
		// a
		// finished one is done
		log.clear();
		SandboxRun again = run("undo", "0", "--allow-delete", "--dir", this.dir.resolve("undo").toString());
		assertThat(again.exitCode()).as(again.err()).isZero();
		assertThat(again.err()).contains("already done");
		assertThat(log.all()).isEmpty();

		// undoing the undo applies the run again (and still creates nobody)
		log.clear();
		SandboxRun redo = run("undo", "1", "--allow-delete", "--dir", this.dir.resolve("undo").toString());
		assertThat(redo.exitCode()).as(redo.err()).isZero();
		assertThat(log.count("POST", "/project-viewers")).isZero();
		assertThat(workspace()).containsEntry("kept@example.com", "active [101, 103]")
			.containsEntry("back@example.com", "active [103]")
			.containsEntry("new@example.com", "active [101]")
			.containsEntry("bye@example.com", "inactive [104]");
	}

	@Test
	void aViewerChangedSinceTheRunIsAConflictLeftAloneUnlessForced() throws Exception {
		importThatChangesEverything();
		// someone else takes project 103 away from kept@ after the run
		Path access = Files.writeString(this.dir.resolve("access.csv"),
				"email,project_id,action\nkept@example.com,103,unassign\n");
		assertThat(run("import-assignments", access.toString()).exitCode()).isZero();
		sandbox.sandbox().requestLog().clear();

		SandboxRun undo = run("undo", "0", "--allow-delete", "--dir", this.dir.resolve("undo").toString());

		assertThat(undo.exitCode()).as(undo.err()).isZero();
		assertThat(undo.err())
			.contains("conflict: kept@example.com: changed since the run (the run assigned project"
					+ " 103, which it no longer has): left alone; --force undoes it anyway")
			.contains("1 viewers left alone, listed in " + this.dir.resolve("undo/undo-0.conflicts.txt"));
		assertThat(Files.readAllLines(this.dir.resolve("undo/undo-0.conflicts.txt"))).singleElement()
			.asString()
			.startsWith("kept@example.com: changed since the run");
		assertThat(workspace()).containsEntry("kept@example.com", "active [101]");
		assertThat(sandbox.sandbox().requestLog().writes()).isEqualTo(3);

		SandboxRun forced = run("undo", "0", "--allow-delete", "--force", "--dir",
				this.dir.resolve("forced").toString());
		assertThat(forced.exitCode()).as(forced.err()).isZero();
		assertThat(workspace()).containsEntry("kept@example.com", "active [101, 102]");
	}

	@Test
	void anImportAssignmentsRunByViewerIdIsUndoneToo() throws Exception {
		Map<String, String> before = workspace();
		long other = store().viewerByEmail(1, "other@example.com").orElseThrow().id();
		Path access = Files.writeString(this.dir.resolve("access.csv"),
				"viewer_id,project_id,action\n" + other + ",105,assign\n" + other + ",101,unassign\n");
		assertThat(run("import-assignments", access.toString()).exitCode()).isZero();
		assertThat(workspace()).containsEntry("other@example.com", "active [105]");
		sandbox.sandbox().requestLog().clear();

		SandboxRun undo = run("undo", "0", "--dir", this.dir.resolve("undo").toString());

		assertThat(undo.exitCode()).as(undo.err()).isZero();
		assertThat(sandbox.sandbox().requestLog().writes()).isEqualTo(2);
		assertThat(workspace()).isEqualTo(before);
	}

	@Test
	void anUndoThatArchivesIsRefusedWithoutAllowDeleteBeforeAnyWrite() throws Exception {
		importThatChangesEverything();
		sandbox.sandbox().requestLog().clear();

		SandboxRun refused = run("undo", "0", "--dir", this.dir.resolve("undo").toString());

		assertThat(refused.exitCode()).isEqualTo(2);
		assertThat(refused.err()).contains("needs --allow-delete");
		assertThat(sandbox.sandbox().requestLog().writes()).isZero();

		SandboxRun none = run("undo", "42");
		assertThat(none.exitCode()).isEqualTo(2);
		assertThat(none.err())
			.isEqualTo("viewer-batch: no execution 42 in the job repository (viewer-batch jobs" + " lists them)\n");
	}

}
