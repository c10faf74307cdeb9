package org.viewerbatch.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameter;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.context.ApplicationContext;

import org.viewerbatch.client.WebWorkClient;
import org.viewerbatch.csv.AtomicFile;
import org.viewerbatch.imports.ImportRun;
import org.viewerbatch.imports.ImportRun.ViewerOptions;
import org.viewerbatch.imports.WorkspaceSnapshot;
import org.viewerbatch.ledger.LedgerChange;
import org.viewerbatch.ledger.RunLedger;
import org.viewerbatch.runs.RunDetails;
import org.viewerbatch.terminal.TerminalText;
import org.viewerbatch.undo.UndoPlan;

/**
 * {@code viewer-batch undo EXECUTION_ID}: puts every viewer a run changed back as it was
 * before, from the run's ledger. The undo is written as a viewers file,
 * {@code undo-ID.csv}, once (a restart, or the real run after a dry run, goes on with the
 * same file), and applied by the import-viewers job as an undo (with --sync-projects, and
 * a delete row archives its viewer with exactly its projects): its own results, rejects,
 * plan and report, the fewest requests, and never a create.
 */
@Command(name = "undo", sortOptions = false, usageHelpAutoWidth = true, description = {
		"Put the viewers a past run changed back as they were.",
		"From the run's ledger: every viewer it changed ends as it was before, active or archived, with"
				+ " the projects it had then; a viewer it created is archived (an invitation cannot be"
				+ " unsent). It never creates a viewer, so it invites nobody. A viewer changed since by"
				+ " someone else (its state differs from what the run left) is a conflict: listed and left"
				+ " alone, unless --force.",
		"The undo is written to DIR/undo-EXECUTION_ID.csv (the conflicts to undo-EXECUTION_ID.conflicts.txt)"
				+ " and imported like any file, with its own results, rejects and report beside it; a failed undo resumes when the same command is"
				+ " run again. Delete that file to plan the undo afresh." },
		footerHeading = "%nExamples:%n",
		footer = { "  viewer-batch undo 7 --allow-delete --dry-run",
				"      what undoing run 7 would send, in undo-7.plan.csv", "  viewer-batch undo 7 --allow-delete",
				"      undo run 7, archiving the viewers it created", "", "Exit codes:", "  0  done",
				"  1  failed or stopped part-way: run the same command to resume",
				"  2  bad option, no such run, or archives refused (they need --allow-delete,",
				"     at most --max-deletes): nothing was sent",
				"  3  done, some rows rejected (see undo-ID.rejects.csv)", "  4  token refused (401/403)" })
class UndoCommand extends JobCommand {

	@Parameters(index = "0", paramLabel = "EXECUTION_ID", description = "The run to undo (an ID of viewer-batch jobs).")
	long executionId;

	@Option(names = "--dry-run", description = "Plan only: write undo-ID.plan.csv; send no write.")
	boolean dryRun;

	@Option(names = "--force", description = "Undo the viewers changed since the run too.")
	boolean force;

	@Option(names = "--allow-delete",
			description = "Allow the archives the undo needs (of the viewers the run created or restored).")
	boolean allowDelete;

	@Option(names = "--max-deletes", paramLabel = "N",
			description = "Refuse the undo if it archives more than N viewers (default: ${DEFAULT-VALUE}).",
			defaultValue = "" + ViewerOptions.DEFAULT_MAX_DELETES)
	long maxDeletes;

	@Option(names = "--dir", paramLabel = "DIR", defaultValue = ".",
			description = "Where undo-ID.csv and its results, rejects, plan and report go (default: here).")
	Path dir;

	@Override
	protected String jobName() {
		return ViewerOptions.JOB;
	}

	@Override
	protected JobParameters jobParameters(Settings settings, ApplicationContext context) {
		JobExecution undone = RunDetails.find(context.getBean(JobRepository.class), this.executionId)
			.orElseThrow(() -> new ConfigurationException(
					"no execution " + this.executionId + " in the job repository (viewer-batch jobs lists them)"));
		JobParameter<?> workspace = undone.getJobParameters().getParameter("workspace.id");
		if (workspace == null) {
			throw new ConfigurationException("execution " + this.executionId + " is not an import: nothing to undo");
		}
		long workspaceId = ((Number) workspace.value()).longValue();
		if (settings.workspaceId() != null && settings.workspaceId() != workspaceId) {
			throw new ConfigurationException("execution " + this.executionId + " ran on workspace " + workspaceId
					+ ", not " + settings.workspaceId() + ": give --workspace " + workspaceId);
		}
		Path file = this.dir.resolve("undo-" + this.executionId + ".csv").toAbsolutePath().normalize();
		Path conflicts = file.resolveSibling("undo-" + this.executionId + ".conflicts.txt");
		// the conflict lines say that --force undoes them: a plan that left viewers alone
		// is made again when forced
		if (!Files.exists(file) || (this.force && Files.exists(conflicts))) {
			plan(context, undone, workspaceId, file, conflicts);
		}
		ViewerOptions options = new ViewerOptions(true, this.allowDelete, this.maxDeletes, false, true);
		try {
			return new ImportRun<>(file, workspaceId, settings.apiUrl(), this.dryRun ? Instant.now() : null, null, null,
					null, null, null, null, null, null, null, null, options)
				.toJobParameters();
		}
		catch (IllegalArgumentException ex) {
			throw new ConfigurationException(ex.getMessage());
		}
	}

	/** Works the undo out and writes it to {@code file}, saying what it leaves alone. */
	private void plan(ApplicationContext context, JobExecution undone, long workspaceId, Path file, Path conflicts) {
		List<LedgerChange> changes = context.getBean(RunLedger.class)
			.changesOfInstance(undone.getJobInstance().getInstanceId());
		if (changes.isEmpty()) {
			throw new ConfigurationException("execution " + this.executionId + " changed no viewer: nothing to undo");
		}
		WorkspaceSnapshot now = WorkspaceSnapshot
			.ofViewers(context.getBean(WebWorkClient.class).allViewers(workspaceId));
		UndoPlan plan = UndoPlan.of(changes, now, this.force);
		PrintWriter err = this.spec.commandLine().getErr();
		plan.conflicts().forEach((conflict) -> err.println("conflict: " + TerminalText.visible(conflict)));
		if (plan.created() > 0) {
			err.println(plan.created() + " viewers the run created are archived by the undo: the invitations they"
					+ " were sent cannot be unsent");
		}
		try {
			Files.createDirectories(file.getParent());
			if (plan.conflicts().isEmpty()) {
				Files.deleteIfExists(conflicts);
			}
			else {
				Files.write(conflicts, plan.conflicts());
				err.println(plan.conflicts().size() + " viewers left alone, listed in "
						+ TerminalText.visible(conflicts.toString()));
			}
			if (plan.rows().isEmpty()) {
				throw new ConfigurationException("nothing undone: every viewer execution " + this.executionId
						+ " changed is a conflict, listed in " + conflicts);
			}
			try (AtomicFile out = AtomicFile.beside(file)) {
				try (Writer writer = Files.newBufferedWriter(out.temp(), StandardCharsets.UTF_8);
						CSVPrinter printer = CSVFormat.DEFAULT.builder()
							.setHeader(UndoPlan.HEADER.toArray(String[]::new))
							.get()
							.print(writer)) {
					for (List<String> row : plan.rows()) {
						printer.printRecord(row);
					}
				}
				out.commit();
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot write the undo file " + file + ": " + ex.getMessage(), ex);
		}
	}

}
