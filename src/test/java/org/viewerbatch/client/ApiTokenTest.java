package org.viewerbatch.client;

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

}
