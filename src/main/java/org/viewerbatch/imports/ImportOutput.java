package org.viewerbatch.imports;

import java.util.List;

import org.springframework.batch.infrastructure.item.ItemStream;

/**
 * The files an import step writes (results and rejects, or a dry run's plan), restartable
 * and moved into place only when the step completes.
 */
interface ImportOutput extends ItemStream, RejectSink {

	ImportTally tally();

	/**
	 * Moves the completed files into place; {@code summary} is what a plan file ends
	 * with.
	 */
	void publish(List<String> summary);

	/**
	 * Where the files are, for the summary: final names when completed, the partial ones
	 * otherwise.
	 */
	List<String> describe(boolean completed);

}
