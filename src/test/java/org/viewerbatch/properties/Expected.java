package org.viewerbatch.properties;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

import org.viewerbatch.properties.World.Person;
import org.viewerbatch.properties.World.Row;

/**
 * What the SPEC says a world ends as, worked out on its own from the file's values and
 * the workspace before the run (never from the tool's code): which lines are rejected,
 * which viewers are created (each invited once), and every viewer's status and projects.
 *
 * @param rejectedLines the lines the file's own values reject (none is rejected for a
 * failure the sandbox injects)
 * @param created the viewers the run creates, by key (trimmed, lower case)
 * @param workspace every viewer after the run, by key
 * @param before every viewer before the run, by key
 * @param refused the whole file is refused before any write (exit 2): a roster for
 * --archive-missing with a row whose email cannot be read, since it is not known whom
 * that row keeps
 */
record Expected(Set<Long> rejectedLines, Set<String> created, Map<String, State> workspace, Map<String, State> before,
		boolean refused) {

	/**
	 * Roughly what no mail server accepts; the generated bad addresses are plainly bad.
	 */
	private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

	/** A viewer's status and projects. */
	record State(boolean archived, Set<Long> projects) {

		State {
			projects = new TreeSet<>(projects);
		}

		@Override
		public String toString() {
			return (this.archived ? "archived " : "active ") + this.projects;
		}

	}

	static String key(String email) {
		return email.trim().toLowerCase(Locale.ROOT);
	}

	static Expected of(World world) {
		Map<String, State> before = new TreeMap<>();
		for (Person person : world.viewers()) {
			before.put(key(person.email()), new State(person.archived(), person.projects()));
		}
		Map<String, State> after = new TreeMap<>(before);
		Set<Long> rejected = new TreeSet<>();
		Set<String> created = new TreeSet<>();
		Set<String> named = new HashSet<>();
		Map<String, Long> firstValid = new HashMap<>();
		Map<Long, Row> valid = new LinkedHashMap<>();
		long line = 1;
		for (Row row : world.rows()) {
			line++;
			if (row.blank()) {
				continue;
			}
			if (!row.email().isBlank()) {
				named.add(key(row.email()));
			}
			if (!parses(row)) {
				rejected.add(line);
			}
			else if (firstValid.putIfAbsent(key(row.email()), line) != null) {
				// a duplicate of an earlier valid row of the same email
				rejected.add(line);
			}
			else {
				valid.put(line, row);
			}
		}
		for (Map.Entry<Long, Row> entry : valid.entrySet()) {
			Row row = entry.getValue();
			String key = key(row.email());
			Set<Long> projects = projects(row.projects());
			State existing = before.get(key);
			boolean delete = row.action().trim().equalsIgnoreCase("delete");
			if (projects.stream().anyMatch((id) -> !World.PROJECTS.contains(id))
					|| (!delete && existing == null && (row.firstname().isBlank() || row.lastname().isBlank()))) {
				rejected.add(entry.getKey());
			}
			else if (delete) {
				if (existing != null) {
					after.put(key, new State(true, existing.projects()));
				}
			}
			else if (existing == null) {
				created.add(key);
				after.put(key, new State(false, projects));
			}
			else {
				Set<Long> wanted = new TreeSet<>(projects);
				if (!world.options().syncProjects()) {
					wanted.addAll(existing.projects());
				}
				after.put(key, new State(false, wanted));
			}
		}
		if (world.options().archiveMissing()) {
			before.forEach((key, state) -> {
				if (!state.archived() && !named.contains(key)) {
					after.put(key, new State(true, state.projects()));
				}
			});
		}
		boolean unreadable = world.rows()
			.stream()
			.anyMatch((row) -> !row.blank() && !EMAIL.matcher(row.email().trim()).matches());
		if (world.options().archiveMissing() && unreadable) {
			return new Expected(Set.of(), Set.of(), before, before, true);
		}
		return new Expected(rejected, created, after, before, false);
	}

	/**
	 * How many viewers --archive-missing archives: the active ones the file leaves out.
	 */
	static long leftOut(World world) {
		if (!world.options().archiveMissing()) {
			return 0;
		}
		Set<String> named = new HashSet<>();
		world.rows().stream().filter((row) -> !row.email().isBlank()).forEach((row) -> named.add(key(row.email())));
		return world.viewers().stream().filter((p) -> !p.archived() && !named.contains(key(p.email()))).count();
	}

	/**
	 * The file's values alone: an address, project ids that are numbers, a known action.
	 */
	private static boolean parses(Row row) {
		if (!EMAIL.matcher(row.email().trim()).matches()) {
			return false;
		}
		String action = row.action().trim().toLowerCase(Locale.ROOT);
		return action.isEmpty() || action.equals("upsert") || action.equals("delete");
	}

	private static Set<Long> projects(String cell) {
		Set<Long> ids = new TreeSet<>();
		for (String part : cell.split("[;|]")) {
			if (!part.isBlank()) {
				ids.add(Long.parseLong(part.trim()));
			}
		}
		return ids;
	}

}
