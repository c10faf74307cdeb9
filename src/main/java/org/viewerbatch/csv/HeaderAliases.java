package org.viewerbatch.csv;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The column names people actually write, recognised without {@code --map}:
 * {@code E-mail}, {@code Email Address}, {@code First Name}, {@code Surname},
 * {@code Project IDs} ... Case, spaces, {@code _} and {@code -} are ignored.
 */
final class HeaderAliases {

	private static final Map<String, String> CANONICAL = Map.ofEntries(Map.entry("email", "email"),
			Map.entry("emailaddress", "email"), Map.entry("mail", "email"), Map.entry("mailaddress", "email"),
			Map.entry("firstname", "firstname"), Map.entry("givenname", "firstname"), Map.entry("first", "firstname"),
			Map.entry("forename", "firstname"), Map.entry("lastname", "lastname"), Map.entry("surname", "lastname"),
			Map.entry("familyname", "lastname"), Map.entry("last", "lastname"), Map.entry("projects", "projects"),
			Map.entry("projectids", "projects"), Map.entry("projectid", "project_id"),
			Map.entry("viewerid", "viewer_id"), Map.entry("httpstatus", "http_status"));

	private HeaderAliases() {
	}

	/** The canonical column a header name stands for, if it is one people write. */
	static Optional<String> canonical(String name) {
		return Optional.ofNullable(CANONICAL.get(name.toLowerCase(Locale.ROOT).replaceAll("[\\s_-]", "")));
	}

}
