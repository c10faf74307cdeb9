package org.viewerbatch.exports;

import java.util.Locale;
import java.util.Set;

import org.springframework.batch.infrastructure.item.ItemProcessor;

/**
 * Drops the rows of viewers whose status is not one of {@code --status}; keeps everything
 * when no status is given. Not final: it is a step-scoped bean, which Spring proxies by
 * subclassing.
 */
class StatusFilter implements ItemProcessor<ExportRow, ExportRow> {

	private final Set<String> statuses;

	StatusFilter(Set<String> statuses) {
		this.statuses = Set.copyOf(statuses);
	}

	@Override
	public ExportRow process(ExportRow row) {
		if (this.statuses.isEmpty()) {
			return row;
		}
		String status = row.viewer().status();
		// null tells Spring Batch to filter the item out (counted as filtered, not
		// written)
		return (status != null && this.statuses.contains(status.toLowerCase(Locale.ROOT))) ? row : null;
	}

}
