package org.viewerbatch.runs;

import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.batch.jdbc.autoconfigure.BatchJdbcProperties;
import org.springframework.boot.sql.init.DatabaseInitializationMode;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

class MissingSchemaInitializerTest {

	private final SingleConnectionDataSource dataSource = new SingleConnectionDataSource(
			"jdbc:hsqldb:mem:" + UUID.randomUUID() + ";shutdown=true", "SA", "", true);

	@AfterEach
	void close() {
		this.dataSource.destroy();
	}

	/**
	 * Stops at the first failing statement: a script run on existing tables would throw.
	 */
	private MissingSchemaInitializer initializer() {
		BatchJdbcProperties properties = new BatchJdbcProperties();
		properties.setInitializeSchema(DatabaseInitializationMode.ALWAYS);
		properties.setContinueOnError(false);
		return new MissingSchemaInitializer(this.dataSource, properties);
	}

	@Test
	void createsTheTablesOfAnEmptyDatabase() {
		assertThat(RepositorySchema.exists(this.dataSource, null)).isFalse();

		initializer().initializeDatabase();

		assertThat(RepositorySchema.exists(this.dataSource, null)).isTrue();
	}

	@Test
	void leavesAnExistingSchemaAlone() {
		initializer().initializeDatabase();

		assertThatNoException().isThrownBy(() -> initializer().initializeDatabase());
		assertThat(RepositorySchema.exists(this.dataSource, "BATCH_")).isTrue();
	}

	@Test
	void aSchemaMissingOneSequenceTableIsIncomplete() {
		initializer().initializeDatabase();
		new JdbcTemplate(this.dataSource).execute("DROP TABLE BATCH_JOB_INSTANCE_SEQ");

		assertThat(RepositorySchema.exists(this.dataSource, null)).isFalse();
	}

	@Test
	void tablesOfAnotherPrefixDoNotCount() {
		initializer().initializeDatabase();

		assertThat(RepositorySchema.exists(this.dataSource, "OTHER_")).isFalse();
	}

}
