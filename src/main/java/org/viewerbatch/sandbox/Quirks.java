package org.viewerbatch.sandbox;

import java.util.List;

/**
 * Switches that make the sandbox answer like other plausible readings of the API
 * documentation.
 *
 * @param repeatsAreNoOps a repeated delete, restore, assign or unassign answers 200 and
 * changes nothing (instead of 400)
 * @param duplicateEmailAs422 a create with a taken email answers 422 with a Laravel
 * {@code errors} map (instead of 400)
 * @param stringIds ids are sent as numeric strings
 * @param noPagination lists are sent without {@code meta.pagination}
 * @param hideArchived archived viewers are left out of the viewers list
 */
public record Quirks(boolean repeatsAreNoOps, boolean duplicateEmailAs422, boolean stringIds, boolean noPagination,
		boolean hideArchived) {

	static final List<String> NAMES = List.of("repeats-are-no-ops", "duplicate-as-422", "string-ids", "no-pagination",
			"hide-archived");

	public static Quirks none() {
		return new Quirks(false, false, false, false, false);
	}

	/**
	 * Parses a comma-separated list of quirk names, e.g.
	 * {@code "string-ids,no-pagination"}; blank means none.
	 */
	public static Quirks parse(String csv) {
		boolean[] on = new boolean[NAMES.size()];
		if (csv != null) {
			for (String name : csv.split(",")) {
				String trimmed = name.trim().toLowerCase();
				if (trimmed.isEmpty()) {
					continue;
				}
				int index = NAMES.indexOf(trimmed);
				if (index < 0) {
					throw new IllegalArgumentException("unknown quirk '" + trimmed + "'; expected one of " + NAMES);
				}
				on[index] = true;
			}
		}
		return new Quirks(on[0], on[1], on[2], on[3], on[4]);
	}

	@Override
	public String toString() {
		boolean[] on = { this.repeatsAreNoOps, this.duplicateEmailAs422, this.stringIds, this.noPagination,
				this.hideArchived };
		StringBuilder names = new StringBuilder();
		for (int i = 0; i < on.length; i++) {
			if (on[i]) {
				names.append(names.length() == 0 ? "" : ",").append(NAMES.get(i));
			}
		}
		return names.length() == 0 ? "none" : names.toString();
	}

}
