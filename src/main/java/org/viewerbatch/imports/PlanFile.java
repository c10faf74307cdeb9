package org.viewerbatch.imports;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamWriter;

import org.viewerbatch.apply.Outcome;
import org.viewerbatch.apply.PlannedCall;
import org.viewerbatch.apply.RowPlan;
import org.viewerbatch.apply.RowRejectedException;
import org.viewerbatch.csv.CsvRow;
import org.viewerbatch.csv.FormulaGuard;
import org.viewerbatch.csv.RestartableCsvFile;

/**
 * The dry run's writer: instead of sending anything, writes each row's planned calls (and
 * each rejected row with its reason) to the plan file, and ends it with the counts and
 * the time the real run will take.
 */
final class PlanFile implements ItemStreamWriter<RowPlan>, ImportOutput {

	static final List<String> HEADER = List.of("line", "email", "actions", "requests");

	private final RestartableCsvFile file;

	private final ImportTally tally = new ImportTally("plan.");

	private final SortedMap<Long, List<String>> lines = new TreeMap<>();

	public PlanFile(Path target) {
		this.file = new RestartableCsvFile("plan", target, () -> HEADER);
	}

	@Override
	public void write(Chunk<? extends RowPlan> chunk) {
		for (RowPlan plan : chunk) {
			Set<Outcome> outcomes = plan.calls().stream().map(PlannedCall::outcome).collect(Collectors.toSet());
			this.lines.put(plan.line(), List.of(Long.toString(plan.line()), FormulaGuard.guard(plan.email()),
					plan.describeCalls(), Integer.toString(plan.calls().size())));
			this.tally.row(outcomes, plan.calls().size());
		}
		flush();
	}

	/**
	 * Rows rejected while planning come before the chunk is written: they wait, so the
	 * plan stays in line order.
	 */
	@Override
	public void rejected(CsvRow source, RowRejectedException rejection) {
		this.lines.put(source.line(), List.of(Long.toString(source.line()), FormulaGuard.guard(source.get("email")),
				FormulaGuard.guard("reject (" + rejection.error() + "): " + rejection.getMessage()), "0"));
		this.tally.row(Set.of(Outcome.REJECTED), 0);
	}

	private void flush() {
		this.lines.values().forEach(this.file::append);
		this.lines.clear();
	}

	@Override
	public ImportTally tally() {
		return this.tally;
	}

	@Override
	public List<String> describe(boolean completed) {
		return List.of(completed ? "plan: " + this.file.target() : "partial plan: " + this.file.part());
	}

	/** Ends the file with the summary lines and moves it into place. */
	@Override
	public void publish(List<String> summary) {
		this.file.appendComments(summary);
		this.file.publish();
	}

	@Override
	public void open(ExecutionContext executionContext) {
		this.tally.restore(executionContext);
		this.file.open(executionContext);
	}

	@Override
	public void update(ExecutionContext executionContext) {
		flush();
		this.file.update(executionContext);
		this.tally.save(executionContext);
	}

	@Override
	public void close() {
		this.file.close();
	}

}
