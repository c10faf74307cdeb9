package org.viewerbatch.properties;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import org.apache.commons.csv.CSVRecord;
import org.assertj.core.api.SoftAssertions;

import org.viewerbatch.ledger.Outcome;
import org.viewerbatch.properties.OutputFiles.Summary;
import org.viewerbatch.sandbox.RequestLog;

/**
 * The checks of an import that has ended, from the sandbox's request log and store, the
 * results and rejects files, and the summary on stderr.
 */
final class Promises {

	private Promises() {
	}

	/**
	 * Each new viewer invited exactly once; the workspace as the file says; every data
	 * line in exactly one of results and rejects, rejected only for the file's values;
	 * the summary's counts equal the files'.
	 */
	static void afterImport(World world, Expected expected, WorldRun run, CommandRun last) {
		SoftAssertions softly = new SoftAssertions();
		checkInvitations(softly, run.sandbox().requestLog(), expected);
		softly.assertThat(run.workspace()).as("the workspace as the file says").isEqualTo(expected.workspace());
		checkFiles(softly, world, run, expected, last);
		try {
			softly.assertAll();
		}
		catch (AssertionError ex) {
			throw new AssertionError(ex.getMessage() + "\n" + world + "\nruns:\n"
					+ run.runs().stream().map(CommandRun::toString).collect(Collectors.joining("\n")), ex);
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
		// a row of blank cells is no data line: skipped like a blank line
		Set<Long> dataLines = LongStream.rangeClosed(2, world.rows().size() + 1)
			.filter((line) -> !world.rows().get((int) line - 2).blank())
			.boxed()
			.collect(Collectors.toSet());
		long rows = dataLines.size();
		List<Long> resultLines = OutputFiles.lines(results);
		List<Long> rejectLines = OutputFiles.lines(rejects);
		List<Long> all = new ArrayList<>(resultLines);
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

}
