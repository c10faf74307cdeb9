package org.viewerbatch.client;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import javax.net.ssl.SSLException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.HttpRedirects;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

/**
 * Sends one request: waits for the pacer, adds the token, logs one line without it,
 * reports the server's rate-limit headers and 429s to the pacer, and turns the answer
 * into an {@link Envelope} or a typed {@link ApiException}. No retries here.
 */
final class ApiExchange {

	private static final Logger requestLog = LoggerFactory.getLogger("org.viewerbatch.client.requests");

	private final RestClient restClient;

	private final ApiProperties settings;

	private final RequestPacer pacer;

	private final JsonMapper json = JsonMapper.shared();

	ApiExchange(RestClient.Builder builder, ApiProperties settings, RequestPacer pacer) {
		this.settings = settings;
		this.pacer = pacer;
		this.restClient = builder.clone()
			.requestFactory(ClientHttpRequestFactoryBuilder.jdk()
				// HTTP/1.1: no h2c upgrade attempt on plain http, and the sandbox speaks
				// HTTP/1.1 only
				.withHttpClientCustomizer(client -> client.version(HttpClient.Version.HTTP_1_1))
				// a followed redirect could turn a POST into a GET or carry the token
				// elsewhere: report it instead
				.build(HttpClientSettings.defaults()
					.withTimeouts(settings.connectTimeout(), settings.readTimeout())
					.withRedirects(HttpRedirects.DONT_FOLLOW)))
			.build();
	}

	/**
	 * One attempt: paced, logged, and turned into an {@link Envelope} or a typed
	 * {@link ApiException}.
	 */
	static final Runnable NOTHING = () -> {
	};

	Envelope send(OutgoingRequest call) {
		return send(call, NOTHING);
	}

	/**
	 * One attempt, with {@code whenPaced} run once the request has its slot and before it
	 * leaves: the wait for the slot also covers what the caller must do first.
	 */
	Envelope send(OutgoingRequest call, Runnable whenPaced) {
		ApiToken token = this.settings.token();
		if (token == null) {
			throw new AuthApiException(call.describe(), 0, "no API token configured");
		}
		URI uri = call.uri(this.settings.url());
		String target = call.method().name() + " " + uri.getRawPath()
				+ ((uri.getRawQuery() != null) ? "?" + uri.getRawQuery() : "");
		this.pacer.acquire();
		whenPaced.run();
		long started = System.nanoTime();
		Envelope answer;
		// a stop waits a little for the answer, then abandons the request
		try (ApiWaits.Wait wait = this.pacer.waits().awaitingAnswer(call.describe() + " is not sent")) {
			try {
				RestClient.RequestBodySpec request = this.restClient.method(call.method())
					.uri(uri)
					.header(HttpHeaders.AUTHORIZATION, "Bearer " + token.value())
					.accept(MediaType.APPLICATION_JSON);
				if (call.body() != null) {
					request.contentType(MediaType.APPLICATION_JSON).body(this.json.writeValueAsBytes(call.body()));
				}
				answer = request.exchange((clientRequest, response) -> read(response), true);
			}
			catch (ResourceAccessException ex) {
				if (wait.leave()) {
					requestLog.debug("{} → abandoned by the stop ({} ms)", redact(target), millisSince(started));
					throw new AbandonedRequestException(call.describe(), ex);
				}
				String reason = redact(describe(ex));
				requestLog.debug("{} → no response: {} ({} ms)", redact(target), reason, millisSince(started));
				this.pacer.failedTransiently();
				throw new TransientApiException(call.describe(), 0, reason, null, ex);
			}
		}
		requestLog.debug("{} → {} ({} ms)", redact(target), answer.status(), millisSince(started));
		if (answer.rateLimitRemaining() != null) {
			this.pacer.remaining(answer.rateLimitRemaining(),
					(answer.rateLimitLimit() != null) ? answer.rateLimitLimit() : 0);
		}
		try {
			return check(call, answer);
		}
		catch (TransientApiException ex) {
			this.pacer.failedTransiently();
			throw ex;
		}
	}

	private Envelope read(ClientHttpResponse response) throws IOException {
		HttpHeaders headers = response.getHeaders();
		byte[] bytes = response.getBody().readAllBytes();
		JsonNode body = null;
		if (bytes.length > 0) {
			try {
				body = this.json.readTree(bytes);
			}
			catch (JacksonException notJson) {
				// kept as text for the error message
			}
		}
		return new Envelope(response.getStatusCode().value(), headers.getFirst(HttpHeaders.RETRY_AFTER),
				headers.getFirst(HttpHeaders.LOCATION), intHeader(headers, "X-RateLimit-Remaining"),
				intHeader(headers, "X-RateLimit-Limit"), body, new String(bytes, StandardCharsets.UTF_8));
	}

