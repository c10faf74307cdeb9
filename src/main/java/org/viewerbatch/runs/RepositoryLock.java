package org.viewerbatch.runs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive lock on a job repository directory, held for the whole run, so that a
 * second process fails at once with a clear message instead of waiting 10 s for HSQLDB's
 * own lock and failing with a stack trace.
 */
public final class RepositoryLock implements AutoCloseable {

	static final String FILE_NAME = "viewer-batch.lock";

	private final FileChannel channel;

	private final FileLock lock;

	private RepositoryLock(FileChannel channel, FileLock lock) {
		this.channel = channel;
		this.lock = lock;
	}

	/**
	 * Takes the lock on {@code directory} (created when missing) without waiting.
	 * @throws RepositoryLockedException when another process (or this one) holds it
	 */
	public static RepositoryLock acquire(Path directory) {
		Path file = directory.resolve(FILE_NAME);
		FileChannel channel = null;
		try {
			Files.createDirectories(directory);
			channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
			FileLock lock = channel.tryLock();
			if (lock == null) {
				throw new RepositoryLockedException(directory);
			}
			return new RepositoryLock(channel, lock);
		}
		catch (OverlappingFileLockException ex) {
			// this JVM holds it already (an in-process run, or a test)
			closeQuietly(channel);
			throw new RepositoryLockedException(directory);
		}
		catch (RepositoryLockedException ex) {
			closeQuietly(channel);
			throw ex;
		}
		catch (IOException ex) {
			closeQuietly(channel);
			throw new UncheckedIOException("cannot lock " + file + ": " + ex.getMessage(), ex);
		}
	}

	@Override
	public void close() {
		try {
			this.lock.release();
		}
		catch (IOException ex) {
			// the channel is closed next, which releases the lock anyway
		}
		closeQuietly(this.channel);
	}

	private static void closeQuietly(FileChannel channel) {
		if (channel == null) {
			return;
		}
		try {
			channel.close();
		}
		catch (IOException ex) {
			// nothing left to release
		}
	}

}
