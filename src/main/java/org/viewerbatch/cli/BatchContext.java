package org.viewerbatch.cli;

import java.util.HashMap;
import java.util.Map;

import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * Starts the Spring context of a run from the given sources, with the command line's
 * settings on top.
 */
class BatchContext {

	static final String PROPERTY_SOURCE = "viewerBatchCommandLine";

	private final Class<?>[] sources;

	BatchContext(Class<?>... sources) {
		this.sources = sources;
	}

	/**
	 * Starts a context of these sources, with {@code properties} winning over every other
	 * property source. They go in as a property source, never as program arguments,
	 * because the token is among them.
	 */
	ConfigurableApplicationContext start(Map<String, Object> properties) {
		return start(properties, this.sources);
	}

	ConfigurableApplicationContext start(Map<String, Object> properties, Class<?>... sources) {
		Map<String, Object> commandLine = new HashMap<>(properties);
		// the command runs the job itself; Boot's runner would start every job at startup
		commandLine.put("spring.batch.job.enabled", "false");
		StandardEnvironment environment = new StandardEnvironment();
		// present before logging is initialised, so that -v/-q levels apply from the
		// first line
		environment.getPropertySources().addFirst(new MapPropertySource(PROPERTY_SOURCE, commandLine));
		SpringApplication application = new SpringApplication(sources);
		application.setEnvironment(environment);
		application.setWebApplicationType(WebApplicationType.NONE);
		application.setBannerMode(Banner.Mode.OFF);
		application.setLogStartupInfo(false);
		// the command closes the context itself, after the job: Boot's hook would close
		// it
		// under a running job on SIGTERM (a run that ends part-way is stopped by
		// StopOnSignal instead)
		application.setRegisterShutdownHook(false);
		return application.run();
	}

}
