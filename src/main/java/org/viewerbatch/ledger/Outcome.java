package org.viewerbatch.ledger;

import java.util.EnumSet;
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
	 * The outcome a change gives a row, by its ledger operation ({@code create} →
	 * {@link #CREATED}).
	 */
	public static Outcome ofOperation(String operation) {
		return switch (operation) {
			case "create" -> CREATED;
			case "restore" -> RESTORED;
			case "assign" -> ASSIGNED;
			case "unassign" -> UNASSIGNED;
			case "archive" -> DELETED;
			default -> throw new IllegalArgumentException("not an operation: '" + operation + "'");
		};
	}

	/**
	 * The outcomes of a results file's {@code outcome} cell, read back ({@code unchanged}
	 * is none).
	 */
	public static Set<Outcome> parse(String cell) {
		Set<Outcome> outcomes = EnumSet.noneOf(Outcome.class);
		for (String label : cell.split("\\+")) {
			Outcome outcome = valueOf(label.trim().toUpperCase(Locale.ROOT));
			if (outcome != UNCHANGED) {
				outcomes.add(outcome);
			}
		}
		return outcomes;
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
