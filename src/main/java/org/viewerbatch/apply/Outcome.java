package org.viewerbatch.apply;

import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What happened to a row, as the results file and the summary name it; a row can have
 * several ({@code created+assigned}), in this order.
 */
public enum Outcome {

	CREATED, RESTORED, ASSIGNED, UNASSIGNED, UNCHANGED, DELETED, REJECTED, FAILED;

	/** The word in the results file and the summary, e.g. {@code created}. */
	public String label() {
		return name().toLowerCase(Locale.ROOT);
	}

	/**
	 * The results file's {@code outcome} cell: the outcomes joined by {@code +}, or
	 * {@code unchanged} for none.
	 */
	public static String describe(Set<Outcome> outcomes) {
		return outcomes.isEmpty() ? UNCHANGED.label()
				: outcomes.stream().sorted().map(Outcome::label).collect(Collectors.joining("+"));
	}

}
