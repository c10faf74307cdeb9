package org.viewerbatch.client;

import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;

/**
 * An answer of the API: status, the headers that matter, and the JSON body ({@code null}
 * when the body was empty or not JSON, then {@code text} holds what came).
 */
record Envelope(int status, String retryAfter, String location, Integer rateLimitRemaining, Integer rateLimitLimit,
		JsonNode body, String text) {

	boolean isJson() {
		return this.body != null;
	}

	/**
	 * {@code data}; a bare top-level array counts as the data itself. Missing node when
	 * absent.
	 */
	JsonNode data() {
		if (this.body == null) {
			return MissingNode.getInstance();
		}
		return this.body.isArray() ? this.body : this.body.path("data");
	}

	/**
	 * The items of a list answer: {@code data} as an array; a Laravel paginator nested in
	 * {@code data} (its own {@code data} array); a map of objects keyed by id; nothing
	 * for {@code null} or {@code {}}. Any other shape is refused rather than read as an
	 * empty list.
	 */
	List<JsonNode> items() {
		JsonNode data = data();
		if (data.isMissingNode() || data.isNull() || data.isArray()) {
			return JsonValues.items(data);
		}
		if (data.isObject() && data.path("data").isArray()) {
			return JsonValues.items(data.get("data"));
		}
		if (data.isObject() && data.values().stream().allMatch(JsonNode::isObject)) {
			return JsonValues.items(data);
		}
		throw new IllegalArgumentException(
				"a list answer whose data is not a list: " + JsonValues.abbreviate(data.toString()));
	}

	/** The API's {@code message}, else its {@code error}, else {@code null}. */
	String message() {
		if (this.body == null || !this.body.isObject()) {
			return null;
		}
		String message = JsonValues.text(this.body.get("message"));
		return (message != null && !message.isBlank()) ? message : JsonValues.text(this.body.get("error"));
	}

	/**
	 * {@code success: false} in a 2xx answer, which some APIs send instead of an error
	 * status.
	 */
	boolean saysFailure() {
		return this.body != null && this.body.path("success").isBoolean() && !this.body.path("success").asBoolean();
	}

	/**
	 * {@code meta.pagination.last_page}, or the Laravel forms {@code meta.last_page},
	 * {@code last_page}, {@code data.last_page}.
	 */
	Integer lastPage() {
		if (this.body == null || !this.body.isObject()) {
			return null;
		}
		for (JsonNode holder : List.of(this.body.path("meta").path("pagination"), this.body.path("meta"), this.body,
				this.body.path("data"))) {
			Integer lastPage = JsonValues.integer(holder.get("last_page"));
			if (lastPage != null) {
				return lastPage;
			}
		}
		return null;
	}

	/**
	 * {@code Retry-After} as seconds or as an HTTP date; {@code null} when absent or
	 * unreadable.
	 */
	Duration retryAfter(Clock clock) {
		if (this.retryAfter == null || this.retryAfter.isBlank()) {
			return null;
		}
		String value = this.retryAfter.trim();
		try {
			long seconds = Long.parseLong(value);
			return Duration.ofSeconds(Math.max(0, seconds));
		}
		catch (NumberFormatException notSeconds) {
			// an HTTP date then
		}
		try {
			ZonedDateTime at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
			Duration wait = Duration.between(clock.instant(), at.toInstant());
			return wait.isNegative() ? Duration.ZERO : wait;
		}
		catch (DateTimeParseException notADate) {
			return null;
		}
	}

}
