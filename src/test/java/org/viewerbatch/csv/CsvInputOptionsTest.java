package org.viewerbatch.csv;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class CsvInputOptionsTest {

	@Test
	void parseMapKeepsSourceSpellingAndLowerCasesTargetsInOrder() {
		Map<String, String> map = CsvInputOptions.parseMap(" Source Column = Email ,Given Name=firstname,");

		assertThat(map).containsExactly(Map.entry("Source Column", "email"), Map.entry("Given Name", "firstname"));
		assertThat(CsvInputOptions.parseMap("Score=Points=notes")).containsExactly(Map.entry("Score=Points", "notes"));
	}

	@Test
	void anEmptyNameAfterTheEqualsSignIgnoresTheColumnAsOftenAsGiven() {
		assertThat(CsvInputOptions.parseMap("Mail=")).containsExactly(Map.entry("Mail", ""));
		assertThat(CsvInputOptions.parseMap("Mail= ,Notes=,E-Mail=email")).containsExactly(Map.entry("Mail", ""),
				Map.entry("Notes", ""), Map.entry("E-Mail", "email"));
	}

	@Test
	void parseMapRefusesMalformedSpecsWithTheReason() {
		assertThatIllegalArgumentException().isThrownBy(() -> CsvInputOptions.parseMap(" "))
			.withMessageStartingWith("--map is empty; expected \"Source Column=email");
		assertThatIllegalArgumentException().isThrownBy(() -> CsvInputOptions.parseMap(","))
			.withMessageStartingWith("--map is empty");
		assertThatIllegalArgumentException().isThrownBy(() -> CsvInputOptions.parseMap("Mail=email,Name"))
			.withMessageStartingWith("--map entry 'Name' has no '='");
		assertThatIllegalArgumentException().isThrownBy(() -> CsvInputOptions.parseMap("=email"))
			.withMessageStartingWith("--map entry '=email' needs a column name before '='")
			.withMessageEndingWith("(\"Notes=\" ignores a column)");
		assertThatIllegalArgumentException().isThrownBy(() -> CsvInputOptions.parseMap("Mail=,MAIL="))
			.withMessage("--map names column 'MAIL' twice");
		assertThatIllegalArgumentException().isThrownBy(() -> CsvInputOptions.parseMap("Mail=email,MAIL=firstname"))
			.withMessage("--map names column 'MAIL' twice");
		assertThatIllegalArgumentException().isThrownBy(() -> CsvInputOptions.parseMap("Mail=email,E-Mail=Email"))
			.withMessage("--map maps both 'Mail' and 'E-Mail' to 'email'");
	}

	@Test
	void defaultsAreAutoDetectUtf8AndNoMap() {
		CsvInputOptions defaults = CsvInputOptions.defaults();

		assertThat(defaults.delimiter()).isNull();
		assertThat(defaults.encoding()).isEqualTo(StandardCharsets.UTF_8);
		assertThat(defaults.columnMap()).isEmpty();
		assertThat(new CsvInputOptions(';', null, null).encoding()).isEqualTo(StandardCharsets.UTF_8);
	}

	@Test
	void parseDelimiterAcceptsAutoTabAndOneCharacter() {
		assertThat(CsvInputOptions.parseDelimiter("auto")).isNull();
		assertThat(CsvInputOptions.parseDelimiter("TAB")).isEqualTo('\t');
		assertThat(CsvInputOptions.parseDelimiter("\\t")).isEqualTo('\t');
		assertThat(CsvInputOptions.parseDelimiter(";")).isEqualTo(';');
		assertThatIllegalArgumentException().isThrownBy(() -> CsvInputOptions.parseDelimiter(";;"))
			.withMessageContaining("not ';;'");
		assertThatIllegalArgumentException().isThrownBy(() -> CsvInputOptions.parseDelimiter("\""));
	}

}
