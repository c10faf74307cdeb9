package org.viewerbatch.ledger;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Writes the changes of one step to the ledger, as they come, with a group commit: one
 * thread writes every change handed over meanwhile in one transaction, so concurrent
 * workers share one forced write instead of queueing for one each. A worker waits for a
 * change about to be sent to be written before the request leaves ({@link #await}), so a
 * kill -9 cannot lose a change that reached the API, only its answer. When the repository
 * cannot be written, that wait or the next {@link #flush} throws: the chunk fails and the
 * run stops.
 */
public final class ChangeJournal implements AutoCloseable {

	private final RunLedger ledger;

	private final LinkedBlockingQueue<Handed> queue = new LinkedBlockingQueue<>();

	private final Thread writer;

	private volatile boolean closed;

	public ChangeJournal(RunLedger ledger) {
		this.ledger = ledger;
		this.writer = new Thread(this::writeAsTheyCome, "ledger-journal");
		this.writer.setDaemon(true);
		this.writer.start();
	}

	/**
	 * Hands a change over to be written; called from any thread.
	 * @return done once it is written ({@link #await})
	 */
	public CompletableFuture<Void> add(LedgerChange change) {
		if (this.closed) {
			throw new IllegalStateException("the journal is closed");
		}
		Handed handed = new Handed(change, new CompletableFuture<>());
		this.queue.add(handed);
		return handed.written();
	}

	/** Returns once every change handed over so far is written. */
	public void flush() {
		CompletableFuture<Void> last = add(null);
		await(last);
	}

	/** Returns once the change is written, or throws why it could not be. */
	public static void await(CompletableFuture<Void> written) {
		try {
			written.get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while the change was recorded", ex);
		}
		catch (ExecutionException ex) {
			throw (ex.getCause() instanceof RuntimeException failure) ? failure
					: new IllegalStateException(ex.getCause());
		}
	}

	/**
	 * Stops the writing thread once every change handed over is written: a marker like
	 * {@link #flush}'s wakes it, so the end of a step does not wait.
	 */
	@Override
	public void close() {
		this.closed = true;
		this.queue.add(new Handed(null, new CompletableFuture<>()));
		try {
			this.writer.join();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private void writeAsTheyCome() {
		try {
			while (!this.closed || !this.queue.isEmpty()) {
				List<Handed> batch = new ArrayList<>(List.of(this.queue.take()));
				this.queue.drainTo(batch);
				write(batch);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private void write(List<Handed> batch) {
		try {
			// a flush hands over null: it only waits for the changes before it
			this.ledger.recordChanges(batch.stream().map(Handed::change).filter(Objects::nonNull).toList());
			batch.forEach((handed) -> handed.written().complete(null));
		}
		catch (RuntimeException ex) {
			batch.forEach((handed) -> handed.written().completeExceptionally(ex));
		}
	}

	private record Handed(LedgerChange change, CompletableFuture<Void> written) {
	}

}
