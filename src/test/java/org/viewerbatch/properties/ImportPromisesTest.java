package org.viewerbatch.properties;

import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;

import org.viewerbatch.properties.Expected.State;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SPEC's guarantees as properties over generated worlds (a workspace, a file, the
 * options, a fault plan, stop requests): the same command run until it ends, over real
 * HTTP against the sandbox, on a fake clock; then {@code --rerun}, or {@code undo}. A
 * failing try shrinks to the smallest world that still fails, which jqwik reports with
 * its seed. Each promise is a property of its own, so that each reports its own smallest
 * world.
 * <p>
 * CI runs {@code jqwik.tries.default} tries of each
 * (src/test/resources/junit-platform.properties); by hand, many more, e.g.
 * {@code mvn test -Dtest='ImportPromisesTest#theSameCommandUntilItEndsKeepsTheImportsPromises'
 * -Djqwik.tries.default=300 -Djqwik.failures.after.default=RANDOM_SEED} (without the last
 * flag, a property that failed before first tries its failing world again, kept in
 * target/jqwik-database; {@code @Property(seed = "...")} replays a reported seed).
 */
class ImportPromisesTest {

	@Provide
	Arbitrary<World> worlds() {
		return Worlds.worlds();
	}

	/**
	 * Exactly one invitation per new viewer whatever fails; the workspace as the file
	 * says; every data line in exactly one of results and rejects, and rejected only for
	 * the file's values; the summary's counts equal the files'.
	 */
	@Property(shrinking = ShrinkingMode.BOUNDED)
	void theSameCommandUntilItEndsKeepsTheImportsPromises(@ForAll("worlds") World world) {
		Expected expected = Expected.of(world);
		try (WorldRun run = WorldRun.onFakeTime(world)) {
			CommandRun last = run.importUntilItEnds();
			if (!world.hasDataLines()) {
				// a file without rows is an input error, found before any write
				assertThat(last.exitCode()).as("a file without rows: exit 2\n%s", story(world, run)).isEqualTo(2);
				assertThat(run.sandbox().requestLog().writes()).as("nothing sent").isZero();
				return;
			}
			if (expected.refused()) {
				assertThat(last.exitCode()).as("a roster with an unreadable email: exit 2\n%s", story(world, run))
					.isEqualTo(2);
				assertThat(run.sandbox().requestLog().writes()).as("nothing sent\n%s", story(world, run)).isZero();
				assertThat(run.workspace()).as("nothing changed\n%s", story(world, run)).isEqualTo(expected.before());
				return;
			}
			assertThat(last.exitCode())
				.as("the import ended (0, or 3 with rejects) within %d runs of the same command\n%s",
						WorldRun.MOST_RUNS, story(world, run))
				.isEqualTo(expected.rejectedLines().isEmpty() ? 0 : 3);
			Promises.afterImport(world, expected, run, last);
		}
	}

	/**
	 * Once an import has completed with the workspace as its file says, the same file
	 * again with {@code --rerun} sends no write (and ends as the import did).
	 */
	@Property(shrinking = ShrinkingMode.BOUNDED, maxDiscardRatio = 100)
	void aRerunOfACompletedFileSendsNoWrite(@ForAll("worlds") World world) {
		Assume.that(world.hasDataLines());
		Expected expected = Expected.of(world);
		try (WorldRun run = WorldRun.onFakeTime(world)) {
			CommandRun last = run.importUntilItEnds();
			// a world whose import broke a promise is the first property's
			Assume.that((last.exitCode() == 0 || last.exitCode() == 3) && run.workspace().equals(expected.workspace()));

			CommandRun rerun = run.rerun();

			String story = rerun + "\n" + story(world, run);
			assertThat(rerun.writes())
				.as("--rerun of a completed file with nothing to change sends no write\n%s", story)
				.isZero();
			assertThat(rerun.exitCode()).as("--rerun ends as the import did\n%s", story).isEqualTo(last.exitCode());
		}
	}

	/**
	 * {@code undo} of an import, however it went and however often it was resumed, puts
	 * every viewer back as it was, status and projects, the viewers it created archived,
	 * and invites nobody.
	 */
	@Property(shrinking = ShrinkingMode.BOUNDED, maxDiscardRatio = 100)
	void undoPutsTheWorkspaceBack(@ForAll("worlds") World world) {
		Assume.that(world.hasDataLines());
		Expected expected = Expected.of(world);
		try (WorldRun run = WorldRun.onFakeTime(world)) {
			CommandRun last = run.importUntilItEnds();
			Assume.that(last.exitCode() == 0 || last.exitCode() == 3);
			Map<String, State> wanted = undone(expected.before(), run.workspace());
			Map<String, State> afterImport = run.workspace();
			long invitations = run.sandbox().requestLog().invitationsSent();

			// the first execution of a new repository is 0; undo takes back every
			// execution of its run
			CommandRun undo = run.undo(0);

			String story = undo + "\n" + story(world, run);
			// a run that changed nothing has nothing to undo: refused before any request
			boolean changedNothing = wanted.equals(expected.before()) && afterImport.equals(expected.before());
			assertThat(undo.exitCode()).as("undo of the run\n%s", story).isEqualTo(changedNothing ? 2 : 0);
			assertThat(run.sandbox().requestLog().invitationsSent()).as("undo invites nobody\n%s", story)
				.isEqualTo(invitations);
			assertThat(run.workspace()).as("undo puts the workspace back, created viewers archived\n%s", story)
				.isEqualTo(wanted);
		}
	}

	private static String story(World world, WorldRun run) {
		return world + "\nruns:\n" + run.runs().stream().map(CommandRun::toString).collect(Collectors.joining("\n"));
	}

	/**
	 * The workspace before the run, and every viewer the run created (in the workspace
	 * now, not before) archived.
	 */
	private static Map<String, State> undone(Map<String, State> before, Map<String, State> now) {
		Map<String, State> undone = new TreeMap<>(before);
		now.forEach((key, state) -> {
			if (!before.containsKey(key)) {
				undone.put(key, new State(true, state.projects()));
			}
		});
		return undone;
	}

}
