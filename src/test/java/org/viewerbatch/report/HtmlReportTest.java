package org.viewerbatch.report;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.viewerbatch.client.RequestTimeline.Minute;
import org.viewerbatch.ledger.Outcome;
import org.viewerbatch.report.RunFacts.Reject;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The run report's page: counts marked for readers and tests, CSV content shown as text,
 * no secret, a chart even without requests.
 */
class HtmlReportTest {

	private static RunFacts facts(Map<Outcome, Long> outcomes, List<Reject> rejects, List<Minute> minutes,
			Map<String, String> options) {
		return new RunFacts("import-viewers", 7, false, options, outcomes, rejects, minutes, 60, Duration.ofMinutes(3),
				Map.of("input", "viewers.csv", "results", "viewers.results.csv"));
	}

	@Test
	void marksTheCountOfEveryOutcomeAndTheInvitations() {
		String html = HtmlReport.render(facts(Map.of(Outcome.CREATED, 4L, Outcome.UNCHANGED, 2L), List.of(),
				List.of(new Minute(6, 0, 0)), Map.of()));
		assertThat(html).contains("data-count=\"created\">4<", "data-count=\"unchanged\">2<",
				"data-count=\"rejected\">0<", "data-count=\"invitations\">4<", "data-count=\"requests\">6<");
	}

	@Test
	void showsHtmlFromTheCsvAsText() {
		String html = HtmlReport.render(facts(Map.of(Outcome.REJECTED, 1L),
				List.of(new Reject("invalid email", 2, "<script>alert(1)</script>@example.com,Eve")), List.of(),
				Map.of()));
		assertThat(html).doesNotContain("<script").contains("&lt;script&gt;alert(1)&lt;/script&gt;@example.com");
	}

	@Test
	void neverShowsTheTokenOrADatabasePassword() {
		Map<String, String> options = new LinkedHashMap<>();
		options.put("--token", "planted-token-4711");
		options.put("--job-repository-password", "planted-password-0815");
		options.put("--chunk-size", "50");
		String html = HtmlReport.render(facts(Map.of(), List.of(), List.of(), options));
		assertThat(html).doesNotContain("planted-token-4711", "planted-password-0815").contains("--chunk-size");
	}

	@Test
	void drawsAChartWithoutRequests() {
		String html = HtmlReport.render(facts(Map.of(), List.of(), List.of(), Map.of()));
		assertThat(html).contains("<svg", "no requests", "data-count=\"requests\">0<");
	}

	@Test
	void groupsARunOfOnlyRejectsByReasonWithTheirFirstLines() {
		List<Reject> rejects = List.of(new Reject("invalid email", 2, "a"), new Reject("invalid email", 3, "b"),
				new Reject("invalid email", 4, "c"), new Reject("invalid email", 5, "d"),
				new Reject("unknown project", 6, "e"));
		String html = HtmlReport.render(facts(Map.of(Outcome.REJECTED, 5L), rejects, List.of(), Map.of()));
		assertThat(html)
			.contains("invalid email <span data-reject-count>4<", "unknown project <span data-reject-count>1<",
					"line 4<", "line 6<")
			.doesNotContain("line 5<");
	}

	@Test
	void marksMinutesWith429sAndDrawsTheLimit() {
		String svg = RequestChart.render(List.of(new Minute(60, 0, 0), new Minute(0, 0, 0), new Minute(30, 2, 2)), 60);
		assertThat(svg).contains("class=\"limit\"", "bar throttled", "minute 2: 0 requests");
	}

	@Test
	void theMinimumDurationIsRequestsOverTheRateLimit() {
		RunFacts facts = facts(Map.of(), List.of(), List.of(new Minute(60, 0, 0), new Minute(30, 0, 0)), Map.of());
		assertThat(facts.minimum()).isEqualTo(Duration.ofSeconds(90));
	}

}
