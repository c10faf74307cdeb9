package org.viewerbatch.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.viewerbatch.sandbox.Fault;
import org.viewerbatch.sandbox.FaultPlan;
import org.viewerbatch.sandbox.LoggedRequest;
import org.viewerbatch.sandbox.RequestLog;
import org.viewerbatch.sandbox.SandboxOptions;
import org.viewerbatch.sandbox.SandboxStore;
import org.viewerbatch.sandbox.SandboxViewer;
import org.viewerbatch.testsupport.SandboxExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An undo puts every viewer it does not report as a conflict back to exactly its state
 * before the run, status and projects, in the order the sandbox accepts (it refuses
 * project changes on an archived viewer, as the API does) and with the fewest requests.
 * The first execution of a new HSQLDB repository has the id 0.
 */
class UndoIsExactTest {

	private static final String ARCHIVE = "/project-viewers/\\d+";

	private static final String RESTORE = "/project-viewers/\\d+/restore";

	private static final String UNASSIGN = "/project-viewers/\\d+/unassign-project";

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

	RequestLog log() {
		return sandbox.sandbox().requestLog();
	}

	/** Every viewer's status and projects, by email. */
	Map<String, String> workspace() {
		Map<String, String> state = new TreeMap<>();
		for (SandboxViewer viewer : store().viewers(1)) {
			state.put(viewer.email(), viewer.status() + " " + new TreeSet<>(viewer.projectIds()));
		}
		return state;
	}

	/** Imports {@code csv} (header included), which must apply completely. */
	void importViewers(String csv, String... options) throws Exception {
		Path file = Files.writeString(Files.createTempFile(this.dir, "viewers", ".csv"), csv);
		String[] args = new String[options.length + 2];
		args[0] = "import-viewers";
		args[1] = file.toString();
		System.arraycopy(options, 0, args, 2, options.length);
		SandboxRun imported = run(args);
		assertThat(imported.exitCode()).as(imported.err()).isZero();
	}

	SandboxRun undo(long executionId, String... options) {
		String[] args = new String[options.length + 5];
		args[0] = "undo";
		args[1] = String.valueOf(executionId);
		args[2] = "--allow-delete";
		args[3] = "--dir";
		args[4] = this.dir.resolve("undo-of-" + executionId + "-" + options.length).toString();
		System.arraycopy(options, 0, args, 5, options.length);
		SandboxRun undo = run(args);
		assertThat(undo.exitCode()).as(undo.err()).isZero();
		return undo;
	}

	/** The writes sent, in order, with the viewer's id as {@code N}. */
	List<String> writesInOrder() {
		return log().all()
			.stream()
			.filter((request) -> !request.method().equals("GET"))
			.map((request) -> request.method() + " " + request.path().replaceAll("\\d+", "N"))
			.toList();
	}

	/**
	 * The requests the sandbox refused: none, when the changes come in an order it
	 * accepts.
	 */
	List<LoggedRequest> refused() {
		return log().all().stream().filter((request) -> request.status() >= 400).toList();
	}

	@Test
	void aViewerTheRunRestoredAndTookAProjectFromIsGivenItBackThenArchived() throws Exception {
		store().addViewer(1, "back@example.com", "Back", "Again", "inactive", Set.of(101L, 102L));
		Map<String, String> before = workspace();
		importViewers("email,projects\nback@example.com,101\n", "--sync-projects");
		assertThat(workspace()).containsEntry("back@example.com", "active [101]");
		log().clear();

		undo(0);

		assertThat(workspace()).isEqualTo(before);
		// it is active with 101 now: no restore, the project while it is active, then the
		// archive
		assertThat(writesInOrder()).containsExactly("POST /project-viewers/N/assign-project",
				"DELETE /project-viewers/N");
		assertThat(refused()).isEmpty();
		assertThat(Files.readString(this.dir.resolve("undo-of-0-0/undo-0.results.csv"))).contains("back@example.com")
			.contains("assigned+deleted");
	}

	@Test
	void aViewerTheRunRestoredAndGaveNewProjectsIsArchivedWithItsOldProjectsOnly() throws Exception {
		store().addViewer(1, "back@example.com", "Back", "Again", "inactive", Set.of(103L));
		Map<String, String> before = workspace();
		importViewers("email,projects\nback@example.com,103;104;105\n");
		assertThat(workspace()).containsEntry("back@example.com", "active [103, 104, 105]");
		log().clear();

		undo(0);

		assertThat(workspace()).isEqualTo(before);
		assertThat(log().writes()).isEqualTo(3);
		assertThat(log().count("DELETE", UNASSIGN)).isEqualTo(2);
		assertThat(log().count("DELETE", ARCHIVE)).isOne();
		assertThat(refused()).isEmpty();
	}

	@Test
	void aViewerTheRunCreatedIsArchivedWithOneRequestAndNobodyInvited() throws Exception {
		importViewers("email,firstname,lastname,projects\nnew@example.com,New,Viewer,101;102\n");
		log().clear();

		SandboxRun undo = undo(0);

		assertThat(workspace()).containsExactlyEntriesOf(Map.of("new@example.com", "inactive [101, 102]"));
		assertThat(log().writes()).isOne();
		assertThat(log().count("DELETE", ARCHIVE)).isOne();
		assertThat(log().invitationsSent()).isZero();
		assertThat(undo.err()).contains("1 viewers the run created are archived by the undo");
	}

