package org.viewerbatch.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.json.JsonMapper;

/**
 * A local, stateful stand-in for the WebWork Tracker API V2 project-viewer endpoints, on
 * the JDK's HTTP server.
 *
 * <p>
 * Start it with {@link #start(SandboxOptions)}; it listens on 127.0.0.1 and serves the
 * API under {@link #apiUrl()} and the reserved {@code /__sandbox/requests},
 * {@code /__sandbox/stats} and {@code POST /__sandbox/reset-log}.
 */
public final class Sandbox implements AutoCloseable {

	private static final int THREADS = 32;

	static {
		// The JDK server writes response headers and body separately; with Nagle's
		// algorithm on, each answer then
		// waits for the client's delayed ACK (about 40 ms). The property is read once,
		// when the first server starts.
		if (System.getProperty("sun.net.httpserver.nodelay") == null) {
			System.setProperty("sun.net.httpserver.nodelay", "true");
		}
	}

	private final SandboxOptions options;

	private final HttpServer server;

	private final ExecutorService executor;

	private final SandboxStore store;

	private final RequestLog log = new RequestLog();

	private final RateLimiter rateLimiter;

	private final ApiHandler api;

	private volatile FaultPlan faultPlan;

	private volatile Quirks quirks;

	private Sandbox(SandboxOptions options) throws IOException {
		this.options = options;
		this.faultPlan = options.faultPlan().fresh();
		this.quirks = options.quirks();
		this.store = new SandboxStore(options.seed(), options.clock(), options.listLag());
		this.rateLimiter = new RateLimiter(options.rateLimitPerMinute(), options.clock());
		JsonBodies json = new JsonBodies(JsonMapper.builder().build(), options.clock());
		ApiCalls calls = new ApiCalls(this.store, json, () -> this.quirks);
		this.api = new ApiHandler(calls, this.store, this.rateLimiter, this.log, json, options.clock(),
				options.latency(), options.pause(), () -> this.faultPlan);
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), options.port()), 64);
		this.server.createContext(ApiHandler.PREFIX + "/", this.api);
		this.server.createContext(ControlHandler.PREFIX + "/", new ControlHandler(this.log, json));
		this.executor = Executors.newFixedThreadPool(THREADS, daemonThreads());
		this.server.setExecutor(this.executor);
		this.server.start();
	}

	/**
	 * Binds 127.0.0.1 on {@code options.port()} (0 = any free port) and starts serving.
	 */
	public static Sandbox start(SandboxOptions options) {
		Objects.requireNonNull(options, "options");
		try {
			return new Sandbox(options);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(
					"cannot start the sandbox on port " + options.port() + ": " + ex.getMessage(), ex);
		}
	}

	/**
	 * The API base URL, always ending with {@code /api/v2/}, e.g.
	 * {@code http://127.0.0.1:54321/api/v2/}.
	 */
	public URI apiUrl() {
		return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort() + ApiHandler.PREFIX + "/");
	}

	/**
	 * The first seeded token whose role may use the API ({@code sandbox-token} for
	 * {@link Seed#defaults()}).
	 */
	public String token() {
		return this.options.seed()
			.tokens()
			.stream()
			.filter((t) -> ApiCalls.mayUseApi(t.role()))
			.findFirst()
			.map(Seed.Token::value)
			.orElseThrow(() -> new IllegalStateException("the seed has no owner or executive manager token"));
	}

	public RequestLog requestLog() {
		return this.log;
	}

	public SandboxStore store() {
		return this.store;
	}

	/**
	 * Replaces the fault plan; request numbering continues from the requests already
	 * received.
	 */
	public void faultPlan(FaultPlan plan) {
		this.faultPlan = Objects.requireNonNull(plan, "plan").fresh();
	}

	/** Replaces the "other plausible API" switches. */
	public void quirks(Quirks quirks) {
		this.quirks = Objects.requireNonNull(quirks, "quirks");
	}

	/**
	 * API requests received so far (the number of the last one); fault plans count from
	 * here.
	 */
	public long requestsReceived() {
		return this.api.received();
	}

	/**
	 * Back to the start: the seed's state, an empty request log, fresh rate-limit
	 * windows, and the options' fault plan and quirks. Request numbering continues.
	 */
	public void reset() {
		this.store.reset(this.options.seed());
		this.log.clear();
		this.rateLimiter.reset();
		this.faultPlan = this.options.faultPlan().fresh();
		this.quirks = this.options.quirks();
	}

	/** Stops the server at once; requests in flight are cut off. */
	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

	@Override
	public String toString() {
		return "Sandbox[" + apiUrl() + "]";
	}

	private static ThreadFactory daemonThreads() {
		AtomicInteger count = new AtomicInteger();
		return (runnable) -> {
			Thread thread = new Thread(runnable, "sandbox-http-" + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
	}

}
