package org.viewerbatch.properties;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.viewerbatch.sandbox.Fault;
import org.viewerbatch.sandbox.FaultPlan;

/**
 * One generated world: the workspace before the import, the file, the options, what fails
 * on the way and when the run is interrupted. Its {@code toString} is what a failing
 * property reports, so it reads as the world, not as Java objects.
 *
 * @param viewers the workspace's viewers before the run
 * @param rows the file's data rows, in order (line 2 is the first)
 * @param options the import's options
 * @param faults what the sandbox does wrong, by request number or email
 * @param stops the request numbers (counted over every run of the world) before which a
 * stop is requested, as a SIGTERM requests it
 * @param listLag how long a write takes to show in the sandbox's list
 * @param pauseBetweenRuns how long (on the fake clock) the user takes to run the same
 * command again
 */
record World(List<Person> viewers, List<Row> rows, Options options, List<FailureRule> faults, List<Integer> stops,
		Duration listLag, Duration pauseBetweenRuns) {

	/** The projects of the workspace; 999 is none of them. */
	static final List<Long> PROJECTS = List.of(101L, 102L, 103L, 104L);

	static final long UNKNOWN_PROJECT = 999;

	/** The header of every generated file. */
	static final String HEADER = "email,firstname,lastname,projects,action";

	/** The file's text: the header, then each row. */
	String file() {
		return HEADER + "\n"
				+ this.rows.stream().map(Row::csv).map((line) -> line + "\n").collect(Collectors.joining());
	}

	/**
	 * The sandbox's plan: the failures, and a stop requested before each stop request.
	 */
	FaultPlan faultPlan(Runnable stop) {
		FaultPlan.Builder plan = FaultPlan.builder();
		// a stop comes first: a failure on the same request would hide it
		this.stops.stream().distinct().forEach((n) -> plan.onRequest(n, Fault.before(stop)));
		this.faults.forEach((rule) -> rule.addTo(plan));
		return plan.build();
	}

	@Override
	public String toString() {
		return "World[\n  workspace: " + this.viewers + "\n  file:\n    " + file().strip().replace("\n", "\n    ")
				+ "\n  options: " + this.options + "\n  faults: " + this.faults + "\n  stops before requests: "
				+ this.stops + "\n  list lag: " + this.listLag.toSeconds() + " s, next run after "
				+ this.pauseBetweenRuns.toSeconds() + " s\n]";
	}

	/** A viewer of the workspace before the run. */
	record Person(String email, boolean archived, Set<Long> projects) {

		@Override
		public String toString() {
			return this.email + (this.archived ? " archived " : " active ") + this.projects;
		}

	}

	/** One data row, cell by cell as the file has it. */
	record Row(String email, String firstname, String lastname, String projects, String action) {

		String csv() {
			return String.join(",", List.of(this.email, this.firstname, this.lastname, this.projects, this.action));
		}

		/**
		 * Whether every cell is blank: a line such as {@code ,,,,} that spreadsheets
		 * write, skipped like a blank line (no data line).
		 */
		boolean blank() {
			return List.of(this.email, this.firstname, this.lastname, this.projects, this.action)
				.stream()
				.allMatch(String::isBlank);
		}

	}

	/** Whether the file has a data line (a row with a cell that is not blank). */
	boolean hasDataLines() {
		return rows().stream().anyMatch((row) -> !row.blank());
	}

	/** The import's options. */
	record Options(boolean syncProjects, boolean archiveMissing, int chunkSize) {

		List<String> arguments() {
			List<String> arguments = new ArrayList<>(List.of("--chunk-size", Integer.toString(this.chunkSize),
					"--allow-delete", "--max-deletes", "1000"));
			if (this.syncProjects) {
				arguments.add("--sync-projects");
			}
			if (this.archiveMissing) {
				arguments.add("--archive-missing");
			}
			return arguments;
		}

		@Override
		public String toString() {
			return String.join(" ", arguments());
		}

	}

	/** A failure the sandbox injects. */
	sealed interface FailureRule {

		void addTo(FaultPlan.Builder plan);

		/** The N-th request (over every run) answers 503, changing nothing. */
		record Unavailable(int request) implements FailureRule {
			@Override
			public void addTo(FaultPlan.Builder plan) {
				plan.onRequest(this.request, Fault.status(503));
			}
		}

		/** The N-th request's connection is dropped before anything is done. */
		record Reset(int request) implements FailureRule {
			@Override
			public void addTo(FaultPlan.Builder plan) {
				plan.onRequest(this.request, Fault.dropConnection());
			}
		}

		/** The N-th request is answered 429 with Retry-After. */
		record TooMany(int request, int retryAfterSeconds) implements FailureRule {
			@Override
			public void addTo(FaultPlan.Builder plan) {
				plan.onRequest(this.request, Fault.status(429, Duration.ofSeconds(this.retryAfterSeconds)));
			}
		}

		/** The first create for that email is applied, then answered 500. */
		record CommittedThen500(String email) implements FailureRule {
			@Override
			public void addTo(FaultPlan.Builder plan) {
				plan.onEmail(this.email, Fault.commitThen500());
			}
		}

		/** The N-th request is answered that late, on the fake clock (no real time). */
		record Slow(int request, int seconds) implements FailureRule {
			@Override
			public void addTo(FaultPlan.Builder plan) {
				plan.onRequest(this.request, Fault.delay(Duration.ofSeconds(this.seconds)));
			}
		}

		/**
		 * The N-th request is answered after the client's read timeout, in real time: it
		 * gave up, and the request is applied after that.
		 */
		record TimedOut(int request) implements FailureRule {
			@Override
			public void addTo(FaultPlan.Builder plan) {
				plan.onRequest(this.request, Fault.stall(RunHooks.READ_TIMEOUT.multipliedBy(3).dividedBy(2)));
			}
		}

		/** Each request fails with 503 with this probability, decided by the seed. */
		record Flaky(long seed, double probability) implements FailureRule {
			@Override
			public void addTo(FaultPlan.Builder plan) {
				plan.randomly(this.seed, this.probability, Fault.status(503));
			}
		}

	}

}
