package org.viewerbatch.sandbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * One API request after routing: its input is the query merged with the JSON body (the
 * body wins), as Laravel's {@code $request->input()} sees it.
 */
record ApiRequest(Route route, Long viewerId, Map<String, String> query, JsonNode body) {

	private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+");

	/** The raw input value, or null when absent or JSON null. */
	JsonNode input(String field) {
		if (this.body != null && this.body.isObject() && this.body.hasNonNull(field)) {
			return this.body.get(field);
		}
		String value = this.query.get(field);
		return value == null ? null : JsonNodeFactory.instance.stringNode(value);
	}

	String inputText(String field) {
		JsonNode value = input(field);
		return (value == null || !value.isValueNode()) ? null : value.asString();
	}

	/**
	 * Collects Laravel-style validation messages and fails with the first one, "(and N
	 * more errors)".
	 */
	static final class Validation {

		private final ApiRequest request;

		private final List<String> errors = new ArrayList<>();

		Validation(ApiRequest request) {
			this.request = request;
		}

		Long requiredInteger(String field) {
			JsonNode value = this.request.input(field);
			if (value == null || (value.isString() && value.asString().isBlank())) {
				this.errors.add("The " + label(field) + " field is required.");
				return null;
			}
			return integer(field, value);
		}

		Long optionalInteger(String field) {
			JsonNode value = this.request.input(field);
			return value == null ? null : integer(field, value);
		}

		String requiredString(String field) {
			JsonNode value = this.request.input(field);
			if (value == null || (value.isString() && value.asString().isBlank())) {
				this.errors.add("The " + label(field) + " field is required.");
				return null;
			}
			if (!value.isString()) {
				this.errors.add("The " + label(field) + " field must be a string.");
				return null;
			}
			if (value.asString().length() > 255) {
				this.errors.add("The " + label(field) + " field must not be greater than 255 characters.");
				return null;
			}
			return value.asString().trim();
		}

		String requiredEmail(String field) {
			String value = requiredString(field);
			if (value != null && !EMAIL.matcher(value).matches()) {
				this.errors.add("The " + label(field) + " field must be a valid email address.");
				return null;
			}
			return value;
		}

		Long between(String field, Long value, long min, long max) {
			if (value != null && (value < min || value > max)) {
				this.errors
					.add(max >= Integer.MAX_VALUE ? "The " + label(field) + " field must be at least " + min + "."
							: "The " + label(field) + " field must be between " + min + " and " + max + ".");
				return null;
			}
			return value;
		}

		void check() {
			if (this.errors.isEmpty()) {
				return;
			}
			String message = this.errors.get(0);
			if (this.errors.size() == 2) {
				message += " (and 1 more error)";
			}
			else if (this.errors.size() > 2) {
				message += " (and " + (this.errors.size() - 1) + " more errors)";
			}
			throw new ApiError(400, message);
		}

		private Long integer(String field, JsonNode value) {
			if (value.isIntegralNumber() && value.canConvertToLong()) {
				return value.asLong();
			}
			if (value.isString() && value.asString().trim().matches("-?\\d{1,18}")) {
				return Long.parseLong(value.asString().trim());
			}
			this.errors.add("The " + label(field) + " field must be an integer.");
			return null;
		}

		private static String label(String field) {
			return field.replace('_', ' ');
		}

	}

}
