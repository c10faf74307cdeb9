package org.viewerbatch.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The user and password of a job repository on a database server, from the environment
 * only: never from the command line (other users see it), nor from the URL.
 *
 * @param user {@code VIEWER_BATCH_DB_USER}, or {@code null}
 * @param password {@code VIEWER_BATCH_DB_PASSWORD}, or the text of the file
 * {@code VIEWER_BATCH_DB_PASSWORD_FILE} names (byte order mark and surrounding white
 * space stripped), or {@code null}
 */
record DatabaseCredentials(String user, String password) {

	static final String USER = "VIEWER_BATCH_DB_USER";

	static final String PASSWORD = "VIEWER_BATCH_DB_PASSWORD";

	static final String PASSWORD_FILE = "VIEWER_BATCH_DB_PASSWORD_FILE";

	static DatabaseCredentials from(Map<String, String> env) {
		String password = blankToNull(env.get(PASSWORD));
		String file = blankToNull(env.get(PASSWORD_FILE));
		if (password != null && file != null) {
			throw new ConfigurationException("set " + PASSWORD + " or " + PASSWORD_FILE + ", not both");
		}
		return new DatabaseCredentials(blankToNull(env.get(USER)), (file != null) ? read(Path.of(file)) : password);
	}

	private static String read(Path file) {
		try {
			String text = Files.readString(file, StandardCharsets.UTF_8);
			return text.replaceFirst("^\uFEFF", "").strip();
		}
		catch (IOException ex) {
			throw new ConfigurationException(
					"cannot read " + PASSWORD_FILE + " " + file + ": " + ex.getClass().getSimpleName());
		}
	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value.strip();
	}

	@Override
	public String toString() {
		return "DatabaseCredentials[user=" + this.user + ", password=" + ((this.password != null) ? "[redacted]" : null)
				+ "]";
	}

}
