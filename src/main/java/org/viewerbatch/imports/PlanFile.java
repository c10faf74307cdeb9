package org.viewerbatch.imports;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.viewerbatch.csv.RenderedCsvFile;
import org.viewerbatch.ledger.LedgerRow;
import org.viewerbatch.ledger.LedgerRow.Kind;
import org.viewerbatch.ledger.RecordedRows;

/**
 * The dry run's plan file, rendered from the ledger: each row's planned calls (and each
 * rejected row with its reason), ended by the counts and the time the real run will take.
 */
final class PlanFile {

	static final List<String> HEADER = List.of("line", "email", "actions", "requests");

	private final Path target;

	PlanFile(Path target) {
		this.target = target.toAbsolutePath().normalize();
	}

	/** Writes the file, ended with the summary lines, and says where it is. */
	List<String> publish(RecordedRows rows, List<String> summary) {
		try {
			RenderedCsvFile.write(this.target, HEADER, rows.rows().stream().map(PlanFile::cells).toList(), summary);
		}
		catch (IOException ex) {
			throw new PublishException("plan", this.target, ex);
		}
		return List.of("plan: " + this.target);
	}

	private static List<String> cells(LedgerRow row) {
		if (row.kind() == Kind.REJECTED) {
			return List.of(Long.toString(row.line()), ResultFiles.text(row.email()),
					"reject (" + row.error() + "): " + row.detail(), "0");
		}
		return List.of(Long.toString(row.line()), ResultFiles.text(row.email()), row.detail(),
				Integer.toString(row.requests()));
	}

}
