package org.viewerbatch.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import org.viewerbatch.runs.RepositoryLock;

/**
 * Where the job repository lives: a directory holding the HSQLDB file database (the usual
 * case), or a JDBC URL.
 *
 * @param directory the directory to lock, empty for a JDBC URL that is not an HSQLDB file
 * database
 * @param jdbcUrl the JDBC URL given by the user, or {@code null} to let
 * {@code application.yml} build it from the home
 */
record RepositoryLocation(Optional<Path> directory, String jdbcUrl) {

	private static final String HSQLDB_FILE = "jdbc:hsqldb:file:";

	static RepositoryLocation of(String dirOrUrl) {
		if (!dirOrUrl.startsWith("jdbc:")) {
			return new RepositoryLocation(Optional.of(Path.of(dirOrUrl).toAbsolutePath().normalize()), null);
		}
		if (dirOrUrl.startsWith(HSQLDB_FILE)) {
			// Two processes on one HSQLDB file database wait 10 s for its lock and then
			// fail: lock its directory too.
			String file = dirOrUrl.substring(HSQLDB_FILE.length()).split(";", 2)[0];
			Path parent = Path.of(file).toAbsolutePath().normalize().getParent();
			return new RepositoryLocation(Optional.ofNullable(parent), dirOrUrl);
		}
		return new RepositoryLocation(Optional.empty(), dirOrUrl);
	}

	Map<String, Object> springProperties() {
		if (this.jdbcUrl != null) {
			return Map.of("spring.datasource.url", this.jdbcUrl);
		}
		return Map.of("viewer-batch.home", this.directory.orElseThrow().toString());
	}

	/**
	 * Takes the lock of the directory, or returns {@code null} when there is no directory
	 * to lock.
	 */
	RepositoryLock lock() {
		return this.directory.map(RepositoryLock::acquire).orElse(null);
	}

}
