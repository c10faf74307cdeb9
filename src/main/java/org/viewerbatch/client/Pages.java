package org.viewerbatch.client;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.ToLongFunction;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import tools.jackson.databind.JsonNode;

/**
 * Walks a paged list one page at a time, only when the reader gets there. Stops at
 * {@code last_page} when the server sends it, otherwise at an empty or short page. An
 * item seen on an earlier page is not repeated (offset paging shifts when the list
 * changes meanwhile).
 */
final class Pages<T> implements Iterator<T> {

	/** One page as read: its items and the last page number when the server sent one. */
	record Page(List<JsonNode> items, Integer lastPage) {
	}

	private final IntFunction<Page> fetch;

	private final Function<JsonNode, T> parse;

	private final ToLongFunction<T> id;

	private final int perPage;

	private final Deque<T> buffer = new ArrayDeque<>();

	private final Set<Long> seen = new HashSet<>();

	private int nextPage = 1;

	private boolean lastPageRead;

	private Pages(IntFunction<Page> fetch, Function<JsonNode, T> parse, ToLongFunction<T> id, int perPage) {
		this.fetch = fetch;
		this.parse = parse;
		this.id = id;
		this.perPage = perPage;
	}

	static <T> Stream<T> stream(IntFunction<Page> fetch, Function<JsonNode, T> parse, ToLongFunction<T> id,
			int perPage) {
		Iterator<T> pages = new Pages<>(fetch, parse, id, perPage);
		return StreamSupport
			.stream(Spliterators.spliteratorUnknownSize(pages, Spliterator.ORDERED | Spliterator.NONNULL), false);
	}

	@Override
	public boolean hasNext() {
		while (this.buffer.isEmpty() && !this.lastPageRead) {
			readPage();
		}
		return !this.buffer.isEmpty();
	}

	@Override
	public T next() {
		if (!hasNext()) {
			throw new NoSuchElementException();
		}
		return this.buffer.removeFirst();
	}

	private void readPage() {
		int page = this.nextPage++;
		Page answer = this.fetch.apply(page);
		List<JsonNode> items = answer.items();
		Integer lastPage = answer.lastPage();
		this.lastPageRead = items.isEmpty() || ((lastPage != null) ? page >= lastPage : items.size() < this.perPage);
		for (JsonNode item : items) {
			T value = this.parse.apply(item);
			if (this.seen.add(this.id.applyAsLong(value))) {
				this.buffer.addLast(value);
			}
		}
	}

}
