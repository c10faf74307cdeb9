package org.viewerbatch.apply;

import java.util.List;
import java.util.stream.Collectors;

import org.viewerbatch.csv.CsvRow;

/**
 * What one input row needs: the API calls in the order they must be sent (none when the
 * row is already in its wanted state), for an existing viewer ({@code viewerId}) or for
 * one the first call creates.
 */
public record RowPlan(CsvRow source, String email, Long viewerId, List<PlannedCall> calls, String detail) {

	public RowPlan {
		calls = List.copyOf(calls);
		detail = (detail != null) ? detail : "";
	}

	public long line() {
		return this.source.line();
	}

	/**
	 * The calls as the plan file shows them, e.g. {@code create; assign 101}, or
	 * {@code none}.
	 */
	public String describeCalls() {
		return this.calls.isEmpty() ? "none"
				: this.calls.stream().map(PlannedCall::describe).collect(Collectors.joining("; "));
	}

}
