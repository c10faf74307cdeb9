package org.viewerbatch.ledger;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.List;
import java.util.Locale;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import org.viewerbatch.csv.CsvRecordText;
import org.viewerbatch.ledger.LedgerChange.Result;
import org.viewerbatch.ledger.LedgerRow.Kind;

/**
 * The run ledger in the job repository ({@link LedgerSchema}): every row's fate, written
 * in the chunk's transaction, and every change sent to the API, written as soon as its
 * answer comes ({@link ChangeJournal}). Files and reports are views rendered from it.
 */
@Component
public final class RunLedger {

	private static final String ROW_COLUMNS = "JOB_INSTANCE_ID, JOB_EXECUTION_ID, LINE, KIND, EMAIL, VIEWER_ID, "
			+ "OUTCOME, REQUESTS, DETAIL, ERROR, HTTP_STATUS, SOURCE_ROW";

	private static final String CHANGE_COLUMNS = "JOB_INSTANCE_ID, JOB_EXECUTION_ID, ATTEMPT, LINE, EMAIL, VIEWER_ID, "
			+ "OPERATION, PROJECT_ID, SENT, RESULT, HTTP_STATUS, ANSWER, CHANGED_AT";

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transactions;

	public RunLedger(DataSource dataSource) {
		this.jdbc = new JdbcTemplate(dataSource);
		// a transaction of its own, whatever the calling thread is in
		TransactionTemplate template = new TransactionTemplate(new JdbcTransactionManager(dataSource));
		template.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.transactions = template;
	}

	/**
	 * Records rows in the caller's transaction (the chunk's); a line recorded before for
	 * the same job instance is replaced, so a row processed again after a failure is kept
	 * once, as it ended.
	 */
	public void record(List<LedgerRow> rows) {
		if (rows.isEmpty()) {
			return;
		}
		this.jdbc.batchUpdate("DELETE FROM LEDGER_ROW WHERE JOB_INSTANCE_ID = ? AND LINE = ?", rows, rows.size(),
				(statement, row) -> {
					statement.setLong(1, row.instanceId());
					statement.setLong(2, row.line());
				});
		this.jdbc.batchUpdate(
				"INSERT INTO LEDGER_ROW (" + ROW_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows,
				rows.size(), (statement, row) -> {
					statement.setLong(1, row.instanceId());
					statement.setLong(2, row.executionId());
					statement.setLong(3, row.line());
					statement.setString(4, row.kind().name());
					statement.setString(5, fit(row.email(), 400));
					setLong(statement, 6, row.viewerId());
					statement.setString(7, fit(row.outcome(), 100));
					statement.setInt(8, row.requests());
					statement.setString(9, fit(row.detail(), 20000));
					statement.setString(10, fit(row.error(), 100));
					setInt(statement, 11, row.httpStatus());
					statement.setString(12,
							row.source().isEmpty() ? null : fit(CsvRecordText.format(row.source()), 60000));
				});
	}

	/** The rows recorded for a job instance, by any of its executions, in line order. */
	public List<LedgerRow> rows(long instanceId) {
		return this.jdbc.query("SELECT " + ROW_COLUMNS + " FROM LEDGER_ROW WHERE JOB_INSTANCE_ID = ? ORDER BY LINE",
				ROW, instanceId);
	}

	/** How many rows of a job instance are recorded. */
	public long rowCount(long instanceId) {
		Long count = this.jdbc.queryForObject("SELECT COUNT(*) FROM LEDGER_ROW WHERE JOB_INSTANCE_ID = ?", Long.class,
				instanceId);
		return (count != null) ? count : 0;
	}

	/**
	 * Records changes in one transaction of their own (never the chunk's), in order: a
	 * change {@code SENT} is added, an answer replaces its change's result. They happened
	 * whatever becomes of the chunk.
	 */
	public void recordChanges(List<LedgerChange> changes) {
		if (changes.isEmpty()) {
			return;
		}
		this.transactions.executeWithoutResult((status) -> {
			for (LedgerChange change : changes) {
				if (change.result() == Result.SENT || answer(change) == 0) {
					insert(change);
				}
			}
		});
	}

	private void insert(LedgerChange change) {
		this.jdbc.update(
				"INSERT INTO LEDGER_CHANGE (" + CHANGE_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
				(statement) -> {
					statement.setLong(1, change.instanceId());
					statement.setLong(2, change.executionId());
					statement.setLong(3, change.attempt());
					statement.setLong(4, change.line());
					statement.setString(5, (change.email() != null) ? fit(emailKey(change.email()), 400) : null);
					setLong(statement, 6, change.viewerId());
					statement.setString(7, change.operation());
					setLong(statement, 8, change.projectId());
					statement.setString(9, fit(change.sent(), 2000));
					statement.setString(10, change.result().name());
					setInt(statement, 11, change.httpStatus());
					statement.setString(12, fit(change.answer(), 2000));
					statement.setTimestamp(13, Timestamp.from(change.at()));
				});
	}

