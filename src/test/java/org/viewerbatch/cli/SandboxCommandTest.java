package org.viewerbatch.cli;

import java.io.BufferedReader;
import java.io.PipedReader;
import java.io.PipedWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SandboxCommandTest {

	@Test
	void printsTheUrlAndTokenAndServesTheApiUntilInterrupted() throws Exception {
		PipedReader pipe = new PipedReader();
		PrintWriter out = new PrintWriter(new PipedWriter(pipe), true);
		StringWriter err = new StringWriter();
		ViewerBatchCommand root = new ViewerBatchCommand(Map.of(), new BatchContext(), ExitCodes.STANDARD);
		AtomicReference<Thread> runner = new AtomicReference<>();
		CompletableFuture<Integer> exitCode = CompletableFuture.supplyAsync(() -> {
			runner.set(Thread.currentThread());
			int code = ViewerBatchCommand.commandLine(root, out, new PrintWriter(err, true))
				.execute("sandbox", "--port", "0", "--rate-limit", "1000", "-q");
			out.close();
			return code;
		});

		BufferedReader lines = new BufferedReader(pipe);
		String url = lines.readLine();
		String token = lines.readLine();
		assertThat(url).matches("API URL: http://127\\.0\\.0\\.1:\\d+/api/v2/");
		assertThat(token).isEqualTo("Token:   sandbox-token");
		HttpResponse<String> workspaces = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(url.substring("API URL: ".length()) + "workspaces"))
				.header("Authorization", "Bearer sandbox-token")
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(workspaces.statusCode()).isEqualTo(200);
		assertThat(workspaces.headers().firstValue("X-RateLimit-Limit")).contains("1000");

		runner.get().interrupt();
		assertThat(exitCode.get(10, TimeUnit.SECONDS)).isZero();
		assertThat(lines.readLine()).isNull();
	}

}
