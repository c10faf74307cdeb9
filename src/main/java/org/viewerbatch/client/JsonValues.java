package org.viewerbatch.client;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * Reads single JSON values the tolerant way the API needs: the two variants of its
 * reference disagree on types, and other endpoints use other date formats.
 */
final class JsonValues {

	private JsonValues() {
	}

	/**
	 * An id sent as an integer or as a numeric string; {@code null} when absent or not a
	 * number.
	 */
	static Long id(JsonNode node) {
		if (node == null || node.isNull() || node.isMissingNode()) {
			return null;
		}
		if (node.isIntegralNumber() && node.canConvertToLong()) {
			return node.asLong();
		}
		if (node.isString()) {
			try {
				return Long.valueOf(node.stringValue().trim());
			}
			catch (NumberFormatException ex) {
				return null;
			}
		}
		return null;
	}

	/** An id that must be there. */
	static long requiredId(JsonNode object, String field, String what) {
		Long id = id(object.get(field));
		if (id == null) {
			throw new IllegalArgumentException(
					what + " without a numeric '" + field + "': " + abbreviate(object.toString()));
		}
		return id;
	}

	/**
	 * A text value; numbers and booleans as their text, {@code null} for null, absent,
	 * objects and arrays.
	 */
	static String text(JsonNode node) {
		if (node == null || node.isNull() || node.isMissingNode() || node.isContainer()) {
			return null;
		}
		return node.asString();
	}

	/** An integer sent as a number or a numeric string; {@code null} otherwise. */
	static Integer integer(JsonNode node) {
		Long value = id(node);
		return (value != null && value >= Integer.MIN_VALUE && value <= Integer.MAX_VALUE) ? value.intValue() : null;
	}

	/**
	 * An instant from ISO-8601 with an offset, {@code YYYY-MM-DD HH:MM:SS} (UTC,
	 * optionally with fractions such as microseconds), a date alone (start of that day,
	 * UTC) or epoch seconds; {@code null} when absent or unreadable (an odd date must not
	 * cost a whole export).
	 */
	static Instant instant(JsonNode node) {
		if (node != null && node.isIntegralNumber()) {
			return Instant.ofEpochSecond(node.asLong());
		}
		String text = text(node);
		if (text == null || text.isBlank()) {
			return null;
		}
		String iso = text.trim();
		if (iso.length() > 10 && iso.charAt(10) == ' ') {
			iso = iso.substring(0, 10) + 'T' + iso.substring(11);
		}
		try {
			return OffsetDateTime.parse(iso).toInstant();
		}
		catch (DateTimeParseException notWithOffset) {
			// fall through to the forms without an offset
		}
		try {
			return LocalDateTime.parse(iso).toInstant(ZoneOffset.UTC);
		}
		catch (DateTimeParseException notLocal) {
			// fall through
		}
		try {
			return LocalDate.parse(iso).atStartOfDay().toInstant(ZoneOffset.UTC);
		}
		catch (DateTimeParseException notADate) {
			return null;
		}
	}

	/**
	 * The items of an array; an object counts as its values (some APIs send keyed maps),
	 * anything else as none.
	 */
	static List<JsonNode> items(JsonNode node) {
		List<JsonNode> items = new ArrayList<>();
		if (node != null && node.isContainer()) {
			node.values().forEach(items::add);
		}
		return items;
	}

	/**
	 * A Laravel-style {@code errors} map: field → messages (a single string counts as one
	 * message).
	 */
	static Map<String, List<String>> fieldErrors(JsonNode errors) {
		Map<String, List<String>> result = new LinkedHashMap<>();
		if (errors == null || !errors.isObject()) {
			return result;
		}
		for (Map.Entry<String, JsonNode> entry : errors.properties()) {
			List<String> messages = new ArrayList<>();
			if (entry.getValue().isArray()) {
				entry.getValue().values().forEach(message -> addText(messages, message));
			}
			else {
				addText(messages, entry.getValue());
			}
			result.put(entry.getKey(), List.copyOf(messages));
		}
		return result;
	}

	private static void addText(List<String> messages, JsonNode node) {
		String text = text(node);
		if (text != null) {
			messages.add(text);
		}
	}

	static String abbreviate(String text) {
		return (text.length() <= 200) ? text : text.substring(0, 200) + "…";
	}

}
