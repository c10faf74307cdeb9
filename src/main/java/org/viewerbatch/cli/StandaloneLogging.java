package org.viewerbatch.cli;

import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingInitializationContext;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.core.env.StandardEnvironment;

/**
 * Logging for a command that starts no Spring context: the same
 * {@code logback-spring.xml} (stderr, quiet), instead of Logback's default of everything
 * at DEBUG on stdout.
 */
final class StandaloneLogging {

	private StandaloneLogging() {
	}

	static void initialize(boolean verbose, boolean quiet) {
		LoggingSystem system = LoggingSystem.get(StandaloneLogging.class.getClassLoader());
		system.beforeInitialize();
		system.initialize(new LoggingInitializationContext(new StandardEnvironment()), null, null);
		if (verbose) {
			system.setLogLevel("org.viewerbatch", LogLevel.DEBUG);
		}
		else if (quiet) {
			system.setLogLevel("org.viewerbatch", LogLevel.WARN);
		}
	}

}
