package org.viewerbatch.runs;

import javax.sql.DataSource;

import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.repository.support.JdbcJobRepositoryFactoryBean;
import org.springframework.batch.core.repository.support.ResourcelessJobRepository;
import org.springframework.boot.batch.jdbc.autoconfigure.BatchJdbcProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.jdbc.support.JdbcTransactionManager;

import org.viewerbatch.ledger.RunLedger;

/**
 * The context of {@code viewer-batch jobs}: the job repository and its run ledger read
 * through one connection; no jobs, no API client, no auto-configuration, no connection
 * pool, no schema creation.
 * <p>
 * Not a {@code @Configuration}: the application's component scan must not add these beans
 * to the context of a job.
 */
@EnableConfigurationProperties({ DataSourceProperties.class, BatchJdbcProperties.class })
public class JobRepositoryConfiguration {

	@Bean
	SingleConnectionDataSource dataSource(DataSourceProperties properties) {
		// a few queries: opening a pool would take longer than they do
		return new SingleConnectionDataSource(properties.determineUrl(), properties.determineUsername(),
				properties.determinePassword(), true);
	}

	/**
	 * The recorded runs, or an empty in-memory repository when the tables do not exist
	 * (nothing ran yet): listing the runs creates no tables.
	 */
	@Bean
	JobRepository jobRepository(DataSource dataSource, BatchJdbcProperties properties) throws Exception {
		if (!RepositorySchema.exists(dataSource, properties.getTablePrefix())) {
			return new ResourcelessJobRepository();
		}
		JdbcJobRepositoryFactoryBean factory = new JdbcJobRepositoryFactoryBean();
		factory.setDataSource(dataSource);
		factory.setTransactionManager(new JdbcTransactionManager(dataSource));
		if (properties.getTablePrefix() != null) {
			factory.setTablePrefix(properties.getTablePrefix());
		}
		factory.afterPropertiesSet();
		return factory.getObject();
	}

	/**
	 * The run ledger, whose tables may be missing ({@link RunLedger#exists()}): reading
	 * it creates none either.
	 */
	@Bean
	RunLedger runLedger(DataSource dataSource) {
		return new RunLedger(dataSource);
	}

}
