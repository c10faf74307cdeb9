package org.viewerbatch.client;

import java.time.Clock;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.client.RestClient;

/**
 * The API client beans: one {@link RequestPacer} for the whole process and the
 * {@link WebWorkClient} on it. A test that needs its own Clock or Sleeper declares it as
 * a {@code @Primary} bean (that wins whatever the order in which configurations are
 * read).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ApiProperties.class)
class ClientConfiguration {

	@Bean
	@ConditionalOnMissingBean
	Clock clock() {
		return Clock.systemUTC();
	}

	@Bean
	@ConditionalOnMissingBean
	Sleeper sleeper() {
		return Sleeper.SYSTEM;
	}

	@Bean
	RequestPacer requestPacer(ApiProperties properties, Clock clock, Sleeper sleeper) {
		return RequestPacer.forServerLimit(properties.rateLimit(), clock, sleeper);
	}

	@Bean
	WebWorkClient webWorkClient(RestClient.Builder restClientBuilder, ApiProperties properties, RequestPacer pacer,
			Sleeper sleeper) {
		return new WebWorkClient(restClientBuilder, properties, pacer, sleeper);
	}

}
