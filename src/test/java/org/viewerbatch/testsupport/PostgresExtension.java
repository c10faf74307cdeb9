package org.viewerbatch.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real PostgreSQL server for the tests of this JVM: the first test class that registers
 * the extension starts it (initdb into a temporary directory, then the server on a free
 * port of 127.0.0.1), a shutdown hook stops it. Each {@link #newDatabase()} is a database
 * of its own, owned by a role that logs in with a password.
 * <p>
 * The server binaries are found under {@code /usr/lib/postgresql/VERSION/bin} (Debian's
 * {@code postgresql} package), else on the {@code PATH}. As root, the server refuses to
 * run: then it runs as the {@code postgres} user. A server that cannot start fails the
 * test; it is never skipped.
 */
public final class PostgresExtension implements BeforeAllCallback {

	/** The role the tests' runs log in as. */
	public static final String USER = "viewer_batch";

	private static Server server;

	private static final AtomicInteger databases = new AtomicInteger();

	@Override
	public void beforeAll(ExtensionContext context) {
		server();
	}

	private static synchronized Server server() {
		if (server == null) {
			server = Server.start();
			Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
		}
		return server;
	}

	/** The password of {@link #USER}: the tests look for it everywhere it must not be. */
	public String password() {
		return server().password;
	}

	/** Where the server listens, {@code 127.0.0.1:PORT}. */
	public String hostAndPort() {
		return "127.0.0.1:" + server().port;
	}

	/** Creates an empty database owned by {@link #USER}; returns its JDBC URL. */
	public String newDatabase() {
		String name = "test" + databases.incrementAndGet();
		try (Connection connection = server().superuser(); Statement statement = connection.createStatement()) {
			statement.execute("CREATE DATABASE " + name + " OWNER " + USER);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("cannot create database " + name, ex);
		}
		return "jdbc:postgresql://" + hostAndPort() + "/" + name;
	}

	/**
	 * Ends every session of the database at {@code url} and lets no new one in: for its
	 * clients, the server is gone.
	 */
	public void cutOff(String url) {
		String name = url.substring(url.lastIndexOf('/') + 1);
		superuserExecute("ALTER DATABASE " + name + " ALLOW_CONNECTIONS false",
				"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + name + "'");
	}

	/** Lets sessions into the database at {@code url} again, after {@link #cutOff}. */
	public void reopen(String url) {
		superuserExecute("ALTER DATABASE " + url.substring(url.lastIndexOf('/') + 1) + " ALLOW_CONNECTIONS true");
	}

	private static void superuserExecute(String... statements) {
		try (Connection connection = server().superuser(); Statement statement = connection.createStatement()) {
			for (String sql : statements) {
				statement.execute(sql);
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("cannot run " + String.join("; ", statements), ex);
		}
	}

	/** A connection to {@code url} as {@link #USER}. */
	public Connection connect(String url) throws SQLException {
		return DriverManager.getConnection(url, USER, password());
	}

	private static final class Server {

		private static final String SUPERUSER = "postgres";

		private final Path dir;

		private final Path bin;

		private final int port;

		private final String password = "pg-secret-" + UUID.randomUUID();

		private Server(Path dir, Path bin, int port) {
			this.dir = dir;
			this.bin = bin;
			this.port = port;
		}

		static Server start() {
			try {
				Server server = new Server(Files.createTempDirectory("viewer-batch-pg"), binaries(), freePort());
				server.initialise();
				return server;
			}
			catch (IOException ex) {
				throw new UncheckedIOException("cannot start PostgreSQL", ex);
			}
		}

		private void initialise() throws IOException {
			Path passwordFile = Files.writeString(this.dir.resolve("password"), this.password);
			if (isRoot()) {
				run(List.of("chown", "-R", SUPERUSER + ":", this.dir.toString()), false);
			}
			Path data = this.dir.resolve("data");
			run(List.of(this.bin.resolve("initdb").toString(), "-D", data.toString(), "-U", SUPERUSER,
					"--pwfile=" + passwordFile, "--auth-host=scram-sha-256", "--auth-local=trust", "-E", "UTF8",
					"--no-sync"), true);
			run(List.of(this.bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-w", "-t", "60", "-l",
					this.dir.resolve("server.log").toString(), "-o",
					"-p " + this.port + " -k " + this.dir + " -c listen_addresses=127.0.0.1 -c fsync=off", "start"),
					true);
			try (Connection connection = superuser(); Statement statement = connection.createStatement()) {
				statement.execute("CREATE ROLE " + USER + " LOGIN PASSWORD '" + this.password + "'");
			}
			catch (SQLException ex) {
				throw new IllegalStateException("PostgreSQL started but refuses connections: " + log(), ex);
			}
		}

		Connection superuser() throws SQLException {
			return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + this.port + "/postgres", SUPERUSER,
					this.password);
		}

		void stop() {
			try {
				run(List.of(this.bin.resolve("pg_ctl").toString(), "-D", this.dir.resolve("data").toString(), "-m",
						"immediate", "-w", "stop"), true);
			}
			catch (RuntimeException ex) {
				// the JVM is ending: nothing more to do about it
			}
			try (Stream<Path> files = Files.walk(this.dir)) {
				files.sorted(Comparator.reverseOrder()).forEach((file) -> file.toFile().delete());
			}
			catch (IOException ex) {
				// a temporary directory: the system cleans it up
			}
		}

		private void run(List<String> command, boolean asServerUser) {
			List<String> full = new ArrayList<>();
			if (asServerUser && isRoot()) {
				full.addAll(List.of("runuser", "-u", SUPERUSER, "--"));
			}
			full.addAll(command);
			try {
				Path output = Files.createTempFile("viewer-batch-pg", ".out");
				Process process = new ProcessBuilder(full).redirectErrorStream(true)
					.redirectOutput(output.toFile())
					.start();
				if (!process.waitFor(120, TimeUnit.SECONDS)) {
					process.destroyForcibly();
					throw new IllegalStateException(String.join(" ", full) + " did not end within 120 s");
				}
				String text = Files.readString(output);
				Files.delete(output);
				if (process.exitValue() != 0) {
					throw new IllegalStateException(
							String.join(" ", full) + " exited " + process.exitValue() + ": " + text + log());
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException("cannot run " + full, ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("interrupted: " + full, ex);
			}
		}

		private String log() {
			try {
				Path log = this.dir.resolve("server.log");
				return Files.exists(log) ? "\nserver log:\n" + Files.readString(log) : "";
			}
			catch (IOException ex) {
				return "";
			}
		}

		private static boolean isRoot() {
			return "root".equals(System.getProperty("user.name"));
		}

		private static int freePort() throws IOException {
			try (ServerSocket socket = new ServerSocket(0)) {
				return socket.getLocalPort();
			}
		}

		/** The newest version's binaries, else those on the PATH. */
		private static Path binaries() throws IOException {
			Path debian = Path.of("/usr/lib/postgresql");
			Optional<Path> installed = Optional.empty();
			if (Files.isDirectory(debian)) {
				try (Stream<Path> versions = Files.list(debian)) {
					installed = versions.map((version) -> version.resolve("bin"))
						.filter((bin) -> Files.isExecutable(bin.resolve("initdb")))
						.max(Comparator.comparingInt(Server::version));
				}
			}
			return installed
				.or(() -> Stream.of(System.getenv("PATH").split(":"))
					.map(Path::of)
					.filter((bin) -> Files.isExecutable(bin.resolve("initdb"))
							&& Files.isExecutable(bin.resolve("pg_ctl")))
					.findFirst())
				.orElseThrow(() -> new IllegalStateException("no PostgreSQL server binaries (initdb, pg_ctl) under"
						+ " /usr/lib/postgresql/*/bin or on the PATH: apt-get install postgresql"));
		}

		private static int version(Path bin) {
			try {
				return Integer.parseInt(bin.getParent().getFileName().toString());
			}
			catch (NumberFormatException ex) {
				return 0;
			}
		}

	}

}
