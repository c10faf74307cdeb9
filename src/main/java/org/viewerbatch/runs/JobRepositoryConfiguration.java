package org.viewerbatch.runs;

import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Configuration;

/**
 * A context with only the job repository (no jobs, no API client): enough to list the
 * recorded runs.
 */
@Configuration(proxyBeanMethods = false)
@EnableAutoConfiguration
public class JobRepositoryConfiguration {

}
