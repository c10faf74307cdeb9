package org.viewerbatch.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.status.Status;
import ch.qos.logback.core.status.StatusListener;
import ch.qos.logback.core.status.StatusManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;

import org.springframework.boot.logging.LoggingInitializationContext;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs in one process share its logging: two that set it up at the same moment do it one
 * after the other (at the same time, Logback's reset of one broke the other's:
 * "arraycopy: length -1 is negative").
 */
class SerializedLoggingSystemTest {

	@Test
	void theLoggingSystemOfARunIsTheSerializedOne() {
		assertThat(LoggingSystem.get(getClass().getClassLoader())).isInstanceOf(SerializedLoggingSystem.class);
	}

	@Test
	@Timeout(60)
	void twoRunsSettingUpLoggingAtTheSameMomentDoItOneAfterTheOther() throws Exception {
		StatusManager statuses = ((LoggerContext) LoggerFactory.getILoggerFactory()).getStatusManager();
		Resets resets = new Resets();
		statuses.add(resets);
		ExecutorService runs = Executors.newFixedThreadPool(2);
		try {
			List<Future<?>> started = new ArrayList<>();
			for (int i = 0; i < 2; i++) {
				started.add(runs.submit(() -> {
					LoggingSystem system = LoggingSystem.get(getClass().getClassLoader());
					system.beforeInitialize();
					system.initialize(new LoggingInitializationContext(new StandardEnvironment()), null, null);
					system.cleanUp();
				}));
			}
			for (Future<?> each : started) {
				each.get(30, TimeUnit.SECONDS);
			}
		}
		finally {
			runs.shutdownNow();
			statuses.remove(resets);
		}
		assertThat(resets.overlapped).as("two resets of the logger context at once").isFalse();
		assertThat(resets.seen).as("resets seen").hasValueGreaterThanOrEqualTo(2);
	}

	/**
	 * Sees every reset of the logger context near its end (where it keeps the status
	 * listeners that survive a reset), and holds it there a while, so that two that may
	 * overlap do.
	 */
	static final class Resets implements StatusListener {

		final AtomicInteger seen = new AtomicInteger();

		volatile boolean overlapped;

		private final AtomicInteger underWay = new AtomicInteger();

		private final CountDownLatch second = new CountDownLatch(1);

		@Override
		public boolean isResetResistant() {
			this.seen.incrementAndGet();
			if (this.underWay.incrementAndGet() > 1) {
				this.overlapped = true;
				this.second.countDown();
			}
			else {
				try {
					// one at a time, the second never comes while the first waits: a
					// second lost, not a failure
					this.second.await(1, TimeUnit.SECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
			this.underWay.decrementAndGet();
			return true;
		}

		@Override
		public void addStatusEvent(Status status) {
		}

	}

}
