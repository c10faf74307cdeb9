package org.viewerbatch.client;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
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
 * <p>
 * A walk that reads the whole list may read ahead: once a page tells the last page
 * number, the next {@code ahead} pages are asked for at once on {@code executor} (each
 * still waits for its slot under the rate limit), so a list of many pages costs the
 * rate's time, not one round trip per page.
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

	private final int ahead;

	private final Executor executor;

	/** The pages asked for ahead, by number; read in order. */
	private final Map<Integer, CompletableFuture<Page>> requested = new HashMap<>();

	private int nextPage = 1;

	private boolean lastPageRead;

	private Pages(IntFunction<Page> fetch, Function<JsonNode, T> parse, ToLongFunction<T> id, int perPage, int ahead,
			Executor executor) {
		this.fetch = fetch;
		this.parse = parse;
		this.id = id;
		this.perPage = perPage;
		this.ahead = ahead;
		this.executor = executor;
	}

	/** A walk one page at a time: for a reader that may stop early (a search). */
	static <T> Stream<T> stream(IntFunction<Page> fetch, Function<JsonNode, T> parse, ToLongFunction<T> id,
			int perPage) {
		return stream(fetch, parse, id, perPage, 0, null);
	}

	/**
	 * A walk of the whole list, reading up to {@code ahead} pages ahead on
	 * {@code executor}.
	 */
	static <T> Stream<T> stream(IntFunction<Page> fetch, Function<JsonNode, T> parse, ToLongFunction<T> id, int perPage,
			int ahead, Executor executor) {
		Iterator<T> pages = new Pages<>(fetch, parse, id, perPage, ahead, executor);
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
		CompletableFuture<Page> early = this.requested.remove(page);
		Page answer = (early != null) ? join(early) : this.fetch.apply(page);
		List<JsonNode> items = answer.items();
		Integer lastPage = answer.lastPage();
		this.lastPageRead = items.isEmpty() || ((lastPage != null) ? page >= lastPage : items.size() < this.perPage);
		if (!this.lastPageRead && lastPage != null) {
			for (int next = page + 1; next <= Math.min(lastPage, page + this.ahead); next++) {
				int number = next;
				this.requested.computeIfAbsent(number,
						(n) -> CompletableFuture.supplyAsync(() -> this.fetch.apply(number), this.executor));
			}
		}
		for (JsonNode item : items) {
			T value = this.parse.apply(item);
			if (this.seen.add(this.id.applyAsLong(value))) {
				this.buffer.addLast(value);
			}
		}
	}

	/** The page, or the failure that ended its fetch, as the fetch itself throws it. */
	private static Page join(CompletableFuture<Page> page) {
		try {
			return page.join();
		}
		catch (CompletionException ex) {
			if (ex.getCause() instanceof RuntimeException failure) {
				throw failure;
			}
			throw ex;
		}
	}

}