	@Test
	void aRunMixingEveryChangeIsUndoneToTheWholeWorkspaceBeforeItAndRedoneByUndoingTheUndo() throws Exception {
		store().addViewer(1, "taken@example.com", "Taken", "Away", "inactive", Set.of(101L, 102L));
		store().addViewer(1, "given@example.com", "Given", "More", "inactive", Set.of(103L));
		store().addViewer(1, "empty@example.com", "Empty", "Before", "inactive", Set.of());
		store().addViewer(1, "kept@example.com", "Kept", "Here", "active", Set.of(101L, 102L));
		store().addViewer(1, "bye@example.com", "Bye", "Now", "active", Set.of(104L));
		store().addViewer(1, "other@example.com", "Not", "Touched", "active", Set.of(101L));
		store().addViewer(1, "asleep@example.com", "Not", "Touched", "inactive", Set.of(105L));
		Map<String, String> before = workspace();
		importViewers("""
				email,firstname,lastname,projects,action
				taken@example.com,,,101,
				given@example.com,,,103;104,
				empty@example.com,,,105,
				kept@example.com,,,101;103,
				bye@example.com,,,104,delete
				new@example.com,New,Viewer,101,
				""", "--sync-projects", "--allow-delete");
		Map<String, String> afterRun = workspace();
		log().clear();

		undo(0);

		Map<String, String> undone = workspace();
		assertThat(undone).containsEntry("new@example.com", "inactive [101]");
		undone.remove("new@example.com");
		assertThat(undone).isEqualTo(before);
		// taken@: assign 102, archive; given@: unassign 104, archive; empty@: unassign
		// 105, archive; kept@: assign 102, unassign 103; bye@: restore; new@: archive
		assertThat(log().writes()).isEqualTo(10);
		assertThat(log().count("POST", RESTORE)).isOne();
		assertThat(log().count("DELETE", ARCHIVE)).isEqualTo(4);
		assertThat(log().count("POST", "/project-viewers")).isZero();
		assertThat(refused()).isEmpty();

		log().clear();
		undo(1);

		assertThat(workspace()).isEqualTo(afterRun);
		// each viewer the undo archived is restored before its projects change
		assertThat(log().writes()).isEqualTo(10);
		assertThat(log().count("POST", RESTORE)).isEqualTo(4);
		assertThat(log().invitationsSent()).isZero();
		assertThat(refused()).isEmpty();
	}

	@Test
	void aViewerArchivedSinceTheRunIsAConflictAndForcedIsRestoredToChangeItsProjectsThenArchived() throws Exception {
		store().addViewer(1, "back@example.com", "Back", "Again", "inactive", Set.of(103L));
		Map<String, String> before = workspace();
		importViewers("email,projects\nback@example.com,103;104\n");
		// someone archives her after the run
		importViewers("email,action\nback@example.com,delete\n", "--allow-delete");
		log().clear();
		Path undoDir = this.dir.resolve("undo");

		SandboxRun conflict = run("undo", "0", "--allow-delete", "--dir", undoDir.toString());

		assertThat(conflict.exitCode()).isEqualTo(2);
		assertThat(conflict.err())
			.contains("conflict: back@example.com: changed since the run (the run left it"
					+ " active, it is archived): left alone; --force undoes it anyway")
			.endsWith("viewer-batch: nothing undone: every viewer execution 0 changed is a conflict, listed in "
					+ undoDir.resolve("undo-0.conflicts.txt") + "\n");
		assertThat(log().writes()).isZero();

		// in the same directory, as the conflict line says
		SandboxRun forced = run("undo", "0", "--allow-delete", "--force", "--dir", undoDir.toString());

		assertThat(forced.exitCode()).as(forced.err()).isZero();
		assertThat(undoDir.resolve("undo-0.conflicts.txt")).doesNotExist();

		assertThat(workspace()).isEqualTo(before);
		assertThat(log().writes()).isEqualTo(3);
		assertThat(writesInOrder()).containsExactly("POST /project-viewers/N/restore",
				"DELETE /project-viewers/N/unassign-project", "DELETE /project-viewers/N");
		assertThat(refused()).isEmpty();
	}

	@Test
	void anUndoStoppedBetweenTheRestoreAndTheArchiveEndsExactWhenRunAgain() throws Exception {
		store().addViewer(1, "back@example.com", "Back", "Again", "inactive", Set.of(103L));
		Map<String, String> before = workspace();
		importViewers("email,projects\nback@example.com,103;104\n");
		importViewers("email,action\nback@example.com,delete\n", "--allow-delete");
		String undoDir = this.dir.resolve("undo").toString();
		sandbox.sandbox().faultPlan(FaultPlan.builder().onEndpoint("DELETE", ARCHIVE, 1, Fault.status(401)).build());
		log().clear();

		SandboxRun stopped = run("undo", "0", "--allow-delete", "--force", "--dir", undoDir);

		assertThat(stopped.exitCode()).as(stopped.err()).isEqualTo(4);
		assertThat(workspace()).containsEntry("back@example.com", "active [103]");
		sandbox.sandbox().faultPlan(FaultPlan.none());
		log().clear();

		SandboxRun resumed = run("undo", "0", "--allow-delete", "--force", "--dir", undoDir);

		assertThat(resumed.exitCode()).as(resumed.err()).isZero();
		assertThat(workspace()).isEqualTo(before);
		assertThat(writesInOrder()).containsExactly("DELETE /project-viewers/N");
	}

}