	private Envelope check(OutgoingRequest call, Envelope answer) {
		int status = answer.status();
		if (status >= 200 && status < 300) {
			if (answer.saysFailure()) {
				throw new RejectedApiException(call.describe(), status, message(answer),
						JsonValues.fieldErrors(answer.body().get("errors")));
			}
			return answer;
		}
		if (status == 401 || status == 403) {
			throw new AuthApiException(call.describe(), status, message(answer));
		}
		if (status == 429) {
			Duration retryAfter = answer.retryAfter(this.pacer.clock());
			this.pacer.rateLimited((retryAfter != null) ? retryAfter : this.settings.retryDelay());
			throw new TransientApiException(call.describe(), status, message(answer), retryAfter, null);
		}
		if (status == 408 || status >= 500) {
			throw new TransientApiException(call.describe(), status, message(answer),
					answer.retryAfter(this.pacer.clock()), null);
		}
		if (status >= 300 && status < 400) {
			throw new RejectedApiException(call.describe(), status,
					redact("the API answered with a redirect to " + answer.location() + "; check the API URL"),
					Map.of());
		}
		throw new RejectedApiException(call.describe(), status, message(answer),
				(answer.body() != null) ? JsonValues.fieldErrors(answer.body().get("errors")) : Map.of());
	}

	private String message(Envelope answer) {
		String message = answer.message();
		if (message == null || message.isBlank()) {
			message = answer.text().isBlank() ? null : JsonValues.abbreviate(answer.text().strip());
		}
		if (message == null) {
			HttpStatus status = HttpStatus.resolve(answer.status());
			message = (status != null) ? status.getReasonPhrase() : "HTTP " + answer.status();
		}
		return redact(message);
	}

	String redact(String text) {
		ApiToken token = this.settings.token();
		return (token != null) ? token.redact(text) : text;
	}

	private static String describe(ResourceAccessException ex) {
		// the causes say what happened on the wire (refused, unknown host, reset,
		// timeout); RestClient's own message
		// repeats the URL. The JDK client reports a refused connection as a bare
		// ClosedChannelException or
		// ConnectException without a message, so those two are named here in words.
		// a connect timeout is an HttpConnectTimeoutException caused by a
		// ConnectException:
		// named before a refused connection, or it reads "refused"
		if (hasCause(ex, HttpConnectTimeoutException.class)) {
			return "connect timeout: no connection (with its TLS handshake, for https) within the connect timeout"
					+ " (is the host reachable, the scheme right, a firewall or proxy in between?)";
		}
		if (hasCause(ex, HttpTimeoutException.class) || hasCause(ex, SocketTimeoutException.class)) {
			return "read timeout: connected, but no answer within the read timeout";
		}
		if (hasCause(ex, SSLException.class)) {
			return "TLS failure: " + innermostMessage(ex)
					+ " (is the URL https on a server that speaks it, and its certificate trusted?)";
		}
		if (hasCause(ex, UnknownHostException.class) || hasCause(ex, UnresolvedAddressException.class)) {
			return "unknown host (check the API URL)";
		}
		if (hasCause(ex, ConnectException.class)) {
			return "connection refused (is the API URL right and the server up?)";
		}
		Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
		String message = cause.getMessage();
		return cause.getClass().getSimpleName() + ((message != null && !message.isBlank()) ? ": " + message : "");
	}

	private static String innermostMessage(Throwable failure) {
		Throwable innermost = failure;
		while (innermost.getCause() != null) {
			innermost = innermost.getCause();
		}
		return (innermost.getMessage() != null) ? innermost.getMessage() : innermost.getClass().getSimpleName();
	}

	private static boolean hasCause(Throwable failure, Class<? extends Throwable> type) {
		for (Throwable cause = failure.getCause(); cause != null; cause = cause.getCause()) {
			if (type.isInstance(cause)) {
				return true;
			}
		}
		return false;
	}

	private static Integer intHeader(HttpHeaders headers, String name) {
		String value = headers.getFirst(name);
		if (value == null) {
			return null;
		}
		try {
			return Integer.valueOf(value.trim());
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	private static long millisSince(long startedNanos) {
		return Duration.ofNanos(System.nanoTime() - startedNanos).toMillis();
	}

}
