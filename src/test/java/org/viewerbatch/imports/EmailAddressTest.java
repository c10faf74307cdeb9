package org.viewerbatch.imports;

import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import org.viewerbatch.apply.RowRejectedException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class EmailAddressTest {

	@ParameterizedTest(name = "[{index}] {0} → {1}")
	@CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
			ann@ex.com                              | ann@ex.com
			` ann@ex.com　`                | ann@ex.com
			`  Ann@Example.COM  `                   | Ann@Example.COM
			ann.lee+crm@mail.example.co.uk          | ann.lee+crm@mail.example.co.uk
			o'brien@example.ie                      | o'brien@example.ie
			jo@xn--mnchen-3ya.de                    | jo@xn--mnchen-3ya.de
			zoë@müller.de                           | zoë@müller.de
			a-b@sub-domain.example.com              | a-b@sub-domain.example.com
			"ann lee"@ex.com                        | "ann lee"@ex.com
			a@b.co                                  | a@b.co
			new.hire@northwind.example              | new.hire@northwind.example
			qa@shop.test                            | qa@shop.test
			Ann Lee <ann@ex.com>                    | ann@ex.com
			"Lee, Ann" <ann@ex.com>                 | ann@ex.com
			<ann@ex.com>                            | ann@ex.com
			O One <old1@ex.com>                     | old1@ex.com
			mailto:ann@ex.com                       | ann@ex.com
			MailTo:ann@ex.com                       | ann@ex.com
			Ann Lee <mailto:ann@ex.com>             | ann@ex.com
			ann@ex.com <mailto:ann@ex.com>          | ann@ex.com
			old2@ex.com;                            | old2@ex.com
			ann@ex.com,                             | ann@ex.com
			`Ann Lee <ann@ex.com>; `                | ann@ex.com
			=HYPERLINK("http://evil") <ann@ex.com>  | ann@ex.com
			""")
	void readsTheAddressOfEveryFormPeoplePaste(String cell, String address) {
		assertThat(EmailAddress.read(2, cell).address()).isEqualTo(address);
	}

	static Stream<Arguments> notAddresses() {
		String local65 = "a".repeat(65);
		String long255 = "a".repeat(60) + "@" + ("b".repeat(60) + ".").repeat(3) + "b".repeat(9) + ".com";
		return Stream.of(arguments("", "the email is empty"), arguments("   ", "the email is empty"),
				arguments("ann", "'ann' is not an email address (it has no @)"),
				arguments("ann.example.com", "(it has no @)"), arguments("a b@c.de", "'a b@c.de' is not an email"),
				arguments("ann@@ex.com", "is not an email address"),
				arguments(".ann@example.com", "cannot start or end with a dot"),
				arguments("ann.@example.com", "cannot start or end with a dot"),
				arguments("ann..lee@example.com", "nor have two in a row"),
				arguments("ann@-example.com", "cannot start or end with -"),
				arguments("ann@example-.com", "cannot start or end with -"),
				arguments("ann@ex.con", "('.con' is not a top-level domain)"),
				arguments("ann@localhost", "is not an email address"), arguments("ann@com", "is not an email address"),
				arguments("ann@[127.0.0.1]", "(an address at an IP address is not accepted"),
				arguments("ann@ex.com; bob@ex.com", "(one address per row)"),
				arguments("ann@ex.com, bob@ex.com", "(one address per row)"),
				arguments("<script>alert(1)</script>@ex.com", "'<script>alert(1)</script>@ex.com' is not"),
				arguments("=HYPERLINK(\"http://evil\")@ex.com", "is not an email address"),
				arguments("mailto:", "'mailto:' is not"), arguments("mailto:ann@ex.com?subject=hi", "is not"),
				arguments("<>", "'<>' is not"), arguments("Ann Lee <>", "is not"),
				arguments("Ann Lee", "(it has no @)"), arguments("Ann <ann@ex.com> <bob@ex.com>", "is not"),
				arguments(local65 + "@ex.com", "is not"), arguments(long255, "(an address has at most 254 characters)"),
				arguments("ann\u0000@ex.com", "'annU+0000@ex.com' is not"),
				arguments("\u001b[31mann@ex.com", "'U+001B[31mann@ex.com' is not"),
				arguments("ann\u007f@ex.com", "'annU+007F@ex.com' is not"),
				arguments("ann\u009b@ex.com", "'annU+009B@ex.com' is not"),
				arguments("ann@ex\u0007.com", "'ann@exU+0007.com' is not"),
				arguments("ann@ex.com\u001b]8;;http://evil\u0007", "is not"),
				arguments("ann@ex.com\t", "'ann@ex.comU+0009' is not"),
				arguments("\u001fann@ex.com", "'U+001Fann@ex.com' is not"), arguments("\u0000", "'U+0000' is not"));
	}

	@ParameterizedTest(name = "[{index}] {0}")
	@MethodSource("notAddresses")
	void rejectsWhatIsNoAddressAndSaysWhy(String cell, String message) {
		assertThatThrownBy(() -> EmailAddress.read(7, cell)).isInstanceOfSatisfying(RowRejectedException.class,
				(rejection) -> {
					assertThat(rejection.line()).isEqualTo(7);
					assertThat(rejection.error()).isEqualTo("invalid-email");
					assertThat(rejection.getMessage()).contains(message)
						.doesNotContainPattern("\\p{Cntrl}|[\\u0080-\\u009f]");
				});
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			Ann@Example.COM               | ann@example.com
			Ann Lee <Ann@Ex.com>          | ann@ex.com
			""")
	void matchesInLowerCase(String cell, String key) {
		assertThat(EmailAddress.read(2, cell).key()).isEqualTo(key);
	}

}
