package org.viewerbatch.client;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ApiTokenTest {

	@TempDir
	Path dir;

	@Test
	void isTrimmedAndNeverPrinted() {
		ApiToken token = ApiToken.of("  s3cr3t-value \n");

		assertThat(token.value()).isEqualTo("s3cr3t-value");
		assertThat(token).hasToString("ApiToken[redacted]");
		assertThat(String.valueOf(token)).doesNotContain("s3cr3t");
	}

	@Test
	void refusesABlankToken() {
		assertThatThrownBy(() -> ApiToken.of(" \t")).isInstanceOf(IllegalArgumentException.class)
			.hasMessage("the API token is empty");
		assertThatThrownBy(() -> ApiToken.of(null)).hasMessage("the API token is empty");
	}

	@Test
	void redactsEveryOccurrence() {
		ApiToken token = ApiToken.of("abc123");

		assertThat(token.redact("Bearer abc123, again abc123!")).isEqualTo("Bearer [redacted], again [redacted]!");
		assertThat(token.redact(null)).isNull();
	}

	@Test
	void readsTheFirstNonBlankLineOfAFile() throws Exception {
		Path file = Files.writeString(this.dir.resolve("token"), "\n   \n  from-file  \nsecond line\n");

		assertThat(ApiToken.fromFile(file).value()).isEqualTo("from-file");
	}

	@Test
	void saysWhichTokenFileIsMissingOrEmpty() throws Exception {
		Path missing = this.dir.resolve("nope");
		Path empty = Files.writeString(this.dir.resolve("empty"), "\n \n");

		assertThatThrownBy(() -> ApiToken.fromFile(missing)).isInstanceOf(IllegalArgumentException.class)
			.hasMessage("cannot read the token file " + missing + ": no such file");
		assertThatThrownBy(() -> ApiToken.fromFile(empty)).isInstanceOf(IllegalArgumentException.class)
			.hasMessage("the token file " + empty + " is empty");
	}

	@Test
	void aDirectoryIsNotATokenFile() {
		assertThatThrownBy(() -> ApiToken.fromFile(this.dir)).isInstanceOf(IllegalArgumentException.class)
			.hasMessageStartingWith("cannot read the token file " + this.dir + ": ");
	}

	@Test
	void dropsAByteOrderMarkAndSurroundingWhitespace() throws Exception {
		Path notepad = this.dir.resolve("notepad-token");
		Files.write(notepad, "\uFEFF  s3cr3t-value\r\n".getBytes(StandardCharsets.UTF_8));

		assertThat(ApiToken.fromFile(notepad).value()).isEqualTo("s3cr3t-value");
		assertThat(ApiToken.of("\uFEFFs3cr3t-value\t").value()).isEqualTo("s3cr3t-value");
	}

	@Test
	void refusesATokenThatCannotGoIntoAHeaderWithoutShowingIt() throws Exception {
		Path control = Files.writeString(this.dir.resolve("control"), "s3cr3t\u0007value\n");
		Path spaced = Files.writeString(this.dir.resolve("spaced"), "s3cr3t value\n");
		Path accented = Files.writeString(this.dir.resolve("accented"), "s3cr3t\u00e9value\n");

		for (Path file : new Path[] { control, spaced, accented }) {
			assertThatThrownBy(() -> ApiToken.fromFile(file)).isInstanceOf(IllegalArgumentException.class)
				.hasMessageStartingWith("the token file " + file + " holds characters a token cannot have")
				.message()
				.doesNotContain("s3cr3t");
		}
		assertThatThrownBy(() -> ApiToken.of("s3cr3t\nvalue")).isInstanceOf(IllegalArgumentException.class)
			.hasMessage("the API token holds characters a token cannot have");
	}

}
