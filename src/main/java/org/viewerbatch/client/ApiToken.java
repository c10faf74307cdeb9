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

	private final String value;

	private ApiToken(String value) {
		this.value = value;
	}

	/**
	 * Wraps a token given as text, trimmed. Also the factory Spring's binder uses to bind
	 * {@code viewer-batch.api.token} from a String property.
	 */
	public static ApiToken of(String value) {
		if (value == null || value.isBlank()) {
			throw new IllegalArgumentException("the API token is empty");
		}
		return new ApiToken(value.trim());
	}

	/** Reads the token from the first non-blank line of a file (the rest is ignored). */
	public static ApiToken fromFile(Path file) {
		String content;
		try {
			content = Files.readString(file, StandardCharsets.UTF_8);
		}
		catch (IOException | RuntimeException ex) {
			throw new IllegalArgumentException("cannot read the token file " + file + ": " + describe(ex), ex);
		}
		return content.lines()
			.map(String::trim)
			.filter(line -> !line.isEmpty())
			.findFirst()
			.map(ApiToken::new)
			.orElseThrow(() -> new IllegalArgumentException("the token file " + file + " is empty"));
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
