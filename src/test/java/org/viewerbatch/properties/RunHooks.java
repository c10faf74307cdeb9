package org.viewerbatch.properties;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.MapPropertySource;

import org.viewerbatch.runs.StopRequest;

/**
 * What the properties add to the Spring context of each in-process run: the run's
 * {@link StopRequest}, published so that the sandbox can request a stop at a chosen
 * request (the path a SIGTERM takes), and a short read timeout, so that an answer the
 * client gives up on costs little real time.
 */
@Configuration(proxyBeanMethods = false)
class RunHooks {

	/** The client's read timeout in these runs. */
	static final Duration READ_TIMEOUT = Duration.ofMillis(800);

	private static final AtomicReference<StopRequest> CURRENT = new AtomicReference<>();

	/** Requests a stop of the run in progress, as its signal handler does for SIGTERM. */
	static void stopTheRun() {
		StopRequest stop = CURRENT.get();
		if (stop != null) {
			stop.request("SIGTERM");
		}
	}

	/** The run that ended is no longer stopped by a stop request meant for the next. */
	static void forgetTheRun() {
		CURRENT.set(null);
	}

	@Bean
	InitializingBean publishStopRequest(StopRequest stop) {
		return () -> CURRENT.set(stop);
	}

	@Bean
	static BeanFactoryPostProcessor shortReadTimeout() {
		return new ShortReadTimeout();
	}

	/**
	 * Puts the read timeout first among the property sources, before the properties are
	 * bound.
	 */
	static final class ShortReadTimeout implements BeanFactoryPostProcessor, EnvironmentAware {

		private ConfigurableEnvironment environment;

		@Override
		public void setEnvironment(Environment environment) {
			this.environment = (ConfigurableEnvironment) environment;
		}

		@Override
		public void postProcessBeanFactory(
				org.springframework.beans.factory.config.ConfigurableListableBeanFactory beanFactory) {
			this.environment.getPropertySources()
				.addFirst(new MapPropertySource("propertiesReadTimeout",
						Map.of("viewer-batch.api.read-timeout", READ_TIMEOUT.toMillis() + "ms")));
		}

	}

}
