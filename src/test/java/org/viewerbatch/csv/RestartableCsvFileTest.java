package org.viewerbatch.csv;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.batch.infrastructure.item.ExecutionContext;

import static org.assertj.core.api.Assertions.assertThat;

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

}
