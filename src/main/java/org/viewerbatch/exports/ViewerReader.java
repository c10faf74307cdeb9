package org.viewerbatch.exports;

import java.util.Iterator;
import java.util.stream.Stream;

import org.springframework.batch.infrastructure.item.support.AbstractItemCountingItemStreamItemReader;

import org.viewerbatch.client.WebWorkClient;
import org.viewerbatch.runs.StopRequest;

/**
 * Streams the workspace's viewers page by page into export rows: only the current page is
 * ever in memory. Once a stop is requested it reads nothing more, so no further page is
 * requested. Not final: it is a step-scoped bean, which Spring proxies by subclassing.
 */
class ViewerReader extends AbstractItemCountingItemStreamItemReader<ExportRow> {

	private final WebWorkClient client;

	private final long workspaceId;

	private final ExportFormat format;

	private final StopRequest stop;

	private Stream<ExportRow> rows;

	private Iterator<ExportRow> iterator;

	private long viewersRead;

	ViewerReader(WebWorkClient client, long workspaceId, ExportFormat format, StopRequest stop) {
		this.client = client;
		this.workspaceId = workspaceId;
		this.format = format;
		this.stop = stop;
		setName("exportViewersReader");
		// a restarted export writes a new file from its first line, so it must read from
		// the first viewer too
		setSaveState(false);
	}

	@Override
	protected void doOpen() {
		this.viewersRead = 0;
		// lazy: the first page is requested by the first read, the next one when this
		// page is used up
		this.rows = this.client.viewers(this.workspaceId)
			.peek((viewer) -> this.viewersRead++)
			.flatMap(this.format::rows);
		this.iterator = this.rows.iterator();
	}

	@Override
	protected ExportRow doRead() {
		this.stop.checkNotRequested();
		return this.iterator.hasNext() ? this.iterator.next() : null;
	}

	@Override
	protected void doClose() {
		if (this.rows != null) {
			this.rows.close();
			this.rows = null;
			this.iterator = null;
		}
	}

	/** Viewers received from the API so far, before any status filter. */
	long viewersRead() {
		return this.viewersRead;
	}

}
