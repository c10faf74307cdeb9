package org.viewerbatch.properties;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.commons.csv.CSVRecord;
import org.assertj.core.api.SoftAssertions;

import org.viewerbatch.ledger.Outcome;
import org.viewerbatch.properties.Expected.State;
import org.viewerbatch.properties.OutputFiles.Summary;
import org.viewerbatch.sandbox.RequestLog;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SPEC's guarantees as properties over generated worlds (a workspace, a file, the
 * options, a fault plan, stop requests): the same command run until it ends, over real
 * HTTP against the sandbox, on a fake clock; then {@code --rerun}; then {@code undo}. A
 * failing try shrinks to the smallest world that still fails, which jqwik reports with
 * its seed.
 * <p>
 * CI runs {@code jqwik.tries.default} tries
 * (src/test/resources/junit-platform.properties); many more by hand, e.g.
 * {@code mvn test -Dtest=ImportPromisesTest
 * -Djqwik.tries.default=300}.
 */
class ImportPromisesTest {

	@Provide
	Arbitrary<World> worlds() {
		return Worlds.worlds();
	}

	/**
	 * Exactly one invitation per new viewer whatever fails; the workspace as the file
	 * says; every data line in exactly one of results and rejects, and rejected only for
	 * the file's values; the summary's counts equal the files'; a completed file run
	 * again with --rerun sends no write; undo puts every viewer back, created viewers
	 * archived.
	 */
	@Property(shrinking = net.jqwik.api.ShrinkingMode.BOUNDED)
	void theSameCommandUntilItEndsKeepsEveryPromise(@ForAll("worlds") World world) {
		Expected expected = Expected.of(world);
		try (WorldRun run = WorldRun.of(world)) {
			CommandRun last = run.importUntilItEnds();
			if (world.rows().isEmpty()) {
				// a file without rows is an input error, found before any write
				assertThat(last.exitCode()).as("%s", last).isEqualTo(2);
				assertThat(run.sandbox().requestLog().writes()).isZero();
				return;
			}
			String story = world + "\nruns:\n"
					+ run.runs().stream().map(CommandRun::toString).collect(Collectors.joining("\n"));

			assertThat(last.exitCode())
				.as("the import ended (0, or 3 with rejects) within %d runs of the same command\n%s",
						WorldRun.MOST_RUNS, story)
				.isEqualTo(expected.rejectedLines().isEmpty() ? 0 : 3);
			SoftAssertions softly = new SoftAssertions();
			checkInvitations(softly, run.sandbox().requestLog(), expected);
			softly.assertThat(run.workspace()).as("the workspace as the file says").isEqualTo(expected.workspace());
			checkFiles(softly, world, run, expected, last);
			softly.assertAll();

			CommandRun rerun = run.rerun();
			assertThat(rerun.exitCode()).as("--rerun of the completed file\n%s\n%s", rerun, story)
				.isEqualTo(last.exitCode());
			assertThat(rerun.writes())
				.as("--rerun of a completed file with nothing to change sends no write\n%s\n%s", rerun, story)
				.isZero();

			// the first execution of a new repository is 0, and undo takes back every
			// execution of its run
			long invitations = run.sandbox().requestLog().invitationsSent();
			CommandRun undo = run.undo(0);
			assertThat(undo.exitCode()).as("undo of the run\n%s\n%s", undo, story).isZero();
			assertThat(run.sandbox().requestLog().invitationsSent()).as("undo invites nobody").isEqualTo(invitations);
			assertThat(run.workspace())
				.as("undo brings the workspace back, created viewers archived\n%s\n%s", undo, story)
				.isEqualTo(undone(expected));
		}
	}

	private static void checkInvitations(SoftAssertions softly, RequestLog log, Expected expected) {
		Map<String, Long> invitations = new TreeMap<>();
		log.all()
			.stream()
			.filter((r) -> r.method().equals("POST") && r.path().equals("/project-viewers") && r.email() != null)
			.map((r) -> Expected.key(r.email()))
			.distinct()
			.forEach((key) -> invitations.put(key, log.invitationsSent(key)));
		Map<String, Long> wanted = new TreeMap<>();
		expected.created().forEach((key) -> wanted.put(key, 1L));
		softly.assertThat(invitations).as("invitations per email: exactly one per new viewer").isEqualTo(wanted);
	}

	private static void checkFiles(SoftAssertions softly, World world, WorldRun run, Expected expected,
			CommandRun last) {
		List<CSVRecord> results = OutputFiles.records(run.results());
		List<CSVRecord> rejects = OutputFiles.records(run.rejects());
		long rows = world.rows().size();
		Set<Long> dataLines = LongStream.rangeClosed(2, rows + 1).boxed().collect(Collectors.toSet());
		List<Long> resultLines = OutputFiles.lines(results);
		List<Long> rejectLines = OutputFiles.lines(rejects);
		List<Long> all = new java.util.ArrayList<>(resultLines);
		all.addAll(rejectLines);
		softly.assertThat(all.stream().filter(dataLines::contains).sorted().toList())
			.as("every data line in exactly one of results and rejects")
			.containsExactlyElementsOf(new TreeSet<>(dataLines));
		softly.assertThat(new TreeSet<>(rejectLines))
			.as("rejected only for the file's values, never for a failure")
			.isEqualTo(expected.rejectedLines());
		softly.assertThat(resultLines.stream().filter((line) -> !dataLines.contains(line)).count())
			.as("one results row per active viewer the roster leaves out")
			.isEqualTo(Expected.leftOut(world));
		Summary summary = OutputFiles.summary(last.err()).orElse(null);
		softly.assertThat(summary).as("the summary line on stderr\n%s", last).isNotNull();
		if (summary == null) {
			return;
		}
		softly.assertThat(summary.rows()).as("the summary's rows").isEqualTo(rows);
		softly.assertThat(summary.leftOut())
			.as("the summary's viewers the roster leaves out")
			.isEqualTo(Expected.leftOut(world));
		Map<Outcome, Long> counted = OutputFiles.outcomes(results);
		counted.put(Outcome.REJECTED, counted.get(Outcome.REJECTED) + rejects.size());
		softly.assertThat(summary.counts()).as("the summary's counts equal the files'").isEqualTo(counted);
	}

	/** The workspace before the run, every viewer the run created archived. */
	private static Map<String, State> undone(Expected expected) {
		Map<String, State> undone = new TreeMap<>(expected.before());
		Set<String> created = new HashSet<>(expected.created());
		expected.workspace().forEach((key, state) -> {
			if (created.contains(key)) {
				undone.put(key, new State(true, state.projects()));
			}
		});
		return undone;
	}

}
