package org.viewerbatch.csv;

import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The input check on real FIFOs, devices, pipes and descriptors: had it opened one, a
 * test would hang (a FIFO without a writer) or never end ({@code /dev/zero}).
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class RegularFileTest {

	@TempDir
	Path dir;

	@Test
	void aRegularFileAndASymbolicLinkToOneAreFine() throws IOException {
		Path file = Files.writeString(this.dir.resolve("roster.csv"), "email\nann@example.com\n");
		Path link = Files.createSymbolicLink(this.dir.resolve("latest.csv"), file.getFileName());

		assertThatCode(() -> RegularFile.require(file)).doesNotThrowAnyException();
		assertThatCode(() -> RegularFile.require(link)).doesNotThrowAnyException();
		assertThatCode(() -> RegularFile.require(Files.createFile(this.dir.resolve("empty.csv"))))
			.as("an empty file is for the reader to report")
			.doesNotThrowAnyException();
	}

	@Test
	void aFifoIsRefusedWithoutBeingOpened() throws Exception {
		Path fifo = this.dir.resolve("roster.csv");
		assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();

		assertRefused(fifo, "is a pipe, not a regular file: save what it gives to a file and give that file's path "
				+ "(an import reads its file more than once)");
	}

	@Test
	void aPipeFromAProcessIsRefused() throws Exception {
		// what <(…) and "… | viewer-batch import-viewers /dev/stdin" give: a process's
		// pipe
		Process writer = new ProcessBuilder("cat").start();
		try {
			Path pipe = Path.of("/proc", Long.toString(writer.pid()), "fd", "0");

			assertRefused(pipe, "is a pipe, not a regular file: save what it gives to a file and give that file's "
					+ "path (an import reads its file more than once)");
		}
		finally {
			writer.destroy();
			assertThat(writer.waitFor(10, TimeUnit.SECONDS)).isTrue();
		}
	}

	@Test
	void devicesAndDirectoriesAreRefusedSayingWhatTheyAre() {
		assertRefused(Path.of("/dev/zero"), "is a character device, not a regular file: give the path of a CSV file");
		assertRefused(Path.of("/dev/null"), "is a character device, not a regular file: give the path of a CSV file");
		assertRefused(this.dir, "is a directory: give the path of a CSV file");
	}

	@Test
	void aMissingFileAndADanglingLinkAreNamedAsSuch() throws IOException {
		Path link = Files.createSymbolicLink(this.dir.resolve("latest.csv"), Path.of("gone.csv"));

		assertRefused(this.dir.resolve("missing.csv"), "no such file");
		assertRefused(link, "is a symbolic link to a file that does not exist");
	}

	@Test
	void aRegularFileReachedThroughAFileDescriptorIsRefusedForItsResultsWouldGoIntoDev() throws IOException {
		// /dev/stdin < roster.csv: a regular file, but the name of a descriptor
		Path file = Files.writeString(this.dir.resolve("roster.csv"), "email\nann@example.com\n");
		try (InputStream open = Files.newInputStream(file)) {
			Path descriptor = descriptorOf(file);
			String reason = "is an open file descriptor (such as standard input), not the path of a file: give the "
					+ "CSV file's own path (its results are written beside it)";

			assertRefused(descriptor, reason);
			assertRefused(Path.of("/dev/fd").resolve(descriptor.getFileName()), reason);
			Path link = Files.createSymbolicLink(this.dir.resolve("stdin.csv"), descriptor);
			assertRefused(link, reason);
		}
	}

	@Test
	void aFileOverOneGigabyteIsRefusedWithItsSizeBeforeAnyRead() throws IOException {
		Path big = this.dir.resolve("roster.csv");
		try (RandomAccessFile file = new RandomAccessFile(big.toFile(), "rw")) {
			// sparse: no gigabyte is written
			file.setLength(RegularFile.MAX_SIZE + 1);
		}
		Path limit = this.dir.resolve("limit.csv");
		try (RandomAccessFile file = new RandomAccessFile(limit.toFile(), "rw")) {
			file.setLength(RegularFile.MAX_SIZE);
		}

		assertRefused(big,
				"is 1.01 GB, larger than any roster could be (the limit is 1 GB): check that this is the right file");
		assertThatCode(() -> RegularFile.require(limit)).doesNotThrowAnyException();
	}

	private static void assertRefused(Path file, String reason) {
		assertThatThrownBy(() -> RegularFile.require(file)).isInstanceOfSatisfying(InputFileException.class, (ex) -> {
			assertThat(ex.reason()).isEqualTo(reason);
			assertThat(ex.getMessage()).isEqualTo(file + ": " + reason);
			assertThat(ex.line()).isZero();
		});
	}

	/**
	 * {@code /proc/self/fd/N}, N the descriptor this process has open on {@code file}.
	 */
	private static Path descriptorOf(Path file) throws IOException {
		Path real = file.toRealPath();
		try (Stream<Path> descriptors = Files.list(Path.of("/proc/self/fd"))) {
			List<Path> found = descriptors.filter((fd) -> {
				try {
					return Files.readSymbolicLink(fd).equals(real);
				}
				catch (IOException ex) {
					// the descriptor of the listing itself, closed by now
					return false;
				}
			}).toList();
			assertThat(found).hasSize(1);
			return Path.of("/proc/self/fd").resolve(found.get(0).getFileName());
		}
	}

}
