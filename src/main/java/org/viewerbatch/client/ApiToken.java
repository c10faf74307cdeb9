package org.viewerbatch.client;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The API's bearer token, kept out of every printed form: logs, messages and
 * {@code toString()} never show it.
 */
public final class ApiToken {

	private static final String REDACTED = "[redacted]";

	private static final String BYTE_ORDER_MARK = "\uFEFF";

	private final String value;

	private ApiToken(String value) {
		this.value = value;
	}

	/**
	 * Wraps a token given as text, without a byte order mark and surrounding whitespace.
	 * Also the factory Spring's binder uses to bind {@code viewer-batch.api.token} from a
	 * String property.
	 * @throws IllegalArgumentException when it is empty or holds a character that cannot
	 * go into an HTTP header (the message never shows the token)
	 */
	public static ApiToken of(String value) {
		String token = clean(value);
		if (token.isEmpty()) {
			throw new IllegalArgumentException("the API token is empty");
		}
		requireHeaderSafe(token, "the API token holds characters a token cannot have");
		return new ApiToken(token);
	}

	/**
	 * Reads the token from the first non-blank line of a file (the rest is ignored); a
	 * byte order mark, as Notepad writes one, is dropped.
	 */
	public static ApiToken fromFile(Path file) {
		String content;
		try {
			content = Files.readString(file, StandardCharsets.UTF_8);
		}
		catch (IOException | RuntimeException ex) {
			throw new IllegalArgumentException("cannot read the token file " + file + ": " + describe(ex), ex);
		}
		String token = content.lines()
			.map(ApiToken::clean)
			.filter(line -> !line.isEmpty())
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("the token file " + file + " is empty"));
		requireHeaderSafe(token, "the token file " + file + " holds characters a token cannot have"
				+ " (only printable ASCII without spaces); check that it holds the token alone");
		return new ApiToken(token);
	}

	private static String clean(String text) {
		if (text == null) {
			return "";
		}
		return text.replace(BYTE_ORDER_MARK, "").strip();
	}

	/**
	 * A bearer token is printable ASCII without spaces (RFC 6750's b64token is a subset);
	 * anything else would make the HTTP client refuse the header and print it.
	 */
	private static void requireHeaderSafe(String token, String message) {
		if (!token.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
			throw new IllegalArgumentException(message);
		}
	}

	private static String describe(Exception ex) {
		// NoSuchFileException's message is only the path; say what went wrong instead
		return (ex instanceof java.nio.file.NoSuchFileException) ? "no such file" : ex.toString();
	}

	/** The raw token, only for the {@code Authorization} header. */
	public String value() {
		return this.value;
	}

	/**
	 * Replaces every occurrence of the token in the text with {@code [redacted]};
	 * {@code null} stays {@code null}.
	 */
	public String redact(String text) {
		return (text != null) ? text.replace(this.value, REDACTED) : null;
	}

	@Override
	public boolean equals(Object other) {
		return (other instanceof ApiToken token) && this.value.equals(token.value);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.value);
	}

	@Override
	public String toString() {
		return "ApiToken[redacted]";
	}

}
