package org.viewerbatch.exports;

import java.util.LinkedHashSet;
import java.util.Set;

import org.viewerbatch.sandbox.SandboxStore;

/**
 * The 250 viewers the export tests read: 3 pages of the list, statuses and projects in a
 * known pattern, and a few names chosen to break a naive CSV or spreadsheet.
 */
final class ExportSeed {

	static final long WORKSPACE = 1;

	static final int VIEWERS = 250;

	/** Viewer 25, 50, … 250. */
	static final int LEFT = 10;

	/** Viewer 10, 20, … except the multiples of 25. */
	static final int INACTIVE = 20;

	static final int ACTIVE = VIEWERS - LEFT - INACTIVE;

	/**
	 * Viewer i has i % 4 projects: 1+2+3+0 per four viewers, then 1+2 for viewers 249 and
	 * 250.
	 */
	static final int ASSIGNMENTS = 62 * 6 + 3;

	static final String HYPERLINK = "=HYPERLINK(\"http://x\",\"y\")";

	static final String SUM = "@SUM(A1)";

	static final String UNICODE_FIRST = "Zoë 山田 🎉";

	static final String AWKWARD_LAST = "O'Brien, \"Jr.\"\nsecond line";

	private ExportSeed() {
	}

	static void addViewers(SandboxStore store) {
		for (int i = 1; i <= VIEWERS; i++) {
			store.addViewer(WORKSPACE, email(i), firstname(i), lastname(i), status(i), projects(i));
		}
	}

	static String email(int i) {
		return String.format("viewer%03d@example.com", i);
	}

	static String firstname(int i) {
		return switch (i) {
			case 1 -> HYPERLINK;
			case 2 -> SUM;
			case 3 -> UNICODE_FIRST;
			case 4 -> "\tTabbed";
			default -> "First" + i;
		};
	}

	static String lastname(int i) {
		return switch (i) {
			case 1 -> "+1";
			case 2 -> "-2";
			case 3 -> AWKWARD_LAST;
			case 4 -> "Smith, Anna";
			default -> "Last" + i;
		};
	}

	static String status(int i) {
		if (i % 25 == 0) {
			return "left";
		}
		return (i % 10 == 0) ? "inactive" : "active";
	}

	static Set<Long> projects(int i) {
		Set<Long> projects = new LinkedHashSet<>();
		for (int p = 0; p < i % 4; p++) {
			projects.add(101L + (i + p) % 10);
		}
		return projects;
	}

}
