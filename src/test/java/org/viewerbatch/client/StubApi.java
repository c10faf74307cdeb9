package org.viewerbatch.client;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A scripted HTTP server on a free port for the client's own tests: every request is
 * recorded and answered by the current responder (status + body + headers, a dropped
 * connection, or no answer at all).
 */
final class StubApi implements AutoCloseable {

	record Received(String method, String path, String query, String authorization, String body) {
	}

	record Reply(int status, String body, Map<String, String> headers, boolean drop, boolean hang) {

		static Reply json(int status, String body) {
			return new Reply(status, body, Map.of(), false, false);
		}

		static Reply json(int status, String body, Map<String, String> headers) {
			return new Reply(status, body, headers, false, false);
		}

		static Reply dropped() {
			return new Reply(0, null, Map.of(), true, false);
		}

		static Reply noAnswer() {
			return new Reply(0, null, Map.of(), false, true);
		}

	}

	private final HttpServer server;

	private final ExecutorService executor = Executors.newCachedThreadPool();

	private final List<Received> received = new ArrayList<>();

	private final CountDownLatch closing = new CountDownLatch(1);

	private volatile Function<Received, Reply> responder = request -> Reply.json(200,
			"{\"success\":true,\"data\":null}");

	StubApi() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.createContext("/", this::handle);
		this.server.setExecutor(this.executor);
		this.server.start();
	}

	URI apiUrl() {
		return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort() + "/api/v2/");
	}

	void respond(Function<Received, Reply> responder) {
		this.responder = responder;
	}

	/** Answers the given replies in order, then repeats the last one. */
	void respondInOrder(Reply... replies) {
		List<Reply> script = List.of(replies);
		respond(request -> script.get(Math.min(count() - 1, script.size() - 1)));
	}

	synchronized List<Received> received() {
		return List.copyOf(this.received);
	}

	synchronized int count() {
		return this.received.size();
	}

	private void handle(HttpExchange exchange) throws IOException {
		String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
		Received request = new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
				exchange.getRequestURI().getRawQuery(), exchange.getRequestHeaders().getFirst("Authorization"), body);
		synchronized (this) {
			this.received.add(request);
		}
		Reply reply = this.responder.apply(request);
		if (reply.drop()) {
			// the server closes the connection without a byte of response
			throw new IOException("dropping the connection on purpose");
		}
		if (reply.hang()) {
			try {
				this.closing.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			exchange.close();
			return;
		}
		byte[] bytes = (reply.body() != null) ? reply.body().getBytes(StandardCharsets.UTF_8) : new byte[0];
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		reply.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
		exchange.sendResponseHeaders(reply.status(), (bytes.length > 0) ? bytes.length : -1);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	@Override
	public void close() {
		this.closing.countDown();
		this.server.stop(0);
		this.executor.shutdownNow();
	}

}
