package org.viewerbatch.ledger;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.viewerbatch.ledger.LedgerChange.Result;
import org.viewerbatch.ledger.LedgerRow.Kind;

/**
 * The rows of one job as the ledger has them, across every execution, in line order, each
 * with the changes that an earlier execution made for it before it ended without
 * recording the row (killed, or failed in that row's chunk): a viewer created then is
 * reported {@code created}, though the execution that recorded the row found it existing.
 */
public final class RecordedRows {

	private final List<LedgerRow> rows;

	private RecordedRows(List<LedgerRow> rows) {
		this.rows = List.copyOf(rows);
	}

	public static RecordedRows of(RunLedger ledger, long instanceId) {
		return new RecordedRows(withEarlierChanges(ledger.rows(instanceId), ledger.changesOfInstance(instanceId)));
	}

	public List<LedgerRow> rows() {
		return this.rows;
	}

	public List<LedgerRow> rows(Kind kind) {
		return this.rows.stream().filter((row) -> row.kind() == kind).toList();
	}

	/** The last line recorded, or 0. */
	public long lastLine() {
		return this.rows.isEmpty() ? 0 : this.rows.get(this.rows.size() - 1).line();
	}

	static List<LedgerRow> withEarlierChanges(List<LedgerRow> rows, List<LedgerChange> changes) {
		// a change refused did not happen; one in doubt did, if the run that recorded the
		// row found it done already (else that run did it, and says so itself)
		Map<Long, List<LedgerChange>> done = changes.stream()
			.filter((change) -> change.result() != Result.REFUSED)
			.collect(Collectors.groupingBy(LedgerChange::line));
		List<LedgerRow> merged = new ArrayList<>(rows.size());
		for (LedgerRow row : rows) {
			List<LedgerChange> earlier = done.getOrDefault(row.line(), List.of())
				.stream()
				.filter((change) -> change.executionId() != row.executionId())
				.toList();
			merged.add((earlier.isEmpty() || row.kind() == Kind.PLANNED) ? row : withEarlier(row, earlier));
		}
		return merged;
	}

	private static String describe(LedgerChange change) {
		String call = (change.projectId() != null) ? change.operation() + " " + change.projectId() : change.operation();
		return switch (change.result()) {
			case DONE -> call;
			case UNCLEAR -> call + " (answered " + change.answer() + ")";
			default -> call + " (no answer: it ended first)";
		};
	}

	private static LedgerRow withEarlier(LedgerRow row, List<LedgerChange> earlier) {
		Set<Outcome> outcomes = EnumSet.noneOf(Outcome.class);
		if (row.kind() == Kind.APPLIED) {
			outcomes.addAll(Outcome.parse(row.outcome()));
			earlier.forEach((change) -> outcomes.add(Outcome.ofOperation(change.operation())));
		}
		String executions = earlier.stream()
			.map((change) -> Long.toString(change.executionId()))
			.distinct()
			.collect(Collectors.joining(", "));
		String calls = earlier.stream().map(RecordedRows::describe).collect(Collectors.joining(", "));
		String note = "execution " + executions + " sent " + calls + " before it ended without recording this row";
		String detail = row.detail().isEmpty() ? note : row.detail() + "; " + note;
		Long viewerId = (row.viewerId() != null) ? row.viewerId() : earlier.get(0).viewerId();
		return new LedgerRow(row.instanceId(), row.executionId(), row.line(), row.kind(), row.email(), viewerId,
				(row.kind() == Kind.APPLIED) ? Outcome.describe(outcomes) : row.outcome(),
				row.requests() + earlier.size(), detail, row.error(), row.httpStatus(), row.source());
	}

}
