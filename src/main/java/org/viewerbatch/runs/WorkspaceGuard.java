package org.viewerbatch.runs;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.springframework.dao.DataAccessResourceFailureException;

/**
 * One run per workspace across every machine that shares a PostgreSQL job repository: a
 * session-level advisory lock keyed by the workspace, held on a connection of its own for
 * the whole run. The server releases it when that session ends, however it ends: closed,
 * the process killed, or the machine gone (then when the keepalives of
 * {@link PostgresRepository} time out).
 * <p>
 * The lock is the truth; the {@code VB_RUN_GUARD} row that the holder writes only says
 * who holds it, so that a run that finds it busy can name the one that holds it.
 * <p>
 * See <a href=
 * "https://www.postgresql.org/docs/current/explicit-locking.html#ADVISORY-LOCKS">advisory
 * locks</a>.
 */
public final class WorkspaceGuard implements AutoCloseable {

	private static final String LOCK_KEY = "hashtextextended('viewer-batch workspace ' || ?, 0)";

	private final Connection connection;

	private final RunHolder self;

	private Long workspaceId;

	private WorkspaceGuard(Connection connection, RunHolder self) {
		this.connection = connection;
		this.self = self;
	}

	/**
	 * A guard on the repository's own connection (closed with the guard); creates the
	 * holders' table when it is missing.
	 */
	public static WorkspaceGuard open(PostgresRepository repository, RunHolder self) {
		Connection connection = repository.connect();
		try {
			connection.setAutoCommit(true);
			SchemaLock.createIfMissing(connection, "vb_run_guard",
					"CREATE TABLE VB_RUN_GUARD (WORKSPACE_ID BIGINT NOT NULL PRIMARY KEY,"
							+ " HOST VARCHAR(255) NOT NULL, PID BIGINT NOT NULL,"
							+ " STARTED TIMESTAMP WITH TIME ZONE NOT NULL)");
			return new WorkspaceGuard(connection, self);
		}
		catch (SQLException | RuntimeException ex) {
			closeQuietly(connection);
			throw failure("cannot prepare the workspace guard", ex);
		}
	}

	/**
	 * Takes the workspace's lock without waiting, and says it is ours.
	 * @throws WorkspaceBusyException when another session holds it
	 */
	public void acquire(long workspaceId) {
		try {
			if (!tryLock(workspaceId)) {
				throw new WorkspaceBusyException(workspaceId, holder(workspaceId));
			}
			this.workspaceId = workspaceId;
			try (PreparedStatement upsert = this.connection
				.prepareStatement("INSERT INTO VB_RUN_GUARD (WORKSPACE_ID, HOST, PID, STARTED) VALUES (?, ?, ?, ?)"
						+ " ON CONFLICT (WORKSPACE_ID) DO UPDATE SET HOST = EXCLUDED.HOST, PID = EXCLUDED.PID,"
						+ " STARTED = EXCLUDED.STARTED")) {
				upsert.setLong(1, workspaceId);
				upsert.setString(2, this.self.host());
				upsert.setLong(3, this.self.pid());
				upsert.setObject(4, this.self.started().atOffset(ZoneOffset.UTC));
				upsert.executeUpdate();
			}
		}
		catch (SQLException ex) {
			throw failure("cannot take the workspace guard", ex);
		}
	}

	/** Whether this guard holds the lock of {@code workspaceId}. */
	public boolean holds(long workspaceId) {
		return this.workspaceId != null && this.workspaceId == workspaceId;
	}

	private boolean tryLock(long workspaceId) throws SQLException {
		try (PreparedStatement lock = this.connection
			.prepareStatement("SELECT pg_try_advisory_lock(" + LOCK_KEY + ")")) {
			lock.setString(1, Long.toString(workspaceId));
			try (ResultSet result = lock.executeQuery()) {
				result.next();
				return result.getBoolean(1);
			}
		}
	}

	private RunHolder holder(long workspaceId) throws SQLException {
		try (PreparedStatement select = this.connection
			.prepareStatement("SELECT HOST, PID, STARTED FROM VB_RUN_GUARD WHERE WORKSPACE_ID = ?")) {
			select.setLong(1, workspaceId);
			try (ResultSet result = select.executeQuery()) {
				if (!result.next()) {
					return null;
				}
				Instant started = result.getObject(3, OffsetDateTime.class).toInstant();
				return new RunHolder(result.getString(1), result.getLong(2), started);
			}
		}
	}

	/**
	 * Deletes our row and ends the session, which releases the lock.
	 */
	@Override
	public void close() {
		if (this.workspaceId != null) {
			try (PreparedStatement delete = this.connection
				.prepareStatement("DELETE FROM VB_RUN_GUARD WHERE WORKSPACE_ID = ? AND HOST = ? AND PID = ?")) {
				delete.setLong(1, this.workspaceId);
				delete.setString(2, this.self.host());
				delete.setLong(3, this.self.pid());
				delete.executeUpdate();
			}
			catch (SQLException ex) {
				// the row only describes the lock; the next holder overwrites it
			}
		}
		closeQuietly(this.connection);
	}

	private static RuntimeException failure(String what, Exception ex) {
		if (ex instanceof RuntimeException runtime && !(ex instanceof DataAccessResourceFailureException)) {
			return runtime;
		}
		return new DataAccessResourceFailureException(what + ": " + ex.getMessage(), ex);
	}

	private static void closeQuietly(Connection connection) {
		try {
			connection.close();
		}
		catch (SQLException ex) {
			// closing the session releases its locks anyway
		}
	}

}
