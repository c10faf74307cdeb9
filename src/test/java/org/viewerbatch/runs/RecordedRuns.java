package org.viewerbatch.runs;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.repository.support.JdbcJobRepositoryFactoryBean;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import org.springframework.jdbc.support.JdbcTransactionManager;

import org.viewerbatch.ledger.LedgerChange;
import org.viewerbatch.ledger.LedgerChange.Result;
import org.viewerbatch.ledger.LedgerRow;
import org.viewerbatch.ledger.LedgerRow.Kind;
import org.viewerbatch.ledger.LedgerSchema;
import org.viewerbatch.ledger.RunLedger;

/**
 * A job repository in an in-memory HSQLDB database, with Spring Batch's tables and,
 * unless it stands for one recorded by an older version, the run ledger's, filled by the
 * test.
 */
final class RecordedRuns implements AutoCloseable {

	private final SingleConnectionDataSource dataSource = new SingleConnectionDataSource(
			"jdbc:hsqldb:mem:" + UUID.randomUUID() + ";shutdown=true", "SA", "", true);

	private final JobRepository jobRepository;

	private final RunLedger ledger = new RunLedger(this.dataSource);

	private RecordedRuns(boolean withLedger) throws Exception {
		new ResourceDatabasePopulator(new ClassPathResource("org/springframework/batch/core/schema-hsqldb.sql"))
			.execute(this.dataSource);
		if (withLedger) {
			LedgerSchema.createIfMissing(this.dataSource);
		}
		JdbcJobRepositoryFactoryBean factory = new JdbcJobRepositoryFactoryBean();
		factory.setDataSource(this.dataSource);
		factory.setTransactionManager(new JdbcTransactionManager(this.dataSource));
		factory.afterPropertiesSet();
		this.jobRepository = factory.getObject();
	}

	/** A repository with the ledger's tables. */
	static RecordedRuns withLedger() throws Exception {
		return new RecordedRuns(true);
	}

	/** A repository recorded before the ledger existed: Spring Batch's tables only. */
	static RecordedRuns withoutLedger() throws Exception {
		return new RecordedRuns(false);
	}

	JobRepository jobRepository() {
		return this.jobRepository;
	}

	RunLedger ledger() {
		return this.ledger;
	}

	SingleConnectionDataSource dataSource() {
		return this.dataSource;
	}

	JobInstance instance(String jobName, JobParameters parameters) {
		return this.jobRepository.createJobInstance(jobName, parameters);
	}

	/**
	 * An execution of the instance that ran from {@code start} for {@code seconds} and
	 * ended with these statuses, with one step that read, wrote and skipped so many.
	 */
	JobExecution execution(JobInstance instance, JobParameters parameters, BatchStatus status, String exitCode,
			LocalDateTime start, long seconds, long read, long written, long skipped) {
		JobExecution execution = this.jobRepository.createJobExecution(instance, parameters, new ExecutionContext());
		execution.setStartTime(start);
		execution.setEndTime(start.plusSeconds(seconds));
		execution.setStatus(status);
		execution.setExitStatus(new ExitStatus(exitCode));
		this.jobRepository.update(execution);
		StepExecution step = this.jobRepository.createStepExecution("step", execution);
		step.setReadCount(read);
		step.setWriteCount(written);
		step.setWriteSkipCount(skipped);
		step.setStatus(status);
		this.jobRepository.update(step);
		return execution;
	}

	/** A row recorded by an execution; a rejected one's outcome is {@code rejected}. */
	void row(JobExecution execution, long line, Kind kind, String email, String outcome) {
		this.ledger.record(List.of(new LedgerRow(execution.getJobInstance().getInstanceId(), execution.getId(), line,
				kind, email, null, outcome, 1, "", (kind == Kind.REJECTED) ? "invalid-email" : null, null, List.of())));
	}

	/** A change an execution sent, answered at {@code at}. */
	void change(JobExecution execution, long line, String email, Long viewerId, String operation, Long projectId,
			Result result, Integer httpStatus, String answer, Instant at) {
		this.ledger.recordChanges(List.of(new LedgerChange(execution.getJobInstance().getInstanceId(),
				execution.getId(), this.attempts.incrementAndGet(), line, email, viewerId, operation, projectId, "",
				result, httpStatus, answer, at)));
	}

	private final AtomicLong attempts = new AtomicLong();

	@Override
	public void close() {
		this.dataSource.destroy();
	}

}
