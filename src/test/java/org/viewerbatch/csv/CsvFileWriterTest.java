package org.viewerbatch.csv;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CsvFileWriterTest {

	private static final List<String> HEADER = List.of("id", "email", "firstname", "lastname");

	@TempDir
	Path dir;

	@Test
	void unicodeCommasQuotesAndNewlinesRoundTripThroughTheReader() throws Exception {
		Path target = this.dir.resolve("viewers.csv");
		List<List<String>> people = List.of(List.of("1", "zoë@example.com", "Zoë 🚀 李", "O'Brien, \"Bob\""),
				List.of("2", "ann@example.com", "Ann\nMarie", "Lee\r\nSmith"),
				List.of("3", "evil@example.com", "=HYPERLINK(\"http://x\")", "-2"));
		CsvFileWriter<List<String>> writer = writer(target, CsvOutputOptions.defaults());

		writer.write(new Chunk<>(people));
		writer.commit();
		writer.close();

		try (Stream<CsvRow> rows = CsvRowReader.rows(target, CsvInputOptions.defaults(), Set.of("email"), Set.of())) {
			assertThat(rows.map((row) -> List.copyOf(row.values().values()))).containsExactlyElementsOf(people);
		}
		assertThat(writer.written()).isEqualTo(3);
	}

	@Test
	void excelGetsABomAndCrlfOtherwiseLfWithoutBom() throws Exception {
		Path excel = this.dir.resolve("excel.csv");
		Path plain = this.dir.resolve("plain.csv");

		writeAndCommit(excel, new CsvOutputOptions(';', true, true), List.of("1", "a@example.com", "Ann", "Lee"));
		writeAndCommit(plain, CsvOutputOptions.defaults(), List.of("1", "a@example.com", "Ann", "Lee"));

		byte[] bytes = Files.readAllBytes(excel);
		assertThat(Arrays.copyOf(bytes, 3)).containsExactly(0xEF, 0xBB, 0xBF);
		assertThat(new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8))
			.isEqualTo("id;email;firstname;lastname\r\n1;a@example.com;Ann;Lee\r\n");
		assertThat(Files.readString(plain)).isEqualTo("id,email,firstname,lastname\n1,a@example.com,Ann,Lee\n");
	}

	@Test
	void formulasAreGuardedUnlessTheGuardIsOff() throws Exception {
		Path guarded = this.dir.resolve("guarded.csv");
		Path raw = this.dir.resolve("raw.csv");
		List<String> hostile = List.of("-2", "@SUM(A1)", "=1+1", "+1");

		writeAndCommit(guarded, CsvOutputOptions.defaults(), hostile);
		writeAndCommit(raw, new CsvOutputOptions(',', false, false), hostile);

		assertThat(Files.readAllLines(guarded)).last().isEqualTo("-2,'@SUM(A1),'=1+1,+1");
		assertThat(Files.readAllLines(raw)).last().isEqualTo("-2,@SUM(A1),=1+1,+1");
	}

	@Test
	void commitReplacesAnExistingFileAndLeavesNoTemporaryFile() throws Exception {
		Path target = Files.writeString(this.dir.resolve("export.csv"), "old content\n");
		CsvFileWriter<List<String>> writer = writer(target, CsvOutputOptions.defaults());
		writer.write(Chunk.of(List.of("1", "a@example.com", "Ann", "Lee")));

		assertThat(Files.readString(target)).as("not replaced before the commit").isEqualTo("old content\n");
		assertThat(temporaryFiles()).hasSize(1);

		writer.commit();
		writer.commit();
		writer.close();

		assertThat(Files.readString(target)).startsWith("id,email").contains("a@example.com");
		assertThat(temporaryFiles()).isEmpty();
	}

	@Test
	void abortLeavesNoTemporaryFileAndNoTarget() throws Exception {
		Path target = this.dir.resolve("export.csv");
		CsvFileWriter<List<String>> writer = writer(target, CsvOutputOptions.defaults());
		writer.write(Chunk.of(List.of("1", "a@example.com", "Ann", "Lee")));

		writer.abort();
		writer.abort();
		writer.close();

		assertThat(target).doesNotExist();
		assertThat(temporaryFiles()).isEmpty();
		assertThatThrownBy(writer::commit).isInstanceOf(IllegalStateException.class);
	}

	@Test
	void closeWithoutCommitKeepsTheOldFile() throws Exception {
		Path target = Files.writeString(this.dir.resolve("export.csv"), "old content\n");
		CsvFileWriter<List<String>> writer = writer(target, CsvOutputOptions.defaults());
		writer.write(Chunk.of(List.of("1", "a@example.com", "Ann", "Lee")));

		writer.close();

		assertThat(Files.readString(target)).isEqualTo("old content\n");
		assertThat(temporaryFiles()).isEmpty();
	}

	@Test
	void aTargetInAMissingDirectoryFailsOnOpen() {
		CsvFileWriter<List<String>> writer = new CsvFileWriter<>(this.dir.resolve("no/such/dir/x.csv"), HEADER,
				(row) -> row, CsvOutputOptions.defaults());

		assertThatThrownBy(() -> writer.open(new ExecutionContext())).isInstanceOf(ItemStreamException.class)
			.hasMessageContaining("cannot write");
	}

	@Test
	void standardOutputIsWrittenAndFlushedButNotClosed() throws Exception {
		ClosingAwareStream stdout = new ClosingAwareStream();
		CsvFileWriter<List<String>> writer = new CsvFileWriter<>(null, HEADER, (row) -> row,
				CsvOutputOptions.defaults(), stdout);
		writer.open(new ExecutionContext());
		writer.write(Chunk.of(List.of("1", "a@example.com", "Ann", "Lee")));

		writer.commit();
		writer.close();

		assertThat(stdout.toString(StandardCharsets.UTF_8))
			.isEqualTo("id,email,firstname,lastname\n1,a@example.com,Ann,Lee\n");
		assertThat(stdout.closed).isFalse();
		assertThat(this.dir).isEmptyDirectory();
	}

	@Test
	void nullCellsAreWrittenEmpty() throws Exception {
		Path target = this.dir.resolve("nulls.csv");

		writeAndCommit(target, CsvOutputOptions.defaults(), Arrays.asList("1", "a@example.com", null, null));

		assertThat(Files.readAllLines(target)).last().isEqualTo("1,a@example.com,,");
	}

	private void writeAndCommit(Path target, CsvOutputOptions options, List<String> row) throws Exception {
		CsvFileWriter<List<String>> writer = writer(target, options);
		writer.write(Chunk.of(row));
		writer.commit();
		writer.close();
	}

	private CsvFileWriter<List<String>> writer(Path target, CsvOutputOptions options) {
		CsvFileWriter<List<String>> writer = new CsvFileWriter<>(target, HEADER, (row) -> row, options);
		writer.open(new ExecutionContext());
		return writer;
	}

	private List<Path> temporaryFiles() throws IOException {
		try (Stream<Path> files = Files.list(this.dir)) {
			return files.filter((file) -> file.getFileName().toString().endsWith(".tmp")).toList();
		}
	}

	private static final class ClosingAwareStream extends ByteArrayOutputStream {

		private boolean closed;

		@Override
		public void close() {
			this.closed = true;
		}

	}

}
