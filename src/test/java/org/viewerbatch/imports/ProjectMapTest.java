package org.viewerbatch.imports;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.viewerbatch.apply.RowRejectedException;
import org.viewerbatch.csv.InputFileException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProjectMapTest {

	@TempDir
	Path dir;

	Path map(String text) throws IOException {
		Path file = this.dir.resolve("map.csv");
		Files.write(file, text.getBytes(StandardCharsets.UTF_8));
		return file;
	}

	@Test
	void mapsEachNamedIdAndRejectsTheRowOfAnyOther() throws Exception {
		ProjectMap map = ProjectMap.read(map("\uFEFFTo;From;Note\r\n201;101;x\r\n201;102;\r\n203;103;\r\n"));

		assertThat(map.map(2, 101)).isEqualTo(201);
		assertThat(map.map(2, 102)).isEqualTo(201);
		assertThat(map.size()).isEqualTo(3);
		assertThatThrownBy(() -> map.map(7, 201)).isInstanceOfSatisfying(RowRejectedException.class, rejection -> {
			assertThat(rejection.line()).isEqualTo(7);
			assertThat(rejection.error()).isEqualTo("unmapped-project");
			assertThat(rejection).hasMessage(
					"project 201 is not in the project map map.csv (add a line 201,<its id in" + " this workspace>)");
		});
	}

	@Test
	void withoutAMapEveryIdStays() {
		assertThat(ProjectMap.NONE.map(2, 12345)).isEqualTo(12345);
	}

	@Test
	void aBadMapFileSaysWhereAndWhy() throws Exception {
		assertThatThrownBy(() -> ProjectMap.read(map("from,to\n101,201\n102,abc\n")))
			.isInstanceOf(InputFileException.class)
			.hasMessageEndingWith("map.csv:3: 'abc' in column 'to' is not a project id (a positive number)");
		assertThatThrownBy(() -> ProjectMap.read(map("from,to\n101,201\n101,202\n"))).hasMessageEndingWith(
				"map.csv:3: project 101 is mapped to 201 on line 2 and to 202 here; keep one of them");
		assertThatThrownBy(() -> ProjectMap.read(map("101,201\n102,202\n")))
			.hasMessageEndingWith("map.csv:1: a project map needs the header from,to; found [101, 201]");
		assertThatThrownBy(() -> ProjectMap.read(map("from,to\n101,\n")))
			.hasMessageEndingWith("map.csv:2: the 'to' project id is empty");
		assertThatThrownBy(() -> ProjectMap.read(this.dir.resolve("missing.csv")))
			.isInstanceOf(InputFileException.class)
			.hasMessageContaining("missing.csv");
	}

}
