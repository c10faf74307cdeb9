package org.viewerbatch.csv;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.batch.infrastructure.item.ExecutionContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CsvRowReaderTest {

	private static final Set<String> EMAIL = Set.of("email");

	private static final Set<String> REJECT_COLUMNS = Set.of("line", "error", "http_status", "message");

	@TempDir
	Path dir;

	@Test
	void readsAnotherToolsExportWithBomSemicolonsQuotesSpacesOddCaseAndMap() throws Exception {
		Path file = write("other-tool.csv",
				"\uFEFF Mail Address ;GIVEN name;Family Name;Notes;Projects\n"
						+ "ann@example.com;Ann;\"Lee; Jr\";\"likes, commas\";101|102\n"
						+ "bob@example.com;Bob;Brown;\"two\nlines\";103\n",
				StandardCharsets.UTF_8);
		CsvInputOptions options = new CsvInputOptions(null, StandardCharsets.UTF_8,
				CsvInputOptions.parseMap("mail address=email,Given Name=firstname, family name = lastname"));

		List<CsvRow> rows = readAll(file, options, EMAIL, Set.of());

		assertThat(rows).extracting(CsvRow::line).containsExactly(2L, 3L);
		CsvRow ann = rows.get(0);
		assertThat(ann.values()).containsExactly(Map.entry("email", "ann@example.com"), Map.entry("firstname", "Ann"),
				Map.entry("lastname", "Lee; Jr"), Map.entry("notes", "likes, commas"),
				Map.entry("projects", "101|102"));
		assertThat(ann.header()).containsExactly("Mail Address", "GIVEN name", "Family Name", "Notes", "Projects");
		assertThat(ann.rawValues()).containsExactly("ann@example.com", "Ann", "Lee; Jr", "likes, commas", "101|102");
		assertThat(rows.get(1).get("Notes")).isEqualTo("two\nlines");
		assertThat(ann.get("missing")).isEmpty();
	}

	@Test
	void readsWindows1252WhenAskedTo() throws Exception {
		Path file = write("excel.csv", "email,firstname,lastname\r\nzoe@example.com,Zoé,Müller – €\r\n",
				Charset.forName("windows-1252"));

		List<CsvRow> rows = readAll(file, new CsvInputOptions(',', Charset.forName("windows-1252"), Map.of()), EMAIL,
				Set.of());

		assertThat(rows).singleElement().satisfies((row) -> {
			assertThat(row.get("firstname")).isEqualTo("Zoé");
			assertThat(row.get("lastname")).isEqualTo("Müller – €");
		});
	}

	@Test
	void windows1252ReadAsUtf8IsRefusedWithTheLineAndAHint() throws Exception {
		Path file = write("excel.csv", "email,firstname\r\nann@example.com,Ann\r\nzoe@example.com,Zoé\r\n",
				Charset.forName("windows-1252"));

		assertThatThrownBy(() -> readAll(file, CsvInputOptions.defaults(), EMAIL, Set.of()))
			.isInstanceOfSatisfying(InputFileException.class, (ex) -> {
				assertThat(ex.file()).isEqualTo(file);
				assertThat(ex.line()).isEqualTo(3);
				assertThat(ex.reason()).contains("not valid UTF-8", "0xe9", "--encoding windows-1252");
			});
	}

	@Test
	void multiByteCharactersAcrossBufferBoundariesDecodeAndLinesStayExact() throws Exception {
		StringBuilder text = new StringBuilder("email,name\n");
		for (int i = 0; i < 3000; i++) {
			text.append("user").append(i).append("@example.com,\"Zoé 李 🚀\n").append(i).append("\"\n");
		}
		Path file = write("big-unicode.csv", text.toString(), StandardCharsets.UTF_8);

		List<CsvRow> rows = readAll(file, CsvInputOptions.defaults(), EMAIL, Set.of());

		assertThat(rows).hasSize(3000);
		assertThat(rows).allSatisfy((row) -> {
			int i = Integer.parseInt(row.get("email").replaceAll("\\D", ""));
			assertThat(row.get("name")).isEqualTo("Zoé 李 🚀\n" + i);
			assertThat(row.line()).isEqualTo(2 + 2L * i);
		});
	}

	@Test
	void aUtf8BomWinsOverTheEncodingGiven() throws Exception {
		Path file = write("bom.csv", "\uFEFFemail,firstname\nzoe@example.com,Zoé\n", StandardCharsets.UTF_8);

		List<CsvRow> rows = readAll(file, new CsvInputOptions(null, Charset.forName("windows-1252"), Map.of()), EMAIL,
				Set.of());

		assertThat(rows.get(0).get("firstname")).isEqualTo("Zoé");
	}

	@Test
	void aUtf16FileWithoutAByteOrderMarkGetsAHintForItsEncoding() throws Exception {
		Path little = this.dir.resolve("le.csv");
		Files.write(little, "email,firstname\nann@example.com,Ann\n".getBytes(StandardCharsets.UTF_16LE));
		Path big = this.dir.resolve("be.csv");
		Files.write(big, "email,firstname\nann@example.com,Ann\n".getBytes(StandardCharsets.UTF_16BE));

		assertThatThrownBy(() -> readAll(little, CsvInputOptions.defaults(), EMAIL, Set.of()))
			.isInstanceOf(InputFileException.class)
			.hasMessage(little + ":1: looks like UTF-16LE saved without a byte order mark (every other byte is 0):"
					+ " use --encoding UTF-16LE");
		assertThatThrownBy(() -> readAll(big, CsvInputOptions.defaults(), EMAIL, Set.of()))
			.hasMessageContaining("use --encoding UTF-16BE");
		assertThat(readAll(little, new CsvInputOptions(null, StandardCharsets.UTF_16LE, Map.of()), EMAIL, Set.of()))
			.singleElement()
			.satisfies((row) -> assertThat(row.get("firstname")).isEqualTo("Ann"));
	}

	@Test
	void readsExcelUnicodeTextUtf16WithTabs() throws Exception {
		Path file = write("unicode.txt", "\uFEFFemail\tfirstname\tlastname\nzoe@example.com\t\tZoé\n",
				StandardCharsets.UTF_16LE);

		List<CsvRow> rows = readAll(file, CsvInputOptions.defaults(), EMAIL, Set.of());

		assertThat(rows.get(0).values()).containsExactly(Map.entry("email", "zoe@example.com"),
				Map.entry("firstname", ""), Map.entry("lastname", "Zoé"));
	}

	@Test
	void detectsTheDelimiterFromTheHeaderCountingOutsideQuotes() throws Exception {
		Path tabs = write("tabs.tsv", "\"a,b,c\"\temail\nx\tann@example.com\n", StandardCharsets.UTF_8);
		Path semicolons = write("semi.csv", "\n\"x,y\";email;\"1,2,3\"\n1;ann@example.com;2\n", StandardCharsets.UTF_8);
		Path single = write("single.csv", "email\nann@example.com\n", StandardCharsets.UTF_8);

		assertThat(readAll(tabs, CsvInputOptions.defaults(), EMAIL, Set.of()).get(0).get("email"))
			.isEqualTo("ann@example.com");
		assertThat(readAll(semicolons, CsvInputOptions.defaults(), EMAIL, Set.of()).get(0).get("email"))
			.isEqualTo("ann@example.com");
		assertThat(readAll(single, CsvInputOptions.defaults(), EMAIL, Set.of()).get(0).get("email"))
			.isEqualTo("ann@example.com");
		CsvRowReader reader = open(semicolons, CsvInputOptions.defaults(), EMAIL, Set.of(), new ExecutionContext());
		assertThat(reader.delimiter()).isEqualTo(';');
		reader.close();
	}

	@Test
	void aWrongDelimiterGivenSaysSo() throws Exception {
		Path file = write("semi.csv", "email;firstname\nann@example.com;Ann\n", StandardCharsets.UTF_8);

		assertThatThrownBy(() -> readAll(file, new CsvInputOptions(',', null, Map.of()), EMAIL, Set.of()))
			.isInstanceOf(InputFileException.class)
			.hasMessageContaining("missing column 'email'")
			.hasMessageContaining("check --delimiter");
	}

	@Test
	void lineNumbersCountMultiLineValuesAndBlankLines() throws Exception {
		Path file = write("lines.csv", "email,notes\r\n" // 1
				+ "a@example.com,\"one\r\ntwo\r\nthree\"\r\n" // 2-4
				+ "\r\n" // 5
				+ "  \r\n" // 6
				+ ",\r\n" // 7
				+ "b@example.com,plain\r\n" // 8
				+ "c@example.com,\"x\ny\"\n" // 9-10
				+ "\n" // 11
				+ "d@example.com,last", StandardCharsets.UTF_8); // 12

		List<CsvRow> rows = readAll(file, CsvInputOptions.defaults(), EMAIL, Set.of());

		assertThat(rows).extracting(CsvRow::line).containsExactly(2L, 8L, 9L, 12L);
		assertThat(rows.get(0).get("notes")).isEqualTo("one\r\ntwo\r\nthree");
	}

	@Test
	void shortRowsGiveEmptyValuesAndExtraValuesAreFlagged() throws Exception {
		Path file = write("ragged.csv", "email,firstname,lastname\nann@example.com\nbob@example.com,Bob,Smith, Jr\n"
				+ "cy@example.com,Cy,Young,,\n", StandardCharsets.UTF_8);

		List<CsvRow> rows = readAll(file, CsvInputOptions.defaults(), EMAIL, Set.of());

		assertThat(rows.get(0).get("lastname")).isEmpty();
		assertThat(rows.get(0).hasExtraValues()).isFalse();
		assertThat(rows.get(1).hasExtraValues()).isTrue();
		assertThat(rows.get(2).hasExtraValues()).isFalse();
	}

	@Test
	void ignoredColumnsOfARejectsFileAreDroppedFromValues() throws Exception {
		Path file = write("x.rejects.csv", "email,firstname,line,error,http_status,message\n"
				+ "ann@example.com,Ann,7,invalid,422,The email is invalid\n", StandardCharsets.UTF_8);

		CsvRowReader reader = open(file, CsvInputOptions.defaults(), EMAIL, REJECT_COLUMNS, new ExecutionContext());
		CsvRow row = reader.read();
		reader.close();

		assertThat(row.values()).containsOnlyKeys("email", "firstname");
		assertThat(reader.columns()).containsExactly("email", "firstname");
		assertThat(row.rawValues()).hasSize(6);
	}

	@Test
	void anExportedFormulaGuardIsTakenOffOnTheWayIn() throws Exception {
		Path file = write("export.csv", "email,firstname,lastname\nann@example.com,'=HYPERLINK(\"x\"),'-2\n",
				StandardCharsets.UTF_8);

		CsvRow row = readAll(file, CsvInputOptions.defaults(), EMAIL, Set.of()).get(0);

		assertThat(row.get("firstname")).isEqualTo("=HYPERLINK(\"x\")");
		assertThat(row.get("lastname")).as("'-2 was not written by the guard").isEqualTo("'-2");
	}

	@Test
	void aMissingFileIsRefused() {
		Path file = this.dir.resolve("nope.csv");

		assertThatThrownBy(() -> readAll(file, CsvInputOptions.defaults(), EMAIL, Set.of()))
			.isInstanceOfSatisfying(InputFileException.class, (ex) -> {
				assertThat(ex.line()).isZero();
				assertThat(ex.getMessage()).isEqualTo(file + ": file not found");
			});
	}

	@Test
	void aDirectoryIsRefused() {
		assertThatThrownBy(() -> readAll(this.dir, CsvInputOptions.defaults(), EMAIL, Set.of()))
			.isInstanceOf(InputFileException.class)
			.hasMessageContaining("is a directory");
	}

	@Test
	void anEmptyFileIsRefused() throws Exception {
		Path file = write("empty.csv", "\n\n", StandardCharsets.UTF_8);

		assertThatThrownBy(() -> readAll(file, CsvInputOptions.defaults(), EMAIL, Set.of()))
			.isInstanceOf(InputFileException.class)
			.hasMessage(file + ": the file is empty; expected a header line and rows");
	}

	@Test
	void aHeaderWithoutRowsIsRefused() throws Exception {
		Path file = write("header-only.csv", "email,firstname\n\n,\n", StandardCharsets.UTF_8);

		assertThatThrownBy(() -> readAll(file, CsvInputOptions.defaults(), EMAIL, Set.of()))
			.isInstanceOf(InputFileException.class)
			.hasMessage(file + ":1: no rows after the header line");
	}

	@Test
	void aHeaderWithoutNamesIsRefused() throws Exception {
		Path file = write("no-names.csv", " , \nann@example.com,Ann\n", StandardCharsets.UTF_8);

		assertThatThrownBy(() -> readAll(file, CsvInputOptions.defaults(), EMAIL, Set.of()))
			.isInstanceOf(InputFileException.class)
			.hasMessageContaining(":1: the first line has no column names");
	}

	@Test
	void aMissingRequiredColumnNamesWhatWasFoundAndSuggestsMap() throws Exception {
		Path file = write("people.csv", "Correo,Nombre\nann@example.com,Ann\n", StandardCharsets.UTF_8);

		assertThatThrownBy(() -> readAll(file, CsvInputOptions.defaults(), Set.of("email", "firstname"), Set.of()))
			.isInstanceOfSatisfying(InputFileException.class, (ex) -> {
				assertThat(ex.line()).isEqualTo(1);
				assertThat(ex.reason()).isEqualTo(
						"missing columns 'email', 'firstname'; found [Correo, Nombre]; use --map \"Your Column=email\"");
			});
	}

	@Test
	void twoColumnsWithTheSameCanonicalNameAreRefused() throws Exception {
		Path file = write("dup.csv", "Email,name,EMAIL \nann@example.com,Ann,ann@example.org\n",
				StandardCharsets.UTF_8);
		Path mapped = write("dup-mapped.csv", "Mail,email\nann@example.com,ann@example.org\n", StandardCharsets.UTF_8);

		assertThatThrownBy(() -> readAll(file, CsvInputOptions.defaults(), EMAIL, Set.of()))
			.isInstanceOf(InputFileException.class)
			.hasMessage(file + ":1: two columns are 'email': 'Email' (column 1) and 'EMAIL' (column 3);"
					+ " remove one, or tell which with --map \"EMAIL=\" (an empty name ignores it)");
		assertThatThrownBy(
				() -> readAll(mapped, new CsvInputOptions(null, null, Map.of("Mail", "email")), EMAIL, Set.of()))
			.isInstanceOf(InputFileException.class)
			.hasMessageContaining("two columns are 'email': 'Mail' (column 1) and 'email' (column 2)");
	}

	@Test
	void theHeaderNamesPeopleWriteAreRecognisedWithoutMap() throws Exception {
		Path file = write("crm.csv",
				"E-mail Address,First Name,SURNAME,Project IDs,action\nann@example.com,Ann,Lee,101,upsert\n",
				StandardCharsets.UTF_8);

		CsvRowReader reader = open(file, CsvInputOptions.defaults(), EMAIL, Set.of(), new ExecutionContext());
		CsvRow row = reader.read();

		assertThat(reader.columns()).containsExactly("email", "firstname", "lastname", "projects", "action");
		assertThat(row.get("email")).isEqualTo("ann@example.com");
		assertThat(row.get("lastname")).isEqualTo("Lee");
		assertThat(reader.renamed()).containsExactly("'E-mail Address' → email", "'First Name' → firstname",
				"'SURNAME' → lastname", "'Project IDs' → projects");
		reader.close();
	}

	@Test
	void twoColumnsThatCouldBothBeTheEmailAreAnErrorNamingBoth() throws Exception {
		Path file = write("two.csv", "Email,Mail\nann@example.com,ann@example.org\n", StandardCharsets.UTF_8);

		assertThatThrownBy(() -> readAll(file, CsvInputOptions.defaults(), EMAIL, Set.of()))
			.isInstanceOf(InputFileException.class)
			.hasMessageContaining("two columns are 'email': 'Email' (column 1) and 'Mail' (column 2)");
	}

	@Test
	void aMapSourceThatIsNotInTheHeaderIsRefused() throws Exception {
		Path file = write("people.csv", "Mail,Given Name\nann@example.com,Ann\n", StandardCharsets.UTF_8);
		CsvInputOptions options = new CsvInputOptions(null, null,
				CsvInputOptions.parseMap("Mail=email,Gvien Name=firstname"));

		assertThatThrownBy(() -> readAll(file, options, EMAIL, Set.of())).isInstanceOf(InputFileException.class)
			.hasMessage(file + ":1: --map names 'Gvien Name', not in the header; found [Mail, Given Name]");
	}

	@Test
	void anUnterminatedQuoteIsRefusedWithTheLineWhereItOpens() throws Exception {
		Path file = write("quote.csv",
				"email,notes\nann@example.com,fine\n\nbob@example.com,\"never closed\n" + "cy@example.com,x\n",
				StandardCharsets.UTF_8);

		try (Stream<CsvRow> rows = CsvRowReader.rows(file, CsvInputOptions.defaults(), EMAIL, Set.of())) {
			assertThatThrownBy(rows::toList).isInstanceOfSatisfying(InputFileException.class, (ex) -> {
				assertThat(ex.file()).isEqualTo(file);
				assertThat(ex.line()).isEqualTo(4);
				assertThat(ex.reason()).startsWith("a quoted value is never closed");
			});
		}
	}

	@Test
	void textAfterAClosingQuoteIsRefusedWithItsLine() throws Exception {
		StringBuilder text = new StringBuilder("email,notes\n");
		for (int i = 0; i < 1200; i++) {
			text.append("user").append(i).append("@example.com,ok\n");
		}
		text.append("bad@example.com,\"quoted\"tail\n");
		Path file = write("big.csv", text.toString(), StandardCharsets.UTF_8);

		assertThatThrownBy(() -> readAll(file, CsvInputOptions.defaults(), EMAIL, Set.of()))
			.isInstanceOfSatisfying(InputFileException.class, (ex) -> {
				assertThat(ex.line()).isEqualTo(1202);
				assertThat(ex.reason()).contains("text after a closing quote");
			});
	}

	@Test
	void restartContinuesAfterTheRowsAlreadyRead() throws Exception {
		Path file = write("restart.csv", "email\na@example.com\n\nb@example.com\nc@example.com\nd@example.com\n",
				StandardCharsets.UTF_8);
		CsvRowReader first = open(file, CsvInputOptions.defaults(), EMAIL, Set.of(), new ExecutionContext());
		first.setName("viewersReader");
		first.read();
		first.read();
		ExecutionContext saved = new ExecutionContext();
		first.update(saved);
		first.close();
		assertThat(saved.getInt("viewersReader.read.count")).isEqualTo(2);

		CsvRowReader restarted = new CsvRowReader(file, CsvInputOptions.defaults(), EMAIL, Set.of());
		restarted.setName("viewersReader");
		restarted.open(saved);
		CsvRow next = restarted.read();
		CsvRow last = restarted.read();
		CsvRow end = restarted.read();
		restarted.close();

		assertThat(next.get("email")).isEqualTo("c@example.com");
		assertThat(next.line()).isEqualTo(5);
		assertThat(last.get("email")).isEqualTo("d@example.com");
		assertThat(end).isNull();
	}

	@Test
	void closeCanBeCalledTwiceAndHeaderNeedsOpen() throws Exception {
		Path file = write("ok.csv", "email\na@example.com\n", StandardCharsets.UTF_8);
		CsvRowReader reader = new CsvRowReader(file, CsvInputOptions.defaults(), EMAIL, Set.of());
		assertThatThrownBy(reader::header).isInstanceOf(IllegalStateException.class);

		reader.open(new ExecutionContext());
		assertThat(reader.header()).containsExactly("email");
		reader.close();
		reader.close();
	}

	@Test
	void rowsStreamsTheWholeFileOnceAndRefusesABadFileBeforeStreaming() throws Exception {
		Path file = write("ok.csv", "email\na@example.com\nb@example.com\n", StandardCharsets.UTF_8);
		Path bad = write("bad.csv", "name\nAnn\n", StandardCharsets.UTF_8);

		try (Stream<CsvRow> rows = CsvRowReader.rows(file, CsvInputOptions.defaults(), EMAIL, Set.of())) {
			assertThat(rows.map((row) -> row.get("email"))).containsExactly("a@example.com", "b@example.com");
		}
		assertThatThrownBy(() -> CsvRowReader.rows(bad, CsvInputOptions.defaults(), EMAIL, Set.of()))
			.isInstanceOf(InputFileException.class)
			.hasMessageContaining("missing column 'email'");
	}

	private Path write(String name, String content, Charset charset) throws IOException {
		return Files.write(this.dir.resolve(name), content.getBytes(charset));
	}

	private static CsvRowReader open(Path file, CsvInputOptions options, Set<String> required, Set<String> ignored,
			ExecutionContext context) {
		CsvRowReader reader = new CsvRowReader(file, options, required, ignored);
		reader.open(context);
		return reader;
	}

	private static List<CsvRow> readAll(Path file, CsvInputOptions options, Set<String> required, Set<String> ignored)
			throws Exception {
		CsvRowReader reader = open(file, options, required, ignored, new ExecutionContext());
		try {
			List<CsvRow> rows = new ArrayList<>();
			CsvRow row;
			while ((row = reader.read()) != null) {
				rows.add(row);
			}
			return rows;
		}
		finally {
			reader.close();
		}
	}

}
