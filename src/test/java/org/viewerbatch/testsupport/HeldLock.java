package org.viewerbatch.testsupport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A lock file held by another process with {@code flock}, as a first cron run holds it,
 * until {@link #close}.
 */
public final class HeldLock implements AutoCloseable {

	private final Process holder;

	private HeldLock(Process holder) {
		this.holder = holder;
	}

	/**
	 * Returns once the lock on {@code file} is held; fails if it is not within 30 s.
	 */
	public static HeldLock on(Path file) throws IOException {
		// -w: a lock held elsewhere fails the test (flock exits, no line) instead of
		// waiting for ever
		Process holder = new ProcessBuilder("flock", "-w", "30", file.toString(), "sh", "-c",
				"echo locked; cat >/dev/null")
			.redirectErrorStream(true)
			.start();
		BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
		assertThat(out.readLine()).as("flock " + file).isEqualTo("locked");
		return new HeldLock(holder);
	}

	/** Lets the lock go: the holder ends when its stdin closes. */
	@Override
	public void close() throws IOException, InterruptedException {
		this.holder.getOutputStream().close();
		assertThat(this.holder.waitFor(10, TimeUnit.SECONDS)).as("the lock holder ended").isTrue();
	}

}
