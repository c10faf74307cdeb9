package org.viewerbatch.runs;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.postgresql.Driver;

/**
 * A job repository on a PostgreSQL server: its URL with the driver settings a run relies
 * on, where the server is (for messages), and the credentials, which are never shown.
 * <p>
 * The driver settings are <a href=
 * "https://jdbc.postgresql.org/documentation/use/#connection-parameters">pgJDBC's
 * connection parameters</a>; one the URL gives already is left as given.
 */
public final class PostgresRepository {

	private static final Pattern URL = Pattern
		.compile("jdbc:postgresql:(?://(?<hosts>[^/?#]*)/?)?(?<database>[^?#]*)(?:\\?(?<query>[^#]*))?");

	/** Seconds to wait for the server to accept the TCP connection. */
	static final int CONNECT_TIMEOUT = 10;

	/**
	 * The driver settings: a server that does not answer is given up within 30 s (the
	 * connect timeout, then the login's, which caps a retry without SSL); a query waits
	 * at most a minute for its answer; and the server notices a vanished client after 30
	 * s idle plus three unanswered probes 10 s apart (its tcp_keepalives_* settings, set
	 * for our sessions only), or 60 s after an answer the client never acknowledged (its
	 * tcp_user_timeout, PostgreSQL 12 and later): it ends the session, which releases the
	 * session's advisory locks. Measured with a cut network cable
	 * ({@code scripts/bench-holder-loss}): about 60 s.
	 */
	private static final Map<String, String> DRIVER_SETTINGS = Map.of("connectTimeout", String.valueOf(CONNECT_TIMEOUT),
			"loginTimeout", "20", "socketTimeout", "60", "tcpKeepAlive", "true", "ApplicationName", "viewer-batch",
			"options", "-c tcp_keepalives_idle=30 -c tcp_keepalives_interval=10 -c tcp_keepalives_count=3"
					+ " -c tcp_user_timeout=60000");

	private final String url;

	private final String server;

	private final String database;

	private final String user;

	private final String password;

	private PostgresRepository(String url, String server, String database, String user, String password) {
		this.url = url;
		this.server = server;
		this.database = database;
		this.user = user;
		this.password = password;
	}

	/** Whether {@code url} is a PostgreSQL JDBC URL. */
	public static boolean accepts(String url) {
		return url.startsWith("jdbc:postgresql:");
	}

	/**
	 * The repository at {@code url}, reached as {@code user} (the driver's default when
	 * {@code null}) with {@code password} (none when {@code null}).
	 * @throws IllegalArgumentException when the URL is not one, or holds a password (it
	 * would be shown wherever the URL is)
	 */
	public static PostgresRepository of(String url, String user, String password) {
		Matcher matcher = URL.matcher(url);
		if (!matcher.matches()) {
			throw new IllegalArgumentException("not a PostgreSQL JDBC URL (jdbc:postgresql://HOST:PORT/DATABASE)");
		}
		String hosts = (matcher.group("hosts") != null) ? matcher.group("hosts") : "";
		Map<String, String> query = query(matcher.group("query"));
		if (hosts.contains("@") || query.keySet().stream().anyMatch("password"::equalsIgnoreCase)) {
			throw new IllegalArgumentException("the job repository URL must not hold a user name or password (it is"
					+ " shown in messages and kept in shell histories); set VIEWER_BATCH_DB_USER and"
					+ " VIEWER_BATCH_DB_PASSWORD or VIEWER_BATCH_DB_PASSWORD_FILE");
		}
		Map<String, String> settings = new LinkedHashMap<>(query);
		DRIVER_SETTINGS.forEach((name, value) -> {
			if (settings.keySet().stream().noneMatch(name::equalsIgnoreCase)) {
				settings.put(name, value);
			}
		});
		String withSettings = url.replaceFirst("\\?.*", "") + "?"
				+ settings.entrySet()
					.stream()
					.map((setting) -> setting.getKey() + "=" + encode(setting.getValue()))
					.collect(Collectors.joining("&"));
		return new PostgresRepository(withSettings, server(hosts), matcher.group("database"), user, password);
	}

	/** The JDBC URL with the driver settings. */
	public String url() {
		return this.url;
	}

	/** Where the server is, {@code host:port} (several for a multi-host URL). */
	public String server() {
		return this.server;
	}

	public String user() {
		return this.user;
	}

	public String password() {
		return this.password;
	}

	/**
	 * Opens a connection of its own (not from a pool).
	 * @throws RepositoryUnreachableException when there is none to be had, saying why
	 */
	public Connection connect() {
		Properties properties = new Properties();
		if (this.user != null) {
			properties.setProperty("user", this.user);
		}
		if (this.password != null) {
			properties.setProperty("password", this.password);
		}
		try {
			Connection connection = new Driver().connect(this.url, properties);
			if (connection == null) {
				throw new IllegalStateException("the PostgreSQL driver does not accept the job repository URL");
			}
			return connection;
		}
		catch (SQLException ex) {
			throw new RepositoryUnreachableException(this.server, reason(ex), ex);
		}
	}

	/** Opens a connection and closes it, to fail early with one line. */
	public void probe() {
		try (Connection connection = connect()) {
			connection.isValid(CONNECT_TIMEOUT);
		}
		catch (SQLException ex) {
			throw new RepositoryUnreachableException(this.server, reason(ex), ex);
		}
	}

	/**
	 * Why a connection failed, in words: the server's SQL state
	 * (<a href= "https://www.postgresql.org/docs/current/errcodes-appendix.html">error
	 * codes</a>), else the network error that caused it.
	 */
	String reason(SQLException ex) {
		String state = (ex.getSQLState() != null) ? ex.getSQLState() : "";
		if (state.startsWith("28")) {
			return "authentication failed" + ((this.user != null) ? " for user " + this.user : "")
					+ " (VIEWER_BATCH_DB_USER," + " VIEWER_BATCH_DB_PASSWORD or VIEWER_BATCH_DB_PASSWORD_FILE)";
		}
		if (state.equals("3D000")) {
			return "database " + this.database + " does not exist";
		}
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof SocketTimeoutException) {
				return "connect timeout (no answer within " + CONNECT_TIMEOUT + " s)";
			}
			if (cause instanceof ConnectException || cause instanceof NoRouteToHostException) {
				return "connection refused";
			}
			if (cause instanceof UnknownHostException) {
				return "unknown host";
			}
		}
		String message = String.valueOf(ex.getMessage());
		if (message.toLowerCase(Locale.ROOT).contains("timed out")) {
			return "connect timeout (the server did not complete the login in time)";
		}
		return message;
	}

	private static Map<String, String> query(String query) {
		Map<String, String> parameters = new LinkedHashMap<>();
		if (query == null || query.isEmpty()) {
			return parameters;
		}
		for (String pair : query.split("&")) {
			String[] nameAndValue = pair.split("=", 2);
			parameters.put(nameAndValue[0],
					(nameAndValue.length > 1) ? URLDecoder.decode(nameAndValue[1], StandardCharsets.UTF_8) : "");
		}
		return parameters;
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
	}

	private static String server(String hosts) {
		if (hosts.isEmpty()) {
			return "localhost:5432";
		}
		return Pattern.compile(",")
			.splitAsStream(hosts)
			.map((host) -> host.matches(".*:\\d+") ? host : host + ":5432")
			.collect(Collectors.joining(","));
	}

	@Override
	public String toString() {
		return "PostgresRepository[url=" + this.url + ", user=" + this.user + ", password="
				+ ((this.password != null) ? "[redacted]" : null) + "]";
	}

}
