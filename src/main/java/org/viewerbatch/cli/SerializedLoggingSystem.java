package org.viewerbatch.cli;

import ch.qos.logback.classic.LoggerContext;
import org.slf4j.LoggerFactory;

import org.springframework.boot.logging.LogFile;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingInitializationContext;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.logging.LoggingSystemFactory;
import org.springframework.boot.logging.logback.LogbackLoggingSystem;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.util.ClassUtils;

/**
 * Boot's Logback logging, set up and torn down by one run of the process at a time.
 * <p>
 * Every run starts a Spring context, and every context (re)configures the one Logback
 * context of the JVM: it resets it, which is not thread-safe. Runs in one process at once
 * (the command line's tests run four "machines" in one JVM) broke each other's reset:
 * {@code arraycopy: length -1 is negative} out of the logger context's listener list.
 */
final class SerializedLoggingSystem extends LogbackLoggingSystem {

	private static final Object LOCK = new Object();

	/**
	 * Whether a run has hidden every log line until its {@link #initialize} (what
	 * {@link #beforeInitialize} does): a second run must not hide them again, since only
	 * one filter would be lifted and logging would stay off.
	 */
	private static boolean hidden;

	SerializedLoggingSystem(ClassLoader classLoader) {
		super(classLoader);
	}

	@Override
	public void beforeInitialize() {
		synchronized (LOCK) {
			if (!hidden) {
				super.beforeInitialize();
				hidden = !isInitialized();
			}
		}
	}

	@Override
	public void initialize(LoggingInitializationContext initializationContext, String configLocation, LogFile logFile) {
		synchronized (LOCK) {
			super.initialize(initializationContext, configLocation, logFile);
			hidden = false;
		}
	}

	@Override
	public void setLogLevel(String loggerName, LogLevel level) {
		synchronized (LOCK) {
			super.setLogLevel(loggerName, level);
		}
	}

	@Override
	public void cleanUp() {
		synchronized (LOCK) {
			super.cleanUp();
			hidden = false;
		}
	}

	/** Boot's mark of a configured Logback context (see LogbackLoggingSystem). */
	private static boolean isInitialized() {
		return ((LoggerContext) LoggerFactory.getILoggerFactory()).getObject(LoggingSystem.class.getName()) != null;
	}

	/** Chosen before Boot's own Logback factory (spring.factories). */
	@Order(Ordered.HIGHEST_PRECEDENCE)
	public static final class Factory implements LoggingSystemFactory {

		@Override
		public LoggingSystem getLoggingSystem(ClassLoader classLoader) {
			return ClassUtils.isPresent("ch.qos.logback.classic.LoggerContext", classLoader)
					? new SerializedLoggingSystem(classLoader) : null;
		}

	}

}
