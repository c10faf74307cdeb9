package org.viewerbatch.imports;

import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * The first step of an import: reads the whole file and refuses the run, before any
 * request, when the file cannot be read or a guard says no (e.g. deletes without
 * --allow-delete).
 */
final class CheckFileTasklet<R> implements Tasklet {

	private static final Logger logger = LoggerFactory.getLogger(CheckFileTasklet.class);

	private final FileCheck<R> check;

	private final Consumer<CheckedFile<R>> guard;

	CheckFileTasklet(FileCheck<R> check, Consumer<CheckedFile<R>> guard) {
		this.check = check;
		this.guard = guard;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
		CheckedFile<R> file = this.check.run();
		this.guard.accept(file);
		CheckedInput.save(contribution.getStepExecution().getJobExecution().getExecutionContext(), file);
		// the summary gives the counts at the end, once
		logger.debug("checked {} rows: {} can be planned, {} rejected", file.rows(), file.valid().size(),
				file.rejections().size());
		return RepeatStatus.FINISHED;
	}

}
