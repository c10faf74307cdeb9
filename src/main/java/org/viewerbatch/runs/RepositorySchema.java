package org.viewerbatch.runs;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import javax.sql.DataSource;

import org.springframework.dao.DataAccessResourceFailureException;

/**
 * Whether a database holds every table (and sequence) of Spring Batch's schema already:
 * then the schema script need not run, and there may be runs to list.
 */
final class RepositorySchema {

	/** The default of {@code spring.batch.jdbc.table-prefix}. */
	static final String DEFAULT_TABLE_PREFIX = "BATCH_";

	// what Spring Batch's schema-*.sql create, without the prefix; HSQLDB's and MySQL's
	// scripts make the three sequences tables
	private static final List<String> OBJECTS = List.of("JOB_INSTANCE", "JOB_EXECUTION", "JOB_EXECUTION_PARAMS",
			"JOB_EXECUTION_CONTEXT", "STEP_EXECUTION", "STEP_EXECUTION_CONTEXT", "JOB_INSTANCE_SEQ",
			"JOB_EXECUTION_SEQ", "STEP_EXECUTION_SEQ");

	private RepositorySchema() {
	}

	/**
	 * Whether every object of the schema exists, named with {@code tablePrefix}
	 * ({@code null} for the default).
	 */
	static boolean exists(DataSource dataSource, String tablePrefix) {
		String prefix = (tablePrefix != null) ? tablePrefix : DEFAULT_TABLE_PREFIX;
		Set<String> names = new HashSet<>();
		try (Connection connection = dataSource.getConnection();
				ResultSet tables = connection.getMetaData()
					.getTables(null, null, null, new String[] { "TABLE", "SEQUENCE" })) {
			while (tables.next()) {
				// HSQLDB reports names in upper case, PostgreSQL in lower case
				names.add(tables.getString("TABLE_NAME").toUpperCase(Locale.ROOT));
			}
		}
		catch (SQLException ex) {
			throw new DataAccessResourceFailureException(
					"cannot read the tables of the job repository: " + ex.getMessage(), ex);
		}
		return OBJECTS.stream().allMatch((object) -> names.contains((prefix + object).toUpperCase(Locale.ROOT)));
	}

}
