package org.viewerbatch.csv;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Locale;

/**
 * The check an input file passes before anything opens it: it must be a regular file (a
 * symbolic link to one is fine) of at most {@link #MAX_SIZE} bytes, named by its own
 * path. An import reads its file more than once (for its checksum, to check it, to apply
 * it) and writes its results beside it, so a pipe, a device, a directory or standard
 * input cannot be one: opening a FIFO blocks until a writer comes, {@code /dev/zero}
 * never ends, and {@code /dev/stdin} has {@code /dev} beside it.
 */
public final class RegularFile {

	/** 1 GB: far more than any roster of viewers, far less than an hour of reading. */
	public static final long MAX_SIZE = 1_000_000_000L;

	private static final String GIVE_A_FILE = "give the path of a CSV file";

	private static final String PIPE = "a pipe";

	// the file type bits of st_mode (POSIX)
	private static final int TYPE_MASK = 0170000;

	private static final int FIFO = 0010000;

	private static final int CHARACTER_DEVICE = 0020000;

	private static final int BLOCK_DEVICE = 0060000;

	private static final int SOCKET = 0140000;

	/** Links followed at most while looking for a file descriptor, as the kernel does. */
	private static final int MAX_LINKS = 40;

	private RegularFile() {
	}

	/**
	 * Refuses {@code file} unless it is a regular file of at most 1 GiB, named by its own
	 * path; reads only its attributes, never its content.
	 * @throws InputFileException saying what it is instead
	 */
	public static void require(Path file) {
		BasicFileAttributes attributes;
		try {
			attributes = Files.readAttributes(file, BasicFileAttributes.class);
		}
		catch (NoSuchFileException ex) {
			throw new InputFileException(file, 0,
					Files.isSymbolicLink(file) ? "is a symbolic link to a file that does not exist" : "no such file");
		}
		catch (AccessDeniedException ex) {
			throw new InputFileException(file, 0, "cannot read the file (permission denied)", ex);
		}
		catch (IOException ex) {
			throw new InputFileException(file, 0, "cannot read the file: " + ex.getMessage(), ex);
		}
		if (attributes.isDirectory()) {
			throw new InputFileException(file, 0, "is a directory: " + GIVE_A_FILE);
		}
		if (!attributes.isRegularFile()) {
			String kind = kind(file);
			throw new InputFileException(file, 0, "is " + kind + ", not a regular file: " + (kind.equals(PIPE)
					? "save what it gives to a file and give that file's path (an import reads its file more than once)"
					: GIVE_A_FILE));
		}
		if (namesFileDescriptor(file)) {
			throw new InputFileException(file, 0,
					"is an open file descriptor (such as standard input), not the path of "
							+ "a file: give the CSV file's own path (its results are written beside it)");
		}
		if (attributes.size() > MAX_SIZE) {
			throw new InputFileException(file, 0, "is " + gigabytes(attributes.size())
					+ ", larger than any roster could be (the limit is 1 GB): check that this is the right file");
		}
	}

	/** What a file that is neither a regular file nor a directory is: "a pipe". */
	private static String kind(Path file) {
		int mode;
		try {
			mode = (Integer) Files.getAttribute(file, "unix:mode");
		}
		catch (IOException | UnsupportedOperationException | IllegalArgumentException ex) {
			return "a device, pipe or socket";
		}
		return switch (mode & TYPE_MASK) {
			case FIFO -> PIPE;
			case CHARACTER_DEVICE -> "a character device";
			case BLOCK_DEVICE -> "a block device";
			case SOCKET -> "a socket";
			default -> "not a regular file";
		};
	}

	/**
	 * Whether {@code file} reaches a regular file only through {@code /proc/PID/fd}
	 * ({@code /dev/stdin}, {@code /dev/fd/3} with input redirected from a file): the name
	 * is that of a descriptor, and the results would be written beside it, in
	 * {@code /dev}.
	 */
	private static boolean namesFileDescriptor(Path file) {
		Path path = file.toAbsolutePath().normalize();
		try {
			for (int link = 0; link <= MAX_LINKS && path.getParent() != null; link++) {
				Path here = path.getParent().toRealPath().resolve(path.getFileName());
				if (inProcFd(here)) {
					return true;
				}
				if (!Files.isSymbolicLink(here)) {
					return false;
				}
				path = here.resolveSibling(Files.readSymbolicLink(here)).normalize();
			}
		}
		catch (IOException ex) {
			// readable a moment ago: the content is read next, and says what is wrong
		}
		return false;
	}

	/** {@code /proc/PID/fd/N}. */
	private static boolean inProcFd(Path path) {
		return path.getNameCount() == 4 && path.startsWith("/proc") && path.getName(2).toString().equals("fd");
	}

	/** Rounded up, so that a file over the limit never shows as 1.00 GB. */
	private static String gigabytes(long bytes) {
		return String.format(Locale.ROOT, "%.2f GB", Math.ceil(bytes / 10_000_000.0) / 100);
	}

}
