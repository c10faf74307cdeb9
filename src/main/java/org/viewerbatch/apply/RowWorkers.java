package org.viewerbatch.apply;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The worker threads that apply the rows of one write, and the means to stop them. A row
 * is handed to one worker, which alone touches its state until {@link #applyAll} returns;
 * {@code applyAll} never returns (normally or not) while a worker still runs one of its
 * rows, so the caller may then read every row's state.
 */
final class RowWorkers implements AutoCloseable {

	private final ExecutorService pool;

	// guarded by itself: the threads running a row now (the ones a stop interrupts)
	private final Set<Thread> busy = new HashSet<>();

	private volatile boolean stopped;

	RowWorkers(int threads) {
		AtomicInteger count = new AtomicInteger();
		this.pool = Executors.newFixedThreadPool(threads, task -> {
			Thread thread = new Thread(task, "import-" + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
	}

	/**
	 * Applies every row on the workers and waits until all are done or stopped.
	 * @throws InterruptedException when the calling thread is interrupted: the workers
	 * are stopped and awaited first
	 */
	<R> void applyAll(List<R> rows, Consumer<R> apply) throws InterruptedException {
		this.stopped = false;
		List<Future<?>> tasks = new ArrayList<>();
		for (R row : rows) {
			tasks.add(this.pool.submit(() -> run(row, apply)));
		}
		boolean done = false;
		try {
			for (Future<?> task : tasks) {
				await(task);
			}
			done = true;
		}
		finally {
			if (!done) {
				stop();
				awaitUninterruptibly(tasks);
			}
		}
	}

	/**
	 * Stops the rows of the current {@link #applyAll}: rows not started yet send nothing,
	 * running ones are interrupted and send nothing more (see {@link #checkNotStopped}).
	 */
	void stop() {
		this.stopped = true;
		synchronized (this.busy) {
			for (Thread thread : this.busy) {
				if (thread != Thread.currentThread()) {
					thread.interrupt();
				}
			}
		}
	}

	/** Called by a worker before each request. */
	void checkNotStopped() {
		if (this.stopped) {
			throw new CancellationException("stopped: another row's failure ended the chunk");
		}
	}

	private <R> void run(R row, Consumer<R> apply) {
		Thread me = Thread.currentThread();
		synchronized (this.busy) {
			this.busy.add(me);
		}
		try {
			apply.accept(row);
		}
		finally {
			synchronized (this.busy) {
				this.busy.remove(me);
			}
			// a stop can interrupt this thread only while it is busy: clear what is left
			// so the next row does not start interrupted
			Thread.interrupted();
		}
	}

	private static void await(Future<?> task) throws InterruptedException {
		try {
			task.get();
		}
		catch (ExecutionException ex) {
			// the apply function keeps every failure in its row; only an Error gets here
			throw new IllegalStateException("a worker failed: " + ex.getCause(), ex.getCause());
		}
	}

	private static void awaitUninterruptibly(List<Future<?>> tasks) {
		boolean interrupted = false;
		for (Future<?> task : tasks) {
			while (true) {
				try {
					task.get();
					break;
				}
				catch (InterruptedException ex) {
					interrupted = true;
				}
				catch (ExecutionException ex) {
					break;
				}
			}
		}
		if (interrupted) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public void close() {
		stop();
		this.pool.shutdownNow();
	}

}
