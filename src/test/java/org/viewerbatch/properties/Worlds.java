package org.viewerbatch.properties;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

import org.viewerbatch.properties.World.FailureRule;
import org.viewerbatch.properties.World.Options;
import org.viewerbatch.properties.World.Person;
import org.viewerbatch.properties.World.Row;

/**
 * Generates small worlds: a few viewers (active and archived, with projects), a file of
 * up to 15 rows about them and about new people (deletes, changed projects, bad rows,
 * duplicates, mixed case), the options, a fault plan and stop requests. Each part shrinks
 * towards less: fewer rows, no faults, no stops, no lag.
 */
final class Worlds {

	/** The people a world is made of; the first four may be in the workspace already. */
	static final List<String> PEOPLE = List.of("ann@example.com", "bo@example.com", "cy@example.com", "dee@example.com",
			"eve@example.com", "fay@example.com");

	/** The highest request number a fault or a stop is set on. */
	static final int REQUESTS = 40;

	private Worlds() {
	}

	static Arbitrary<World> worlds() {
		return Combinators.combine(workspaces(), rows().list().ofMaxSize(15), options(), faults().list().ofMaxSize(4),
				Arbitraries.integers().between(1, REQUESTS).list().ofMaxSize(2), seconds(0, 3, 10), seconds(0, 1, 5))
			.as(World::new);
	}

	/**
	 * Worlds for a process killed with {@code kill -9}: in real time, so only failures
	 * that cost none (503, reset, 500 after commit), no stop and no list lag.
	 */
	static Arbitrary<World> realTimeWorlds() {
		Arbitrary<Integer> request = Arbitraries.integers().between(1, REQUESTS);
		Arbitrary<FailureRule> fault = Arbitraries.oneOf(request.map(FailureRule.Unavailable::new),
				request.map(FailureRule.Reset::new), Arbitraries.of(PEOPLE).map(FailureRule.CommittedThen500::new));
		return Combinators
			.combine(workspaces(), rows().list().ofMinSize(1).ofMaxSize(15), options(), fault.list().ofMaxSize(3))
			.as((viewers, rows, options, faults) -> new World(viewers, rows, options, faults, List.of(), Duration.ZERO,
					Duration.ZERO));
	}

	static Arbitrary<List<Person>> workspaces() {
		return Combinators.combine(PEOPLE.subList(0, 4).stream().map(Worlds::maybePerson).toList())
			.as((people) -> people.stream().filter(Objects::nonNull).toList());
	}

	private static Arbitrary<Person> maybePerson(String email) {
		return Combinators.combine(Arbitraries.of(false, true), Arbitraries.subsetOf(World.PROJECTS))
			.as((archived, projects) -> new Person(email, archived, Set.copyOf(projects)))
			.injectNull(0.3);
	}

	static Arbitrary<Row> rows() {
		Arbitrary<String> names = Arbitraries.frequencyOf(Tuple.of(6, Arbitraries.just("Given")),
				Tuple.of(1, Arbitraries.just("")));
		Arbitrary<String> action = Arbitraries.frequency(Tuple.of(6, ""), Tuple.of(2, "delete"), Tuple.of(1, "upsert"));
		return Combinators.combine(emails(), names, projectCells(), action)
			.as((email, name, projects, act) -> new Row(email, name, name.isEmpty() ? "" : "Person", projects, act));
	}

	/** An address of the world in some spelling, now and then one that is no address. */
	private static Arbitrary<String> emails() {
		Arbitrary<String> spelled = Combinators.combine(Arbitraries.of(PEOPLE), Arbitraries.of(Spelling.class))
			.as((email, spelling) -> spelling.of(email));
		return Arbitraries.frequencyOf(Tuple.of(10, spelled), Tuple.of(1, Arbitraries.of("not-an-email", "ann@", "")));
	}

	/** Ids of the workspace's projects, now and then one it does not have. */
	private static Arbitrary<String> projectCells() {
		return Combinators
			.combine(Arbitraries.subsetOf(World.PROJECTS), Arbitraries.frequency(Tuple.of(8, false), Tuple.of(1, true)))
			.as((ids, unknown) -> Stream
				.concat(ids.stream().sorted(), unknown ? Stream.of(World.UNKNOWN_PROJECT) : Stream.empty())
				.map(String::valueOf)
				.collect(Collectors.joining(";")));
	}

	static Arbitrary<Options> options() {
		return Combinators.combine(Arbitraries.of(false, true), Arbitraries.of(false, true), Arbitraries.of(2, 5, 50))
			.as(Options::new);
	}

	static Arbitrary<FailureRule> faults() {
		Arbitrary<Integer> request = Arbitraries.integers().between(1, REQUESTS);
		return Arbitraries.frequencyOf(Tuple.of(3, request.map(FailureRule.Unavailable::new)),
				Tuple.of(3, request.map(FailureRule.Reset::new)),
				Tuple.of(2,
						Combinators.combine(request, Arbitraries.integers().between(1, 30))
							.as(FailureRule.TooMany::new)),
				Tuple.of(3, Arbitraries.of(PEOPLE).map(FailureRule.CommittedThen500::new)),
				Tuple.of(2,
						Combinators.combine(request, Arbitraries.integers().between(1, 60)).as(FailureRule.Slow::new)),
				// real time: an answer after the client's read timeout costs about a
				// second
				Tuple.of(1, request.map(FailureRule.TimedOut::new)),
				Tuple.of(1, Combinators.combine(Arbitraries.longs().between(1, 1000), Arbitraries.of(0.05, 0.1, 0.2))
					.as(FailureRule.Flaky::new)));
	}

	private static Arbitrary<Duration> seconds(int... choices) {
		return Arbitraries.of(Arrays.stream(choices).boxed().toList()).map(Duration::ofSeconds);
	}

	/**
	 * How a file may spell an address: emails are matched trimmed and case-insensitively.
	 */
	enum Spelling {

		AS_IS, UPPER, CAPITALISED, PADDED;

		String of(String email) {
			return switch (this) {
				case AS_IS -> email;
				case UPPER -> email.toUpperCase(Locale.ROOT);
				case CAPITALISED ->
					Character.toUpperCase(email.charAt(0)) + email.substring(1, email.indexOf('@')) + "@Example.COM";
				case PADDED -> " " + email + " ";
			};
		}

	}

}
