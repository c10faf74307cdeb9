package org.viewerbatch.ledger;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import javax.sql.DataSource;

import org.springframework.core.io.ClassPathResource;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

/**
 * The ledger's tables ({@code schema-hsqldb.sql}, {@code schema-postgresql.sql} beside
 * this class): created with Spring Batch's when they are missing, left as they are when
 * they exist.
 */
public final class LedgerSchema {

	static final List<String> TABLES = List.of("LEDGER_ROW", "LEDGER_CHANGE");

	private LedgerSchema() {
	}

	/** Creates the tables unless they all exist. */
	public static void createIfMissing(DataSource dataSource) {
		if (exists(dataSource)) {
			return;
		}
		new ResourceDatabasePopulator(new ClassPathResource(script(dataSource), LedgerSchema.class))
			.execute(dataSource);
	}

	/**
	 * Whether every table of the ledger exists (a repository from before it has none).
	 */
	public static boolean exists(DataSource dataSource) {
		Set<String> names = new HashSet<>();
		try (Connection connection = dataSource.getConnection();
				ResultSet tables = connection.getMetaData().getTables(null, null, null, new String[] { "TABLE" })) {
			while (tables.next()) {
				// HSQLDB reports names in upper case, PostgreSQL in lower case
				names.add(tables.getString("TABLE_NAME").toUpperCase(Locale.ROOT));
			}
		}
		catch (SQLException ex) {
			throw new DataAccessResourceFailureException(
					"cannot read the tables of the job repository: " + ex.getMessage(), ex);
		}
		return names.containsAll(TABLES);
	}

	private static String script(DataSource dataSource) {
		try (Connection connection = dataSource.getConnection()) {
			String product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
			return product.contains("hsql") ? "schema-hsqldb.sql" : "schema-postgresql.sql";
		}
		catch (SQLException ex) {
			throw new DataAccessResourceFailureException("cannot read the job repository: " + ex.getMessage(), ex);
		}
	}

}
