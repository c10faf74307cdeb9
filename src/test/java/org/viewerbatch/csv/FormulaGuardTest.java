package org.viewerbatch.csv;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class FormulaGuardTest {

	@ParameterizedTest
	@ValueSource(strings = { "=HYPERLINK(\"http://evil.example\",\"click\")", "=1+1", "+1+1", "-2+3", "@SUM(A1)",
			"\t=x", "\r=x", "-", "+", "=", "--1", "+49 30 1234", "-cmd|' /C calc'!A0", "-1e", "-1,234.5", "'=x",
			"''@x" })
	void cellsASpreadsheetWouldEvaluateGetAQuote(String cell) {
		assertThat(FormulaGuard.guard(cell)).isEqualTo("'" + cell);
	}

	@ParameterizedTest
	@ValueSource(strings = { "-2", "+1", "+1.5", "-0.25", "-1,5", "-.5", "-1e5", "+2E-3", "Ann", "ann@example.com", "",
			" =x", "1-1", "a=b", "'-2", "'plain" })
	void plainNumbersAndOrdinaryTextAreUntouched(String cell) {
		assertThat(FormulaGuard.guard(cell)).isEqualTo(cell);
	}

	@ParameterizedTest
	@ValueSource(strings = { "=1+1", "-2", "'=x", "''=x", "@x", "plain", "'-2", "\t=x", "'" })
	void unguardIsTheInverseOfGuard(String cell) {
		assertThat(FormulaGuard.unguard(FormulaGuard.guard(cell))).isEqualTo(cell);
	}

	@ParameterizedTest
	@ValueSource(strings = { "'-2", "'plain", "'" })
	void unguardLeavesQuotesTheGuardDidNotWrite(String cell) {
		assertThat(FormulaGuard.unguard(cell)).isEqualTo(cell);
	}

	@Test
	void nullStaysNull() {
		assertThat(FormulaGuard.guard(null)).isNull();
	}

}
