package org.viewerbatch.runs;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

import javax.sql.DataSource;

import org.springframework.dao.DataAccessResourceFailureException;

/**
 * Serialises the creation of the repository's tables across every process that shares a
 * PostgreSQL database: a session-level advisory lock on a connection of its own, so that
 * two machines starting in the same second do not both run the schema scripts (the second
 * waits, then finds the tables). On HSQLDB it does nothing: the directory's
 * {@link RepositoryLock} already lets one process in.
 */
final class SchemaLock implements AutoCloseable {

	private static final String KEY = "hashtextextended('viewer-batch schema', 0)";

	private final Connection connection;

	private SchemaLock(Connection connection) {
		this.connection = connection;
	}

	/** Waits for the lock on PostgreSQL; a lock that holds nothing elsewhere. */
	static SchemaLock take(DataSource dataSource) {
		try {
			Connection connection = dataSource.getConnection();
			String product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
			if (!product.contains("postgresql")) {
				connection.close();
				return new SchemaLock(null);
			}
			lock(connection);
			return new SchemaLock(connection);
		}
		catch (SQLException ex) {
			throw new DataAccessResourceFailureException("cannot lock the job repository's schema: " + ex.getMessage(),
					ex);
		}
	}

	/**
	 * Creates {@code table} with {@code ddl} unless it exists; the existence check comes
	 * first, so that a role without the CREATE privilege can use a repository that has
	 * its tables.
	 */
	static void createIfMissing(Connection connection, String table, String ddl) throws SQLException {
		if (exists(connection, table)) {
			return;
		}
		lock(connection);
		try (Statement statement = connection.createStatement()) {
			if (!exists(connection, table)) {
				statement.execute(ddl);
			}
		}
		finally {
			unlock(connection);
		}
	}

	private static boolean exists(Connection connection, String table) throws SQLException {
		try (PreparedStatement query = connection.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
			query.setString(1, table);
			try (ResultSet result = query.executeQuery()) {
				result.next();
				return result.getBoolean(1);
			}
		}
	}

	private static void lock(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			statement.execute("SELECT pg_advisory_lock(" + KEY + ")");
		}
	}

	private static void unlock(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			statement.execute("SELECT pg_advisory_unlock(" + KEY + ")");
		}
	}

	@Override
	public void close() {
		if (this.connection == null) {
			return;
		}
		try {
			unlock(this.connection);
		}
		catch (SQLException ex) {
			// closing the connection ends the session, which releases it
		}
		try {
			this.connection.close();
		}
		catch (SQLException ex) {
			// nothing left to release
		}
	}

}
