package org.viewerbatch.runs;

import javax.sql.DataSource;

import org.springframework.boot.batch.jdbc.autoconfigure.BatchDataSourceScriptDatabaseInitializer;
import org.springframework.boot.batch.jdbc.autoconfigure.BatchJdbcProperties;

import org.viewerbatch.ledger.LedgerSchema;

/**
 * Boot's initializer of the job repository's tables, except that it runs the schema
 * script only when a table is missing; the run ledger's tables are created with them.
 * <p>
 * A file database is not "embedded" for Boot, so the script would run on every start
 * ({@code initialize-schema: always}) and fail statement by statement on the existing
 * tables: one exception per table, for nothing.
 * <p>
 * On a PostgreSQL server that several machines share, the check and the scripts run under
 * the {@link SchemaLock}, so that two first runs at the same time create the tables once.
 */
final class MissingSchemaInitializer extends BatchDataSourceScriptDatabaseInitializer {

	private final String tablePrefix;

	MissingSchemaInitializer(DataSource dataSource, BatchJdbcProperties properties) {
		super(dataSource, properties);
		this.tablePrefix = properties.getTablePrefix();
	}

	@Override
	protected void runScripts(Scripts scripts) {
		try (SchemaLock lock = SchemaLock.take(getDataSource())) {
			if (!RepositorySchema.exists(getDataSource(), this.tablePrefix)) {
				super.runScripts(scripts);
			}
			LedgerSchema.createIfMissing(getDataSource());
		}
	}

}
