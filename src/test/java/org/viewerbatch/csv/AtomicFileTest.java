package org.viewerbatch.csv;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class AtomicFileTest {

	@TempDir
	Path dir;

	@Test
	void theTemporaryFileLivesBesideTheTargetAndCommitRenamesIt() throws Exception {
		Path target = this.dir.resolve("results.csv");
		try (AtomicFile file = AtomicFile.beside(target)) {
			assertThat(file.temp().getParent()).isEqualTo(target.toAbsolutePath().getParent());
			assertThat(file.temp().getFileName().toString()).matches("results\\.csv\\.[0-9a-z]+\\.tmp");
			Files.writeString(file.temp(), "line,email\n");

			file.commit();

			assertThat(file.temp()).doesNotExist();
		}
		assertThat(target).hasContent("line,email");
	}

	@Test
	void closingWithoutACommitDeletesTheTemporaryFileAndKeepsTheTarget() throws Exception {
		Path target = Files.writeString(this.dir.resolve("results.csv"), "before");
		Path temp;
		try (AtomicFile file = AtomicFile.beside(target)) {
			temp = file.temp();
			Files.writeString(temp, "half a file");
		}

		assertThat(temp).doesNotExist();
		assertThat(target).hasContent("before");
	}

	@Test
	void anAbortedFileCannotBeCommitted() throws Exception {
		AtomicFile file = AtomicFile.beside(this.dir.resolve("x.csv"));
		file.abort();

		assertThatThrownBy(file::commit).isInstanceOf(IllegalStateException.class);
	}

	@Test
	void replacingAFileKeepsItsPermissions() throws Exception {
		assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
		Path target = Files.writeString(this.dir.resolve("export.csv"), "old");
		Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-r-----"));

		try (AtomicFile file = AtomicFile.beside(target)) {
			Files.writeString(file.temp(), "new");
			file.commit();
		}

		assertThat(target).hasContent("new");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target))).isEqualTo("rw-r-----");
	}

	@Test
	void aDirectoryIsNotATarget() {
		assertThatThrownBy(() -> AtomicFile.beside(this.dir)).hasMessageContaining("is a directory");
	}

	@Test
	void aSymbolicLinkStaysALinkAndTheFileItPointsToIsReplacedFromBesideIt() throws Exception {
		Path real = Files.writeString(Files.createDirectory(this.dir.resolve("real")).resolve("viewers.csv"), "old");
		Path link = Files.createSymbolicLink(this.dir.resolve("latest.csv"), Path.of("real/viewers.csv"));

		try (AtomicFile file = AtomicFile.beside(link)) {
			assertThat(file.temp().getParent()).isEqualTo(real.getParent());
			Files.writeString(file.temp(), "new");
			file.commit();
		}

		assertThat(Files.isSymbolicLink(link)).isTrue();
		assertThat(real).hasContent("new");
		assertThat(link).hasContent("new");
		try (var left = Files.list(real.getParent())) {
			assertThat(left).containsExactly(real);
		}
	}

	@Test
	void aFifoIsWrittenStraightThroughAndNeverReplaced() throws Exception {
		Path fifo = this.dir.resolve("pipe");
		assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
		var reader = CompletableFuture.supplyAsync(() -> {
			try {
				return Files.readString(fifo);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		});

		try (AtomicFile file = AtomicFile.beside(fifo)) {
			assertThat(file.temp()).isEqualTo(fifo.toAbsolutePath());
			Files.writeString(file.temp(), "id,email\n");
			file.commit();
		}

		assertThat(reader.get(1, TimeUnit.MINUTES)).isEqualTo("id,email\n");
		assertThat(Files.isRegularFile(fifo)).as("still a FIFO").isFalse();
		assertThat(Files.exists(fifo)).isTrue();
	}

	@Test
	void anAbortedFifoIsLeftAlone() throws Exception {
		Path fifo = this.dir.resolve("pipe");
		assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();

		AtomicFile.beside(fifo).close();

		assertThat(Files.exists(fifo)).isTrue();
	}

}
