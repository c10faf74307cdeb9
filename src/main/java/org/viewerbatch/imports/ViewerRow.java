package org.viewerbatch.imports;

import java.util.List;

/**
 * One valid row of a viewers import file.
 *
 * @param projectsGiven whether the file has a {@code projects} column at all (without
 * one, --sync-projects leaves the viewer's projects alone instead of removing them all)
 */
record ViewerRow(long line, String email, String firstname, String lastname, List<Long> projects, boolean projectsGiven,
		Action action) {

	public ViewerRow {
		projects = List.copyOf(projects);
	}

	/** What the row asks for. */
	public enum Action {

		/** The viewer exists, active, with the listed projects (the default). */
		UPSERT,

		/** The viewer is archived. */
		DELETE

	}

}
