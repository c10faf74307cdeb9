package org.viewerbatch.imports;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.commons.validator.routines.DomainValidator;
import org.apache.commons.validator.routines.DomainValidator.ArrayType;
import org.apache.commons.validator.routines.EmailValidator;

import org.viewerbatch.apply.RowRejectedException;

/**
 * An email address read from a cell of an input file. The forms people paste from mail
 * clients give the address inside them: {@code Ann Lee <ann@ex.com>},
 * {@code mailto:ann@ex.com}, a trailing {@code ;} or {@code ,}. Apache Commons
 * Validator's {@link EmailValidator} judges the address itself.
 *
 * @param address the address as written, its letter case kept (the API receives it so)
 */
record EmailAddress(String address) {

	/** The rejection of a row whose email cell holds no address. */
	static final String INVALID = "invalid-email";

	/** RFC 5321's limit on a whole address (a path of 256 less its angle brackets). */
	private static final int MAX_LENGTH = 254;

	/**
	 * The IANA root zone as the library knows it, and the names RFC 2606 keeps for
	 * examples and tests (the samples are at northwind.example): a domain ending in
	 * anything else is a typo such as {@code ex.con}, or no domain at all.
	 */
	private static final DomainValidator DOMAINS = DomainValidator.getInstance(false,
			List.of(new DomainValidator.Item(ArrayType.GENERIC_PLUS, "example", "test")));

	// no local addresses (ann@localhost), nor addresses at a top-level domain (ann@com)
	private static final EmailValidator VALIDATOR = new EmailValidator(false, false, DOMAINS);

	/**
	 * Spaces, no-break ones too, and not {@link String#trim()}'s control characters: a
	 * control character makes a cell no address.
	 */
	private static final Pattern SPACES_AROUND = Pattern.compile("^\\p{Zs}+|\\p{Zs}+$");

	/** What mail clients put after each address of a list. */
	private static final Pattern TRAILING_SEPARATORS = Pattern.compile("[\\p{Zs};,]+$");

	/** {@code Display Name <address>}, the name without angle brackets of its own. */
	private static final Pattern NAMED = Pattern.compile("(?s)[^<>]*<([^<>]*)>");

	private static final String MAILTO = "mailto:";

	/**
	 * The address in a cell, or a rejection of the row ({@value #INVALID}) saying why
	 * there is none.
	 */
	static EmailAddress read(long line, String cell) {
		return in(cell).orElseThrow(() -> {
			String text = SPACES_AROUND.matcher(cell).replaceAll("");
			return RowRejectedException.invalid(line, INVALID, text.isEmpty() ? "the email is empty"
					: "'" + ControlCharacters.visible(text) + "' is not an email address" + why(unwrap(text)));
		});
	}

	/** The address in a cell; empty when it holds none. */
	static Optional<EmailAddress> in(String cell) {
		String address = unwrap(SPACES_AROUND.matcher(cell).replaceAll(""));
		// the validator lets C1 controls through in the part before @, and takes an IP
		// address in brackets for a domain
		boolean valid = address.length() <= MAX_LENGTH && VALIDATOR.isValid(address) && !address.contains("@[")
				&& ControlCharacters.first(address) < 0;
		return valid ? Optional.of(new EmailAddress(address)) : Optional.empty();
	}

	/** The address as addresses are matched: trimmed, lower case. */
	String key() {
		return WorkspaceSnapshot.key(this.address);
	}

	/** The address inside what a mail client gives to copy. */
	private static String unwrap(String text) {
		String address = TRAILING_SEPARATORS.matcher(text).replaceFirst("");
		Matcher named = NAMED.matcher(address);
		if (named.matches()) {
			address = SPACES_AROUND.matcher(named.group(1)).replaceAll("");
		}
		if (address.regionMatches(true, 0, MAILTO, 0, MAILTO.length())) {
			address = SPACES_AROUND.matcher(address.substring(MAILTO.length())).replaceAll("");
		}
		return address;
	}

	/** What is wrong with an address, where a reader might not see it. */
	private static String why(String address) {
		int at = address.lastIndexOf('@');
		if (at < 0) {
			return " (it has no @)";
		}
		if (address.indexOf('@') != at && address.matches("(?s).*@.*[\\s;,].*@.*")) {
			return " (one address per row)";
		}
		if (address.length() > MAX_LENGTH) {
			return " (an address has at most " + MAX_LENGTH + " characters)";
		}
		String local = address.substring(0, at);
		String domain = address.substring(at + 1);
		if (local.startsWith(".") || local.endsWith(".") || local.contains("..")) {
			return " (the part before @ cannot start or end with a dot, nor have two in a row)";
		}
		if (domain.startsWith("[")) {
			return " (an address at an IP address is not accepted: use the domain's name)";
		}
		if (domain.matches("(?s).*(^|\\.)-.*|.*-(\\.|$).*")) {
			return " (a part of the domain cannot start or end with -)";
		}
		int dot = domain.lastIndexOf('.');
		String ending = domain.substring(dot + 1);
		if (dot > 0 && ending.matches("\\p{L}{2,}") && !DOMAINS.isValidTld(ending)) {
			return " ('." + ending + "' is not a top-level domain)";
		}
		return "";
	}

}
