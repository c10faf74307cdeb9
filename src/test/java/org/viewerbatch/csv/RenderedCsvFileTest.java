package org.viewerbatch.csv;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.QuoteMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A file rendered for a spreadsheet (results, rejects, plan) shows formulas as text, and
 * reads back through {@link CsvRowReader} with the values it was rendered from.
 */
class RenderedCsvFileTest {

	private static final Set<String> EMAIL = Set.of("email");

	@TempDir
	Path dir;

	@ParameterizedTest
	@ValueSource(strings = { "=cmd|' /C calc'!A0", "@SUM(1+1)", "=HYPERLINK(\"http://evil.example\",\"click\")",
			"\t=1+2", "\r=1+2", "+1+1", "-1+1", "=1+2 ", "=a\nb", "'=x", "''@x", "'plain", "'-2", "-2", "+49 30 1234",
			" =1+2", "'", "Ann" })
	void aCellOfTheInputIsRenderedAsTextAndReadsBackAsItWas(String cell) throws Exception {
		Path input = this.dir.resolve("input.csv");
		writeQuoted(input, List.of("email", "firstname"), List.of("ann@example.com", cell));
		CsvRow original = read(input);
		Path rendered = this.dir.resolve("rendered.csv");

		RenderedCsvFile.write(rendered, original.header(), List.of(original.rawValues()), List.of());

		CSVRecord written = records(rendered).get(1);
		assertThat(written.get(1)).as("what a spreadsheet gets")
			.isEqualTo(FormulaGuard.guard(original.rawValues().get(1)));
		CsvRow readBack = read(rendered);
		assertThat(readBack.rawValues()).isEqualTo(original.rawValues());
		assertThat(readBack.values()).isEqualTo(original.values());
	}

	@Test
	void aTabInsideQuotesBeforeAFormulaSurvivesTheRoundTripAndIsNoPartOfTheValue() throws Exception {
		Path input = this.dir.resolve("input.csv");
		Files.writeString(input, "email,firstname\nann@example.com,\"\t=1+2\"\n");
		CsvRow original = read(input);
		Path rendered = this.dir.resolve("rendered.csv");

		RenderedCsvFile.write(rendered, original.header(), List.of(original.rawValues()), List.of());

		assertThat(Files.readString(rendered)).isEqualTo("email,firstname\nann@example.com,'\t=1+2\n");
		CsvRow readBack = read(rendered);
		assertThat(readBack.rawValues()).containsExactly("ann@example.com", "\t=1+2");
		assertThat(readBack.get("firstname")).isEqualTo("=1+2");
	}

	@Test
	void anUnquotedTabBeforeAFormulaIsNoPartOfTheCellAndTheFormulaIsStillGuarded() throws Exception {
		Path input = this.dir.resolve("input.csv");
		Files.writeString(input, "email,firstname\nann@example.com,\t=1+2\n");
		CsvRow original = read(input);
		Path rendered = this.dir.resolve("rendered.csv");

		RenderedCsvFile.write(rendered, original.header(), List.of(original.rawValues()), List.of());

		assertThat(Files.readString(rendered)).isEqualTo("email,firstname\nann@example.com,'=1+2\n");
		assertThat(read(rendered).get("firstname")).isEqualTo("=1+2");
	}

	@Test
	void aFormulaInTheHeaderIsGuardedAndReadsBackAsTheSameColumn() throws Exception {
		Path input = this.dir.resolve("input.csv");
		Files.writeString(input, "email,\"=HYPERLINK(\"\"http://evil\"\")\"\nann@example.com,x\n");
		CsvRow original = read(input);
		Path rendered = this.dir.resolve("rendered.csv");

		RenderedCsvFile.write(rendered, original.header(), List.of(original.rawValues()), List.of("2 rows"));

		assertThat(records(rendered).get(0).get(1)).isEqualTo("'=HYPERLINK(\"http://evil\")");
		CsvRow readBack = read(rendered);
		assertThat(readBack.header()).isEqualTo(original.header()).contains("=HYPERLINK(\"http://evil\")");
		assertThat(readBack.values()).isEqualTo(original.values());
	}

	private static void writeQuoted(Path file, List<String> header, List<String> cells) throws IOException {
		try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
				CSVPrinter printer = CSVFormat.DEFAULT.builder().setQuoteMode(QuoteMode.ALL).get().print(writer)) {
			printer.printRecord(header);
			printer.printRecord(cells);
		}
	}

	private static CsvRow read(Path file) {
		try (Stream<CsvRow> rows = CsvRowReader.rows(file, new CsvInputOptions(',', StandardCharsets.UTF_8, Map.of()),
				EMAIL, Set.of())) {
			return rows.findFirst().orElseThrow();
		}
	}

	private static List<CSVRecord> records(Path file) throws IOException {
		try (Reader reader = Files.newBufferedReader(file)) {
			return CSVFormat.DEFAULT.builder().setCommentMarker('#').get().parse(reader).getRecords();
		}
	}

}
