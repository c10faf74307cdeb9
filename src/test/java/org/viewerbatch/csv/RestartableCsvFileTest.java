package org.viewerbatch.csv;

import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.batch.infrastructure.item.ExecutionContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class RestartableCsvFileTest {

	@TempDir
	Path dir;

	@Test
	void nothingAppearsUnderTheTargetNameBeforeItIsPublished() throws Exception {
		Path target = this.dir.resolve("out.csv");
		RestartableCsvFile file = new RestartableCsvFile("out", target, () -> List.of("a", "b"));
		file.open(new ExecutionContext());
		file.append(List.of("1", "x,y"));
		file.update(new ExecutionContext());
		assertThat(target).doesNotExist();
		file.publish();
		assertThat(Files.readString(target)).isEqualTo("a,b\n1,\"x,y\"\n");
		assertThat(this.dir.resolve("out.csv.part")).doesNotExist();
	}

	@Test
	void aRestartDropsWhatWasWrittenAfterTheLastCommitAndKeepsTheRest() throws Exception {
		Path target = this.dir.resolve("out.csv");
		ExecutionContext committed = new ExecutionContext();
		RestartableCsvFile first = new RestartableCsvFile("out", target, () -> List.of("line"));
		first.open(committed);
		first.append(List.of("2"));
		first.update(committed);
		first.append(List.of("3"));
		// the process dies here: line 3 was written but its chunk never committed
		first.update(new ExecutionContext());
		first.close();

		RestartableCsvFile second = new RestartableCsvFile("out", target, () -> List.of("line"));
		second.open(committed);
		second.append(List.of("3"));
		second.append(List.of("4"));
		second.update(new ExecutionContext());
		assertThat(second.records()).isEqualTo(3);
		second.publish();
		assertThat(Files.readAllLines(target)).containsExactly("line", "2", "3", "4");
	}

	@Test
	void publishingOverAnOlderFileKeepsItsPermissions() throws Exception {
		assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
		Path target = Files.writeString(this.dir.resolve("out.csv"), "older");
		Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-r-----"));
		RestartableCsvFile file = new RestartableCsvFile("out", target, () -> List.of("line"));
		file.open(new ExecutionContext());
		file.append(List.of("2"));

		file.publish();

		assertThat(Files.readAllLines(target)).containsExactly("line", "2");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target))).isEqualTo("rw-r-----");
	}

	@Test
	void discardingDeletesThePartFileAndAnOlderTarget() throws Exception {
		Path target = Files.writeString(this.dir.resolve("out.csv"), "older");
		RestartableCsvFile file = new RestartableCsvFile("out", target, () -> List.of("line"));
		file.open(new ExecutionContext());

		file.discard();

		assertThat(target).doesNotExist();
		assertThat(this.dir.resolve("out.csv.part")).doesNotExist();
	}

}
