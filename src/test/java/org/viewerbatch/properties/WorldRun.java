package org.viewerbatch.properties;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.viewerbatch.properties.Expected.State;
import org.viewerbatch.properties.World.Person;
import org.viewerbatch.sandbox.FaultPlan;
import org.viewerbatch.sandbox.Sandbox;
import org.viewerbatch.sandbox.SandboxOptions;
import org.viewerbatch.sandbox.SandboxViewer;
import org.viewerbatch.testsupport.FakeTime;

/**
 * A world set up for real: its own sandbox (on the fake clock, with the world's list lag
 * and fault plan) holding the workspace, a directory with the file and the job
 * repository; then the command lines a user runs against it, in-process.
 */
final class WorldRun implements AutoCloseable {

	/**
	 * How often the same command is run at most before the run counts as never ending.
	 */
	static final int MOST_RUNS = 8;

	private final World world;

	private final Sandbox sandbox;

	private final Path directory;

	private final Path file;

	private final List<CommandRun> runs = new ArrayList<>();

	private final boolean fakeTime;

	private WorldRun(World world, boolean fakeTime, FaultPlan plan) throws IOException {
		this.world = world;
		this.fakeTime = fakeTime;
		this.directory = Files.createTempDirectory("world-");
		this.file = Files.writeString(this.directory.resolve("roster.csv"), world.file());
		SandboxOptions options = fakeTime
				? SandboxOptions.defaults()
					.withRateLimit(60)
					.withClock(FakeTime.CLOCK)
					.withPause(FakeTime.CLOCK::sleep)
					.withListLag(world.listLag())
				: SandboxOptions.defaults().withRateLimit(0).withListLag(world.listLag());
		this.sandbox = Sandbox.start(options.withFaultPlan(plan));
		for (Person person : world.viewers()) {
			this.sandbox.store()
				.addViewer(1, person.email(), "Known", "Person", person.archived() ? "inactive" : "active",
						person.projects());
		}
	}

	/**
	 * The world on the fake clock shared by the sandbox and the in-process runs, at the
	 * documented 60 requests a minute; its stops requested as a SIGTERM requests them.
	 */
	static WorldRun onFakeTime(World world) {
		return start(world, true, world.faultPlan(RunHooks::stopTheRun));
	}

	/**
	 * The world in real time (for a process started from the jar), with no rate limit and
	 * this fault plan.
	 */
	static WorldRun inRealTime(World world, FaultPlan plan) {
		return start(world, false, plan);
	}

	private static WorldRun start(World world, boolean fakeTime, FaultPlan plan) {
		try {
			return new WorldRun(world, fakeTime, plan);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	Sandbox sandbox() {
		return this.sandbox;
	}

	Path file() {
		return this.file;
	}

	Path results() {
		return this.directory.resolve("roster.results.csv");
	}

	Path rejects() {
		return this.directory.resolve("roster.rejects.csv");
	}

	/** The directory of the file and of the job repository. */
	Path directory() {
		return this.directory;
	}

	/** Every command run so far, for the report of a failing try. */
	List<CommandRun> runs() {
		return this.runs;
	}

	/**
	 * The import, then the same command again while it ends at 1 (stopped or failed
	 * part-way), at most {@link #MOST_RUNS} times; the last run.
	 */
	CommandRun importUntilItEnds() {
		CommandRun last = null;
		for (int i = 0; i < MOST_RUNS; i++) {
			last = run(importCommand());
			if (last.exitCode() != 1) {
				return last;
			}
		}
		return last;
	}

	/** The same import again with {@code --rerun}, without faults, later. */
	CommandRun rerun() {
		quietLater();
		List<String> command = importCommand();
		command.add("--rerun");
		return run(command);
	}

	/** {@code undo EXECUTION_ID}, without faults, later. */
	CommandRun undo(long executionId) {
		quietLater();
		List<String> command = common();
		command.addAll(List.of("undo", Long.toString(executionId), "--allow-delete", "--dir",
				this.directory.resolve("undo").toString()));
		return run(command);
	}

	/** Every viewer of the workspace now, by key. */
	Map<String, State> workspace() {
		Map<String, State> state = new TreeMap<>();
		for (SandboxViewer viewer : this.sandbox.store().viewers(1)) {
			state.put(Expected.key(viewer.email()), new State(viewer.archived(), viewer.projectIds()));
		}
		return state;
	}

	/**
	 * A minute later, by when the list is current, with the faults over and every request
	 * of the runs before answered: a request held past the client's read timeout is still
	 * applied by the sandbox, and its fault (a stop of the run) still acted on, once its
	 * hold is over.
	 */
	private void quietLater() {
		awaitEveryRequestAnswered();
		FakeTime.CLOCK.advance(Duration.ofMinutes(1));
		this.sandbox.faultPlan(FaultPlan.none());
	}

	/**
	 * Waits, for at most 30 s, until the sandbox has answered every request it received.
	 */
	void awaitEveryRequestAnswered() {
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		while (this.sandbox.requestsReceived() > this.sandbox.requestLog().all().size()) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError("the sandbox still holds a request 30 s after the run");
			}
			try {
				Thread.sleep(10);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new AssertionError("interrupted while waiting for the sandbox", ex);
			}
		}
	}

	/** The import's command line (after {@code java -jar viewer-batch.jar}). */
	List<String> importCommand() {
		List<String> command = common();
		command.add("import-viewers");
		command.add(this.file.toString());
		command.addAll(this.world.options().arguments());
		return command;
	}

	private List<String> common() {
		return new ArrayList<>(
				List.of("--api-url", this.sandbox.apiUrl().toString(), "--workspace", "1", "--job-repository",
						this.directory.resolve("home").toString(), "--rate-limit", this.fakeTime ? "60" : "6000"));
	}

	private CommandRun run(List<String> command) {
		CommandRun run = CommandRun.execute(command, this.sandbox.token(), this.sandbox.requestLog(), this.fakeTime);
		this.runs.add(run);
		if (this.fakeTime) {
			FakeTime.CLOCK.advance(this.world.pauseBetweenRuns());
		}
		return run;
	}

	@Override
	public void close() {
		// a held request of this world must not act (stop a run) in the next one's
		awaitEveryRequestAnswered();
		this.sandbox.close();
		try (Stream<Path> paths = Files.walk(this.directory)) {
			paths.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
