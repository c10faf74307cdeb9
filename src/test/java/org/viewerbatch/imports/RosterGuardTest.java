package org.viewerbatch.imports;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

import org.viewerbatch.csv.InputFileException;
import org.viewerbatch.imports.ImportRun.ViewerOptions;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The import-viewers guard on a roster whose rows do not all name their viewer. */
class RosterGuardTest {

	private static final Path FILE = Path.of("roster.csv").toAbsolutePath();

	private static ImportRun<ViewerOptions> run(boolean archiveMissing) {
		return TestRuns.with(TestRuns.of(FILE), 1, TestRuns.NO_API, null,
				new ViewerOptions(false, true, ViewerOptions.DEFAULT_MAX_DELETES, archiveMissing));
	}

	private static CheckedFile<ViewerRow> unread(Set<Long> lines) {
		return new CheckedFile<>(Rows.VIEWERS, Rows.VIEWERS, 30, Map.of(), Map.of(), List.of(), Set.of(), lines);
	}

	@Test
	void oneUnreadEmailIsNamedByItsLine() {
		assertThatThrownBy(() -> ImportViewersJobConfiguration.guardFile(run(true), unread(Set.of(7L))))
			.isInstanceOf(InputFileException.class)
			.hasMessage(FILE + ": line 7: the email cannot be read, so --archive-missing cannot know whom this row"
					+ " keeps; correct it (or drop --archive-missing)");
	}

	@Test
	void manyAreNamedUpToTwentyInOrder() {
		Set<Long> lines = LongStream.rangeClosed(2, 26).boxed().collect(Collectors.toSet());
		assertThatThrownBy(() -> ImportViewersJobConfiguration.guardFile(run(true), unread(lines)))
			.hasMessageStartingWith(FILE + ": lines 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20,"
					+ " 21 and 5 more: the email cannot be read, so --archive-missing cannot know whom these rows keep;");
	}

	@Test
	void withoutArchiveMissingTheRowsAreRejectedOneByOne() {
		assertThatCode(() -> ImportViewersJobConfiguration.guardFile(run(false), unread(Set.of(7L))))
			.doesNotThrowAnyException();
	}

}
