package org.viewerbatch.testsupport;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fat jar as users start it ({@code java -jar target/viewer-batch.jar ...}), for the
 * process-level tests that failsafe runs after {@code package}.
 */
public final class FatJar {

	private FatJar() {
	}

	/**
	 * A process builder for the jar with these arguments, its output and errors both
	 * written to {@code log}, and no WEBWORK_API_TOKEN unless the caller puts one in.
	 */
	public static ProcessBuilder command(List<String> arguments, Path log) {
		String jar = System.getProperty("viewer-batch.jar");
		assertThat(jar).as("the system property viewer-batch.jar (set by failsafe, after package)").isNotNull();
		assertThat(Path.of(jar)).as("the fat jar: run mvn -B verify").isRegularFile();
		List<String> command = new ArrayList<>(
				List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar));
		command.addAll(arguments);
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
		builder.environment().remove("WEBWORK_API_TOKEN");
		return builder;
	}

}
