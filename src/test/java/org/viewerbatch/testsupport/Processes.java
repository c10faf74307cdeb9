package org.viewerbatch.testsupport;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Child processes with a limit: a process that has not ended by then is killed (with its
 * children) and fails the test with what it wrote, so that a hang is a failure.
 */
public final class Processes {

	private Processes() {
	}

	/**
	 * Runs {@code builder} with nothing on stdin and stdout and stderr together in a
	 * temporary file; returns its exit code and output once it ends, within
	 * {@code limit}.
	 */
	public static Result run(ProcessBuilder builder, Duration limit) throws IOException, InterruptedException {
		Path output = Files.createTempFile("viewer-batch-process", ".out");
		try {
			Process process = builder.redirectErrorStream(true)
				.redirectOutput(output.toFile())
				.redirectInput(Redirect.from(new File("/dev/null")))
				.start();
			int exitCode = waitFor(process, limit, () -> read(output));
			return new Result(exitCode, read(output));
		}
		finally {
			Files.deleteIfExists(output);
		}
	}

	/**
	 * Waits for {@code process} to end within {@code limit} and returns its exit code; at
	 * the limit, kills it and its children and fails with {@code output}.
	 */
	public static int waitFor(Process process, Duration limit, Supplier<String> output) throws InterruptedException {
		if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
			kill(process);
			throw new AssertionError(process.info().commandLine().orElse("pid " + process.pid())
					+ " did not end within " + limit + ":\n" + output.get());
		}
		return process.exitValue();
	}

	/**
	 * Kills {@code process} and its children ({@code kill -9}) and waits, bounded, for it
	 * to go.
	 */
	public static void kill(Process process) throws InterruptedException {
		process.descendants().forEach(ProcessHandle::destroyForcibly);
		process.destroyForcibly();
		if (!process.waitFor(30, TimeUnit.SECONDS)) {
			throw new AssertionError("pid " + process.pid() + " outlived kill -9 by 30 s");
		}
	}

	private static String read(Path file) {
		try {
			return Files.readString(file, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * How a process ended.
	 *
	 * @param exitCode its exit code
	 * @param output what it wrote to stdout and stderr
	 */
	public record Result(int exitCode, String output) {
	}

}
