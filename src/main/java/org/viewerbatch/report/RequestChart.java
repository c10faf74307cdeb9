package org.viewerbatch.report;

import java.util.List;
import java.util.Locale;

import org.viewerbatch.client.RequestTimeline.Minute;

/**
 * An inline SVG bar chart of requests per minute against the rate limit line; minutes
 * with 429s or retries are marked, minutes without requests (pauses) show as gaps.
 */
final class RequestChart {

	private static final int WIDTH = 600;

	private static final int HEIGHT = 200;

	private RequestChart() {
	}

	static String render(List<Minute> minutes, int rateLimit) {
		StringBuilder svg = new StringBuilder();
		svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ")
			.append(WIDTH)
			.append(' ')
			.append(HEIGHT + 20)
			.append("\" role=\"img\" aria-label=\"requests per minute\" class=\"chart\">");
		if (minutes.isEmpty()) {
			svg.append("<text x=\"10\" y=\"100\">no requests</text></svg>");
			return svg.toString();
		}
		int top = Math.max(rateLimit, minutes.stream().mapToInt(Minute::requests).max().orElse(0));
		top = Math.max(top, 1);
		double bar = (double) WIDTH / minutes.size();
		for (int i = 0; i < minutes.size(); i++) {
			Minute minute = minutes.get(i);
			double height = (double) HEIGHT * minute.requests() / top;
			String css = (minute.rateLimited() > 0 || minute.retries() > 0) ? "bar throttled" : "bar";
			svg.append(String.format(Locale.ROOT,
					"<rect class=\"%s\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\">"
							+ "<title>minute %d: %d requests, %d 429s, %d retries</title></rect>",
					css, i * bar, HEIGHT - height, Math.max(bar - 1, 1), height, i + 1, minute.requests(),
					minute.rateLimited(), minute.retries()));
		}
		if (rateLimit > 0) {
			double y = HEIGHT - (double) HEIGHT * rateLimit / top;
			svg.append(String.format(Locale.ROOT,
					"<line class=\"limit\" x1=\"0\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\"/>"
							+ "<text x=\"4\" y=\"%.1f\">limit %d/min</text>",
					y, WIDTH, y, Math.max(y - 4, 12), rateLimit));
		}
		svg.append("</svg>");
		return svg.toString();
	}

}
