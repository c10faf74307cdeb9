package org.viewerbatch.imports;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import org.viewerbatch.apply.RowRejectedException;
import org.viewerbatch.csv.CsvInputOptions;
import org.viewerbatch.csv.CsvRowReader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** The check of a whole real file, as the check step runs it. */
class FileCheckTest {

	private static final List<String> HEADER = List.of("email", "firstname", "lastname", "projects", "action");

	private static final List<String> GOOD = List.of("ann@ex.com", "Ann", "Lee", "101", "upsert");

	@TempDir
	Path dir;

	private CheckedFile<ViewerRow> check(String... lines) throws IOException {
		return checkWith(String.join(",", HEADER), lines);
	}

	private CheckedFile<ViewerRow> checkWith(String header, String... lines) throws IOException {
		Path file = this.dir.resolve("viewers.csv");
		Files.writeString(file, header + "\n" + String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
		CsvInputOptions options = new CsvInputOptions(',', StandardCharsets.UTF_8, Map.of());
		return new FileCheck<>(
				() -> new CsvRowReader(file, options, Set.of("email"), Set.copyOf(ResultFiles.REJECT_COLUMNS)),
				new ViewerRowParser(), (row) -> WorkspaceSnapshot.key(row.email()))
			.run();
	}

	/** Every cell quoted: a line break inside stays in its value. */
	private static String quoted(List<String> cells) {
		return cells.stream().map((cell) -> "\"" + cell + "\"").collect(Collectors.joining(","));
	}

	static Stream<Arguments> controlCharacterInEachColumn() {
		List<Character> controls = new ArrayList<>();
		for (char c = 0; c < 0x20; c++) {
			controls.add(c);
		}
		controls.addAll(List.of('\u007f', '\u0080', '\u0085', '\u009b', '\u009f'));
		return HEADER.stream()
			.flatMap((column) -> controls.stream()
				.flatMap((c) -> Stream.of(arguments(column, c, "middle"), arguments(column, c, "start"),
						arguments(column, c, "end"))));
	}

	@ParameterizedTest(name = "[{index}] {0} U+{1} at the {2}")
	@MethodSource("controlCharacterInEachColumn")
	void aControlCharacterInAnyColumnRejectsTheRowAndNamesTheColumn(String column, char control, String where)
			throws IOException {
		int index = HEADER.indexOf(column);
		List<String> cells = new ArrayList<>(GOOD);
		String good = cells.get(index);
		cells.set(index, switch (where) {
			case "start" -> control + good;
			case "end" -> good + control;
			default -> good.substring(0, 2) + control + good.substring(2);
		});

		CheckedFile<ViewerRow> checked = check(quoted(cells), quoted(List.of("bob@ex.com", "Bob", "Ray", "", "")));

		if (!where.equals("middle") && Character.isWhitespace(control)) {
			// around a value, a tab or a line break is whitespace, taken off as ever
			assertThat(checked.rejections()).isEmpty();
			assertThat(checked.valid().values()).extracting(ViewerRow::email).contains("ann@ex.com");
			return;
		}
		// a line break in a quoted value moves the next row one line down
		assertThat(checked.valid()).hasSize(1);
		RowRejectedException rejection = checked.rejections().get(2L);
		assertThat(rejection.error()).isEqualTo("control-character");
		assertThat(rejection.getMessage()).startsWith("column '" + column + "' holds the control character "
				+ String.format("U+%04X", (int) control) + " (character ");
		assertThat(rejection.getMessage()).doesNotContainPattern("\\p{Cntrl}|[\\u0080-\\u009f]");
		if (!column.equals("email")) {
			// the row still names its viewer: --archive-missing keeps it
			assertThat(checked.emails()).containsExactlyInAnyOrder("ann@ex.com", "bob@ex.com");
			assertThat(checked.unreadEmails()).isEmpty();
		}
		else if (where.equals("middle")) {
			assertThat(checked.emails()).containsExactly("bob@ex.com");
			assertThat(checked.unreadEmails()).containsExactly(2L);
		}
	}

	@ParameterizedTest(name = "[{index}] {0} U+{1}")
	@CsvSource({ "email,0", "email,1b", "viewer_id,0", "viewer_id,7f", "project_id,1b", "project_id,9b", "action,0",
			"action,85" })
	void aControlCharacterInAnAssignmentsFileRejectsTheRowToo(String column, String hex) throws IOException {
		Path file = this.dir.resolve("assignments.csv");
		List<String> header = List.of("email", "viewer_id", "project_id", "action");
		List<String> cells = new ArrayList<>(List.of("ann@ex.com", "77", "101", "assign"));
		int index = header.indexOf(column);
		cells.set(index, cells.get(index).charAt(0) + String.valueOf((char) Integer.parseInt(hex, 16))
				+ cells.get(index).substring(1));
		Files.writeString(file, String.join(",", header) + "\n" + quoted(cells) + "\n", StandardCharsets.UTF_8);
		CsvInputOptions options = new CsvInputOptions(',', StandardCharsets.UTF_8, Map.of());

		CheckedFile<AssignmentRow> checked = new FileCheck<>(
				() -> new CsvRowReader(file, options, Set.of("project_id"), Set.of()),
				new AssignmentRowParser(ProjectMap.NONE), AssignmentRow::viewerKey)
			.run();

		assertThat(checked.valid()).isEmpty();
		assertThat(checked.rejections().get(2L).error()).isEqualTo("control-character");
		assertThat(checked.rejections().get(2L).getMessage()).startsWith("column '" + column + "'");
	}

	@Test
	void theColumnsThatAreNotReadAreNotChecked() throws IOException {
		CheckedFile<ViewerRow> rejectsFile = checkWith("email,firstname,lastname,line,error,message",
				"ann@ex.com,Ann,Lee,2,invalid-row,\"two\nlines\u001b\"");
		assertThat(rejectsFile.rejections()).isEmpty();
		assertThat(rejectsFile.valid()).containsOnlyKeys(2L);

		Path file = this.dir.resolve("export.csv");
		Files.writeString(file, "email,Notes\nann@ex.com,\"two\nlines\"\n");
		CsvInputOptions dropNotes = new CsvInputOptions(',', StandardCharsets.UTF_8, Map.of("Notes", ""));
		CheckedFile<ViewerRow> mapped = new FileCheck<>(
				() -> new CsvRowReader(file, dropNotes, Set.of("email"), Set.of()), new ViewerRowParser(),
				(row) -> WorkspaceSnapshot.key(row.email()))
			.run();
		assertThat(mapped.rejections()).isEmpty();
	}

	@Test
	void thePastedFormsNameTheirAddressAndARowWithoutOneIsKnown() throws IOException {
		CheckedFile<ViewerRow> checked = check("O One <old1@ex.com>,O,One,,", "old2@ex.com;,O,Two,,",
				"mailto:old3@ex.com,O,Three,,", "\"Four, O <Old4@Ex.com>,\",O,Four,,", "not-an-email,N,A,,",
				",No,Email,,", "old5@ex.com,O,Five,999x,");

		assertThat(checked.valid().values()).extracting(ViewerRow::email)
			.containsExactlyInAnyOrder("old1@ex.com", "old2@ex.com", "old3@ex.com", "Old4@Ex.com");
		assertThat(checked.rejections()).containsOnlyKeys(6L, 7L, 8L);
		assertThat(checked.rejections().get(6L).error()).isEqualTo("invalid-email");
		assertThat(checked.rejections().get(7L).getMessage()).isEqualTo("the email is empty");
		// a row rejected for another reason still names old5@
		assertThat(checked.emails()).containsExactlyInAnyOrder("old1@ex.com", "old2@ex.com", "old3@ex.com",
				"old4@ex.com", "old5@ex.com");
		assertThat(checked.unreadEmails()).containsExactlyInAnyOrder(6L, 7L);
	}

	@Test
	void aPastedFormAndThePlainAddressAreDuplicates() throws IOException {
		CheckedFile<ViewerRow> checked = check("ann@ex.com,Ann,Lee,,", "Ann Lee <ANN@ex.com>,Ann,Lee,,");

		assertThat(checked.rejections().get(3L).getMessage()).isEqualTo("duplicate of line 2");
	}

}
