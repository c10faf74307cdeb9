package org.viewerbatch.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code scripts/viewer-batch} run by bash in a scratch checkout, with stand-ins for
 * {@code mvn} (writes the jar) and {@code java} (records what it is asked to do): when it
 * builds, when it makes the class data sharing archive, and what it starts.
 */
class ViewerBatchScriptTest {

	private static final Path SCRIPT = Path.of("scripts/viewer-batch").toAbsolutePath();

	@TempDir
	Path checkout;

	private Path calls;

	private Path jdk;

	@BeforeEach
	void setUp() throws IOException {
		Files.createDirectories(this.checkout.resolve("scripts"));
		Files.copy(SCRIPT, this.checkout.resolve("scripts/viewer-batch"), StandardCopyOption.COPY_ATTRIBUTES);
		Files.writeString(this.checkout.resolve("pom.xml"), "<project/>\n");
		Files.createDirectories(this.checkout.resolve("src/main/java"));
		Files.writeString(this.checkout.resolve("src/main/java/App.java"), "class App {}\n");
		setModified(this.checkout.resolve("pom.xml"), -60);
		setModified(this.checkout.resolve("src/main/java/App.java"), -60);
		this.calls = this.checkout.resolve("calls.txt");
		Path bin = Files.createDirectories(this.checkout.resolve("bin"));
		executable(bin.resolve("mvn"), """
				#!/usr/bin/env bash
				echo "mvn $*" >> "%s"
				mkdir -p target && echo jar > target/viewer-batch.jar
				""".formatted(this.calls));
		this.jdk = Files.createDirectories(this.checkout.resolve("jdk/bin"));
		Files.writeString(this.checkout.resolve("jdk/release"), "JAVA_RUNTIME_VERSION=\"17.0.15\"\n");
		// one line per start: what it was asked to do; the training run also writes its
		// archive and says which token and home it saw
		executable(this.jdk.resolve("java"), """
				#!/usr/bin/env bash
				args="$*"
				if [[ $args == *-Djarmode=tools* ]]; then
					echo "extract" >> "%1$s"
					mkdir -p "${@: -1}/lib" && echo jar > "${@: -1}/viewer-batch.jar"
				elif [[ $args == *-XX:ArchiveClassesAtExit=* ]]; then
					echo "train token=${WEBWORK_API_TOKEN:-none} home=$VIEWER_BATCH_HOME $*" >> "%1$s"
					[[ -z ${FAKE_TRAINING_FAILS:-} ]] || exit 1
					for arg; do [[ $arg == -XX:ArchiveClassesAtExit=* ]] && echo jsa > "${arg#*=}"; done
				elif [[ $args == *-Xshare:on* ]]; then
					echo "check" >> "%1$s"
				elif [[ $args == -version ]]; then
					echo 'openjdk version "17.0.15"' >&2
				else
					echo "run $*" >> "%1$s"
				fi
				exit 0
				""".formatted(this.calls));
	}

	@Test
	void theFirstStartBuildsMakesTheArchiveAndStartsFromIt() throws Exception {
		Path cds = this.checkout.resolve("target/cds");

		assertThat(run(Map.of(), "jobs")).isZero();

		assertThat(calls()).hasSize(5);
		assertThat(calls().get(0)).startsWith("mvn ").contains("package");
		assertThat(calls().get(1)).isEqualTo("extract");
		assertThat(calls().get(2)).contains(" demo ", "--samples " + this.checkout.resolve("samples"));
		assertThat(calls().get(3)).isEqualTo("check");
		assertThat(calls().get(4)).isEqualTo("run -XX:TieredStopAtLevel=1 -XX:SharedArchiveFile="
				+ cds.resolve("app.jsa") + " -Xshare:auto -Xlog:cds=off -Xlog:cds+dynamic=off -jar "
				+ cds.resolve("viewer-batch.jar") + " jobs");
	}

	@Test
	void theTrainingRunSeesNoTokenAndATemporaryHome() throws Exception {
		run(Map.of("WEBWORK_API_TOKEN", "secret-token", "VIEWER_BATCH_HOME", "/home/someone/.viewer-batch"), "jobs");

		String training = calls().get(2);
		assertThat(training).startsWith("train token=none home=/")
			.doesNotContain("secret-token")
			.doesNotContain("/home/someone");
	}

	@Test
	void theNextStartNeitherBuildsNorTrains() throws Exception {
		run(Map.of(), "jobs");
		Files.delete(this.calls);

		assertThat(run(Map.of(), "jobs", "--limit", "3")).isZero();

		assertThat(calls()).singleElement()
			.asString()
			.startsWith("run -XX:TieredStopAtLevel=1 -XX:SharedArchiveFile=")
			.endsWith(" jobs --limit 3");
	}

	@Test
	void aChangedSourceRebuildsAndTrainsAgain() throws Exception {
		run(Map.of(), "jobs");
		Files.delete(this.calls);
		setModified(this.checkout.resolve("src/main/java/App.java"), 60);

		run(Map.of(), "jobs");

		assertThat(calls()).hasSize(5);
		assertThat(calls().get(0)).startsWith("mvn ");
		assertThat(calls().get(2)).startsWith("train ");
		assertThat(calls().get(4)).startsWith("run -XX:TieredStopAtLevel=1 -XX:SharedArchiveFile=");
	}

	@Test
	void anotherJdkTrainsAgainWithoutBuilding() throws Exception {
		run(Map.of(), "jobs");
		Files.delete(this.calls);
		Files.writeString(this.checkout.resolve("jdk/release"), "JAVA_RUNTIME_VERSION=\"17.0.16\"\n");

		run(Map.of(), "jobs");

		assertThat(calls()).hasSize(4);
		assertThat(calls().get(0)).isEqualTo("extract");
		assertThat(calls().get(1)).startsWith("train ");
	}

	@Test
	void whenTheArchiveCannotBeMadeItStartsFromTheJarAndDoesNotTryAgain() throws Exception {
		Path jar = this.checkout.resolve("target/viewer-batch.jar");

		assertThat(run(Map.of("FAKE_TRAINING_FAILS", "1"), "jobs")).isZero();

		assertThat(calls()).last().isEqualTo("run -XX:TieredStopAtLevel=1 -jar " + jar + " jobs");
		Files.delete(this.calls);

		run(Map.of(), "jobs");

		assertThat(calls()).containsExactly("run -XX:TieredStopAtLevel=1 -jar " + jar + " jobs");
	}

	private int run(Map<String, String> env, String... args) throws Exception {
		List<String> command = new ArrayList<>(
				List.of("bash", this.checkout.resolve("scripts/viewer-batch").toString()));
		command.addAll(List.of(args));
		ProcessBuilder builder = new ProcessBuilder(command);
		builder.environment().remove("WEBWORK_API_TOKEN");
		builder.environment().remove("VIEWER_BATCH_JAVA_OPTS");
		builder.environment()
			.put("PATH", this.checkout.resolve("bin") + ":" + this.jdk + ":/usr/local/bin:/usr/bin:/bin");
		builder.environment().putAll(env);
		builder.redirectErrorStream(true).redirectOutput(this.checkout.resolve("output.txt").toFile());
		Process process = builder.start();
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		return process.exitValue();
	}

	private List<String> calls() throws IOException {
		return Files.readAllLines(this.calls, StandardCharsets.UTF_8);
	}

	private static void executable(Path file, String content) throws IOException {
		Files.writeString(file, content);
		Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
	}

	private static void setModified(Path file, long secondsFromNow) throws IOException {
		Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(secondsFromNow)));
	}

}
