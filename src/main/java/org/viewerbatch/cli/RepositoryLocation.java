package org.viewerbatch.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.viewerbatch.runs.PostgresRepository;
import org.viewerbatch.runs.RepositoryLock;
import org.viewerbatch.runs.RunHolder;
import org.viewerbatch.runs.WorkspaceGuard;

/**
 * Where the job repository lives: a directory holding the HSQLDB file database (the usual
 * case), a PostgreSQL server that several machines share, or another JDBC URL.
 *
 * @param directory the directory to lock, empty for a JDBC URL that is not an HSQLDB file
 * database
 * @param jdbcUrl the JDBC URL given by the user, or {@code null} to let
 * {@code application.yml} build it from the home
 * @param postgres the PostgreSQL repository, or {@code null}
 */
record RepositoryLocation(Optional<Path> directory, String jdbcUrl, PostgresRepository postgres) {

	private static final String HSQLDB_FILE = "jdbc:hsqldb:file:";

	static RepositoryLocation of(String dirOrUrl, DatabaseCredentials credentials) {
		if (!dirOrUrl.startsWith("jdbc:")) {
			return new RepositoryLocation(Optional.of(Path.of(dirOrUrl).toAbsolutePath().normalize()), null, null);
		}
		if (dirOrUrl.startsWith(HSQLDB_FILE)) {
			// Two processes on one HSQLDB file database wait 10 s for its lock and then
			// fail: lock its directory too.
			String file = dirOrUrl.substring(HSQLDB_FILE.length()).split(";", 2)[0];
			Path parent = Path.of(file).toAbsolutePath().normalize().getParent();
			return new RepositoryLocation(Optional.ofNullable(parent), dirOrUrl, null);
		}
		if (PostgresRepository.accepts(dirOrUrl)) {
			try {
				PostgresRepository postgres = PostgresRepository.of(dirOrUrl, credentials.user(),
						credentials.password());
				return new RepositoryLocation(Optional.empty(), postgres.url(), postgres);
			}
			catch (IllegalArgumentException ex) {
				throw new ConfigurationException(ex.getMessage());
			}
		}
		return new RepositoryLocation(Optional.empty(), dirOrUrl, null);
	}

	/** The Spring properties of this location; the password among them. */
	Map<String, Object> springProperties() {
		if (this.postgres != null) {
			Map<String, Object> properties = new HashMap<>();
			properties.put("spring.datasource.url", this.postgres.url());
			if (this.postgres.user() != null) {
				properties.put("spring.datasource.username", this.postgres.user());
			}
			// an empty password in application.yml is HSQLDB's
			properties.put(Settings.DATABASE_PASSWORD,
					(this.postgres.password() != null) ? this.postgres.password() : "");
			return properties;
		}
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
		return this.directory.map(RepositoryLocation::acquire).orElse(null);
	}

	/**
	 * Takes the lock of a directory that can hold the repository; one that cannot (under
	 * /proc, read-only, a file) is a configuration error, and says why.
	 */
	private static RepositoryLock acquire(Path directory) {
		try {
			return RepositoryLock.acquire(directory);
		}
		catch (UncheckedIOException ex) {
			throw new ConfigurationException("the job repository directory " + directory + " cannot be used ("
					+ "--job-repository, VIEWER_BATCH_JOB_REPOSITORY or VIEWER_BATCH_HOME): " + why(ex.getCause()));
		}
	}

	private static String why(IOException ex) {
		if (ex instanceof AccessDeniedException) {
			return "permission denied";
		}
		if (ex instanceof FileAlreadyExistsException || ex instanceof NotDirectoryException) {
			return "a file, not a directory, is in its way";
		}
		if (ex instanceof NoSuchFileException) {
			return "a directory cannot be created there";
		}
		if (ex instanceof FileSystemException fs && fs.getReason() != null) {
			return fs.getReason();
		}
		return "it cannot be created or written (" + ex.getClass().getSimpleName() + ")";
	}

	/**
	 * Connects the guard of a PostgreSQL repository (nothing held yet), or returns
	 * {@code null} for any other: fails at once, in one line, when the server cannot be
	 * reached.
	 */
	WorkspaceGuard guard() {
		return (this.postgres != null) ? WorkspaceGuard.open(this.postgres, RunHolder.current()) : null;
	}

	/**
	 * The HSQLDB database file that no run has made yet ({@code NAME.properties}, made
	 * with the database), else empty: a server's database is never missing.
	 */
	Optional<Path> missingDatabase() {
		Path database;
		if (this.jdbcUrl == null) {
			database = this.directory.orElseThrow().resolve("repository").resolve("viewer-batch");
		}
		else if (this.jdbcUrl.startsWith(HSQLDB_FILE)) {
			database = Path.of(this.jdbcUrl.substring(HSQLDB_FILE.length()).split(";", 2)[0]);
		}
		else {
			return Optional.empty();
		}
		Path properties = database.resolveSibling(database.getFileName() + ".properties");
		return Files.exists(properties) ? Optional.empty() : Optional.of(database.getParent());
	}

	/** Where the repository is, for messages: {@code at HOST:PORT} or {@code in DIR}. */
	String where() {
		return (this.postgres != null) ? "at " + this.postgres.server() : "in " + this.directory.orElse(null);
	}

	/** Fails at once, in one line, when a PostgreSQL server cannot be reached. */
	void probe() {
		if (this.postgres != null) {
			this.postgres.probe();
		}
	}

	@Override
	public String toString() {
		return "RepositoryLocation[directory=" + this.directory + ", jdbcUrl=" + this.jdbcUrl + "]";
	}

}
