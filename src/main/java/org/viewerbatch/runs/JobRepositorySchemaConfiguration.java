package org.viewerbatch.runs;

import javax.sql.DataSource;

import org.springframework.boot.batch.jdbc.autoconfigure.BatchDataSourceScriptDatabaseInitializer;
import org.springframework.boot.batch.jdbc.autoconfigure.BatchJdbcProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Creates the job repository's tables when they are missing, in place of Boot's
 * initializer (which backs off when this bean exists).
 */
@Configuration(proxyBeanMethods = false)
class JobRepositorySchemaConfiguration {

	@Bean
	BatchDataSourceScriptDatabaseInitializer batchDataSourceInitializer(DataSource dataSource,
			BatchJdbcProperties properties) {
		return new MissingSchemaInitializer(dataSource, properties);
	}

}