	/** Puts an answer on its change; how many changes it found (1, or 0 if none). */
	private int answer(LedgerChange change) {
		return this.jdbc
			.update("UPDATE LEDGER_CHANGE SET RESULT = ?, HTTP_STATUS = ?, ANSWER = ?, VIEWER_ID = ?, CHANGED_AT = ?"
					+ " WHERE JOB_EXECUTION_ID = ? AND ATTEMPT = ?", (statement) -> {
						statement.setString(1, change.result().name());
						setInt(statement, 2, change.httpStatus());
						statement.setString(3, fit(change.answer(), 2000));
						setLong(statement, 4, change.viewerId());
						statement.setTimestamp(5, Timestamp.from(change.at()));
						statement.setLong(6, change.executionId());
						statement.setLong(7, change.attempt());
					});
	}

	/**
	 * The changes sent for a job instance, by any of its executions, in the order sent.
	 */
	public List<LedgerChange> changesOfInstance(long instanceId) {
		return this.jdbc.query(
				"SELECT " + CHANGE_COLUMNS + " FROM LEDGER_CHANGE WHERE JOB_INSTANCE_ID = ? ORDER BY CHANGE_ID", CHANGE,
				instanceId);
	}

	/**
	 * The first {@code limit} changes one execution sent, in the order sent: a run in
	 * detail shows a screenful, not a whole day's changes.
	 */
	public List<LedgerChange> changesOfExecution(long executionId, int limit) {
		return this.jdbc.query((connection) -> {
			PreparedStatement statement = connection.prepareStatement(
					"SELECT " + CHANGE_COLUMNS + " FROM LEDGER_CHANGE WHERE JOB_EXECUTION_ID = ? ORDER BY CHANGE_ID");
			statement.setLong(1, executionId);
			// JDBC's own row limit: the same on every database
			statement.setMaxRows(limit);
			return statement;
		}, CHANGE);
	}

	/** How many changes one execution sent. */
	public long changeCountOfExecution(long executionId) {
		Long count = this.jdbc.queryForObject("SELECT COUNT(*) FROM LEDGER_CHANGE WHERE JOB_EXECUTION_ID = ?",
				Long.class, executionId);
		return (count != null) ? count : 0;
	}

	/** Every change any run sent for one email (any case), newest first. */
	public List<LedgerChange> changesOfEmail(String email) {
		return this.jdbc.query(
				"SELECT " + CHANGE_COLUMNS + " FROM LEDGER_CHANGE WHERE EMAIL = ? ORDER BY CHANGE_ID DESC", CHANGE,
				emailKey(email));
	}

	/**
	 * Whether the ledger's tables exist in this job repository (one recorded by an older
	 * version has none).
	 */
	public boolean exists() {
		return LedgerSchema.exists(this.jdbc.getDataSource());
	}

	/** How the ledger keeps an email: trimmed, lower case. */
	static String emailKey(String email) {
		return email.trim().toLowerCase(Locale.ROOT);
	}

	private static final RowMapper<LedgerRow> ROW = (rs, n) -> new LedgerRow(rs.getLong(1), rs.getLong(2),
			rs.getLong(3), Kind.valueOf(rs.getString(4)), rs.getString(5), getLong(rs, 6), rs.getString(7),
			rs.getInt(8), rs.getString(9), rs.getString(10), getInt(rs, 11), parse(rs.getString(12)));

	private static final RowMapper<LedgerChange> CHANGE = (rs, n) -> new LedgerChange(rs.getLong(1), rs.getLong(2),
			rs.getLong(3), rs.getLong(4), rs.getString(5), getLong(rs, 6), rs.getString(7), getLong(rs, 8),
			rs.getString(9), Result.valueOf(rs.getString(10)), getInt(rs, 11), rs.getString(12),
			rs.getTimestamp(13).toInstant());

	private static List<String> parse(String source) {
		return (source != null) ? CsvRecordText.parse(source) : List.of();
	}

	// a longer value than a column holds would fail the chunk: the end is cut instead
	private static String fit(String value, int length) {
		return (value == null || value.length() <= length) ? value : value.substring(0, length - 1) + "…";
	}

	private static void setLong(PreparedStatement statement, int index, Long value) throws SQLException {
		if (value != null) {
			statement.setLong(index, value);
		}
		else {
			statement.setNull(index, Types.BIGINT);
		}
	}

	private static void setInt(PreparedStatement statement, int index, Integer value) throws SQLException {
		if (value != null) {
			statement.setInt(index, value);
		}
		else {
			statement.setNull(index, Types.INTEGER);
		}
	}

	private static Long getLong(ResultSet rs, int index) throws SQLException {
		long value = rs.getLong(index);
		return rs.wasNull() ? null : value;
	}

	private static Integer getInt(ResultSet rs, int index) throws SQLException {
		int value = rs.getInt(index);
		return rs.wasNull() ? null : value;
	}

}
