package org.viewerbatch.ledger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Writes the changes of one step to the ledger, as they come, with a group commit: a
 * worker hands its change over and waits until it is written, while one thread writes
 * every change handed over meanwhile in one transaction. Each change is in the job
 * repository before its worker sends anything else (a kill -9 loses none that was
 * answered), and concurrent workers share one forced write instead of queueing for one
 * each. When the repository cannot be written, {@link #add} throws: the chunk fails and
 * the run stops.
 */
public final class ChangeJournal implements AutoCloseable {

	private static final Duration POLL = Duration.ofMillis(100);

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

	/** Records a change, and returns once it is written; called from any thread. */
	public void add(LedgerChange change) {
		if (this.closed) {
			throw new IllegalStateException("the journal is closed");
		}
		Handed handed = new Handed(change, new CompletableFuture<>());
		this.queue.add(handed);
		try {
			handed.written().get();
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

	/** Stops the writing thread once every change handed over is written. */
	@Override
	public void close() {
		this.closed = true;
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
				Handed first = this.queue.poll(POLL.toMillis(), TimeUnit.MILLISECONDS);
				if (first != null) {
					List<Handed> batch = new ArrayList<>(List.of(first));
					this.queue.drainTo(batch);
					write(batch);
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private void write(List<Handed> batch) {
		try {
			this.ledger.recordChanges(batch.stream().map(Handed::change).toList());
			batch.forEach((handed) -> handed.written().complete(null));
		}
		catch (RuntimeException ex) {
			batch.forEach((handed) -> handed.written().completeExceptionally(ex));
		}
	}

	private record Handed(LedgerChange change, CompletableFuture<Void> written) {
	}

}
