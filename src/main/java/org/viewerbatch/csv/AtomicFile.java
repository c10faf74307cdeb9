package org.viewerbatch.csv;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.security.SecureRandom;

/**
 * A file written under a temporary name beside its target and renamed over the target
 * only by {@link #commit()}, so that no reader ever sees half a file and a failed run
 * leaves the old file as it was. The temporary name is {@code <target>.<random>.tmp}.
 * Closing without a commit deletes the temporary file: <pre>
 * try (AtomicFile out = AtomicFile.beside(target)) {
 *     Files.writeString(out.temp(), text);
 *     out.commit();
 * }
 * </pre>
 */
public final class AtomicFile implements AutoCloseable {

	private static final SecureRandom RANDOM = new SecureRandom();

	private final Path target;

	private final Path temp;

	private final boolean straightThrough;

	private boolean committed;

	private boolean aborted;

	private AtomicFile(Path target, Path temp, boolean straightThrough) {
		this.target = target;
		this.temp = temp;
		this.straightThrough = straightThrough;
	}

	/**
	 * Creates an empty temporary file in the target's directory (which must exist). A
	 * target that is a symbolic link stays a link: the file it points to is replaced,
	 * from a temporary file beside that file. A target that exists but is not a regular
	 * file (a FIFO, a device such as {@code /dev/stdout}) is never replaced:
	 * {@link #temp()} is the target itself, written straight through.
	 */
	public static AtomicFile beside(Path target) throws IOException {
		Path absolute = linked(target.toAbsolutePath());
		if (Files.isDirectory(absolute)) {
			throw new FileSystemException(target.toString(), null, "is a directory");
		}
		if (Files.exists(absolute) && !Files.isRegularFile(absolute)) {
			return new AtomicFile(absolute, absolute, true);
		}
		while (true) {
			Path temp = absolute
				.resolveSibling(absolute.getFileName() + "." + Long.toUnsignedString(RANDOM.nextLong(), 36) + ".tmp");
			try {
				// createFile (unlike createTempFile) gives the usual permissions: the
				// file is meant to be shared
				return new AtomicFile(absolute, Files.createFile(temp), false);
			}
			catch (FileAlreadyExistsException ex) {
				// another name, then
			}
		}
	}

	/** The file a symbolic link points to (followed to the end), else the path itself. */
	private static Path linked(Path path) throws IOException {
		Path current = path;
		for (int hops = 0; hops < 40 && Files.isSymbolicLink(current); hops++) {
			current = current.resolveSibling(Files.readSymbolicLink(current)).normalize();
		}
		return current;
	}

	public Path target() {
		return this.target;
	}

	public Path temp() {
		return this.temp;
	}

	/**
	 * Forces the temporary file to disk and renames it over the target in one atomic step
	 * (an existing target keeps its POSIX permissions). Write and close every stream on
	 * {@link #temp()} before. Repeating a commit does nothing.
	 */
	public void commit() throws IOException {
		if (this.committed) {
			return;
		}
		if (this.aborted) {
			throw new IllegalStateException(this.target + " was aborted, it cannot be committed");
		}
		if (this.straightThrough) {
			this.committed = true;
			return;
		}
		try (FileChannel channel = FileChannel.open(this.temp, StandardOpenOption.WRITE)) {
			channel.force(true);
		}
		keepPermissions();
		Files.move(this.temp, this.target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		this.committed = true;
	}

	/**
	 * Deletes the temporary file; the target is left as it was. Repeating an abort, or
	 * aborting after a commit, does nothing.
	 */
	public void abort() {
		if (this.committed || this.aborted) {
			return;
		}
		this.aborted = true;
		if (this.straightThrough) {
			return;
		}
		try {
			Files.deleteIfExists(this.temp);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot delete " + this.temp, ex);
		}
	}

	/** Aborts unless committed. */
	@Override
	public void close() {
		abort();
	}

	private void keepPermissions() throws IOException {
		PosixFileAttributeView view = Files.getFileAttributeView(this.target, PosixFileAttributeView.class);
		if (view != null && Files.exists(this.target)) {
			Files.setPosixFilePermissions(this.temp, view.readAttributes().permissions());
		}
	}

}
