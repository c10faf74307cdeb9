package org.viewerbatch.runs;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The repository lock between two processes: a child JVM on the test classpath holds it.
 */
class RepositoryLockIT {

	@TempDir
	Path home;

	@Test
	void aLockHeldByAnotherProcessIsRefusedAtOnce() throws Exception {
		Process holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
				System.getProperty("java.class.path"), LockHolder.class.getName(), this.home.toString())
			.redirectErrorStream(true)
			.start();
		try (BufferedReader out = new BufferedReader(
				new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8))) {
			assertThat(out.readLine()).isEqualTo("locked");
			assertThatExceptionOfType(RepositoryLockedException.class)
				.isThrownBy(() -> RepositoryLock.acquire(this.home));
			holder.getOutputStream().close(); // the holder ends when its stdin closes
			assertThat(holder.waitFor(10, TimeUnit.SECONDS)).isTrue();
		}
		finally {
			holder.destroyForcibly();
		}
		RepositoryLock.acquire(this.home).close();
	}

	/** Another process: takes the lock, says so, holds it until its stdin is closed. */
	static final class LockHolder {

		public static void main(String[] args) throws Exception {
			try (RepositoryLock lock = RepositoryLock.acquire(Path.of(args[0]))) {
				System.out.println("locked");
				System.out.flush();
				while (System.in.read() != -1) {
					// hold the lock
				}
			}
		}

	}

}
