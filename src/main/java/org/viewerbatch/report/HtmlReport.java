package org.viewerbatch.report;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.viewerbatch.client.RequestTimeline.Minute;
import org.viewerbatch.ledger.Outcome;
import org.viewerbatch.report.RunFacts.Reject;

/**
 * Renders a run's {@link RunFacts} as one self-contained HTML page: inline CSS and SVG,
 * no script, nothing loaded from the network; every value from the run is escaped and no
 * secret option is shown.
 */
public final class HtmlReport {

	/** Options whose values are never shown (the API token, a database password). */
	private static final Pattern SECRET = Pattern.compile("(?i).*(token|password|secret|credential).*");

	private static final int FIRST_LINES = 3;

	private static final String STYLE = """
			body{font-family:system-ui,sans-serif;margin:1rem auto;max-width:60rem;padding:0 1rem;color:#222}
			h1{font-size:1.4rem}h2{font-size:1.1rem;border-bottom:1px solid #ccc}
			table{border-collapse:collapse;width:100%}td,th{text-align:left;padding:.2rem .5rem;border-bottom:1px solid #eee}
			td.n{text-align:right;font-variant-numeric:tabular-nums}
			.chart{width:100%;height:auto}.bar{fill:#3b7dd8}.throttled{fill:#d8833b}.limit{stroke:#c00;stroke-dasharray:4}
			code{word-break:break-all}
			@media (max-width:40rem){body{font-size:.9rem}td,th{padding:.2rem}}
			@media print{body{max-width:none;color:#000}.bar{fill:#555}.throttled{fill:#999}}
			""";

	private HtmlReport() {
	}

	/** The page for a run. */
	public static String render(RunFacts facts) {
		StringBuilder html = new StringBuilder();
		String title = facts.job() + " #" + facts.executionId() + (facts.dryRun() ? " (dry run)" : "");
		html.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">")
			.append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
			.append("<title>")
			.append(escape(title))
			.append("</title><style>")
			.append(STYLE)
			.append("</style></head><body><h1>")
			.append(escape(title))
			.append("</h1>");
		outcomes(html, facts);
		rejects(html, facts.rejects());
		requests(html, facts);
		table(html, "Files", facts.files());
		table(html, "Options", visible(facts.options()));
		return html.append("</body></html>\n").toString();
	}

	private static void outcomes(StringBuilder html, RunFacts facts) {
		html.append("<h2>").append(facts.dryRun() ? "Plan" : "Outcomes").append("</h2><table>");
		for (Outcome outcome : Outcome.values()) {
			long count = facts.outcomes().getOrDefault(outcome, 0L);
			html.append("<tr><th>")
				.append(outcome.label())
				.append("</th><td class=\"n\" data-count=\"")
				.append(outcome.label())
				.append("\">")
				.append(count)
				.append("</td></tr>");
		}
		html.append("<tr><th>invitations sent</th><td class=\"n\" data-count=\"invitations\">")
			.append(facts.dryRun() ? 0 : facts.invitations())
			.append("</td></tr></table>");
	}

	private static void rejects(StringBuilder html, List<Reject> rejects) {
		if (rejects.isEmpty()) {
			return;
		}
		Map<String, List<Reject>> byReason = new LinkedHashMap<>();
		for (Reject reject : rejects) {
			byReason.computeIfAbsent(reject.reason(), (reason) -> new ArrayList<>()).add(reject);
		}
		html.append("<h2>Rejects</h2>");
		byReason.forEach((reason, group) -> {
			html.append("<h3>")
				.append(escape(reason))
				.append(" <span data-reject-count>")
				.append(group.size())
				.append("</span></h3><table>");
			group.stream()
				.limit(FIRST_LINES)
				.forEach((reject) -> html.append("<tr><td class=\"n\">line ")
					.append(reject.line())
					.append("</td><td><code>")
					.append(escape(reject.source()))
					.append("</code></td></tr>"));
			html.append("</table>");
		});
	}

	private static void requests(StringBuilder html, RunFacts facts) {
		html.append("<h2>Requests</h2><p><span data-count=\"requests\">")
			.append(facts.requests())
			.append("</span> requests in ")
			.append(format(facts.duration()))
			.append("; the rate limit of ")
			.append(facts.rateLimit())
			.append("/min allows no less than ")
			.append(format(facts.minimum()))
			.append(". 429 answers: <span data-count=\"rate-limited\">")
			.append(facts.minutes().stream().mapToInt(Minute::rateLimited).sum())
			.append("</span>; failures retried (5xx, 429, no answer): <span data-count=\"retried\">")
			.append(facts.minutes().stream().mapToInt(Minute::retries).sum())
			.append("</span>; minutes with either are drawn in orange.</p>")
			.append(RequestChart.render(facts.minutes(), facts.rateLimit()));
	}

	private static void table(StringBuilder html, String heading, Map<String, String> rows) {
		html.append("<h2>").append(heading).append("</h2><table>");
		rows.forEach((name, value) -> html.append("<tr><th>")
			.append(escape(name))
			.append("</th><td><code>")
			.append(escape(value))
			.append("</code></td></tr>"));
		html.append("</table>");
	}

	private static Map<String, String> visible(Map<String, String> options) {
		Map<String, String> visible = new LinkedHashMap<>();
		options.forEach((name, value) -> {
			if (!SECRET.matcher(name).matches()) {
				visible.put(name, value);
			}
		});
		return visible;
	}

	private static String format(Duration duration) {
		return String.format(Locale.ROOT, "%d min %02d s", duration.toMinutes(), duration.toSecondsPart());
	}

	/** The text, safe inside an HTML element or a quoted attribute. */
	static String escape(String text) {
		if (text == null) {
			return "";
		}
		StringBuilder escaped = new StringBuilder(text.length());
		for (char c : text.toCharArray()) {
			switch (c) {
				case '<' -> escaped.append("&lt;");
				case '>' -> escaped.append("&gt;");
				case '&' -> escaped.append("&amp;");
				case '"' -> escaped.append("&quot;");
				case '\'' -> escaped.append("&#39;");
				default -> escaped.append(c);
			}
		}
		return escaped.toString();
	}

}
