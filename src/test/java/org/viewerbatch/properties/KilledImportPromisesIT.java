package org.viewerbatch.properties;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.constraints.IntRange;

import org.viewerbatch.sandbox.Fault;
import org.viewerbatch.sandbox.FaultPlan;
import org.viewerbatch.testsupport.FatJar;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fat jar killed with {@code kill -9} just before a chosen request of its import
 * (that request is then applied, its answer never read), then the same command run
 * in-process until it ends: the import's promises hold as if nothing had happened. Real
 * processes in real time, so a few tries: each costs a JVM start and the wait for the
 * killed process's database lock to go stale.
 */
class KilledImportPromisesIT {

	@Provide
	Arbitrary<World> worlds() {
		return Worlds.realTimeWorlds();
	}

	@Property(tries = 3, shrinking = ShrinkingMode.BOUNDED)
	void aRunKilledBetweenAnyTwoRequestsIsFinishedByTheSameCommand(@ForAll("worlds") World world,
			@ForAll @IntRange(min = 1, max = Worlds.REQUESTS) int killBefore) throws Exception {
		Expected expected = Expected.of(world);
		AtomicReference<Process> process = new AtomicReference<>();
		FaultPlan.Builder plan = FaultPlan.builder().onRequest(killBefore, Fault.before(() -> kill(process.get())));
		world.faults().forEach((rule) -> rule.addTo(plan));
		try (WorldRun run = WorldRun.inRealTime(world, plan.build())) {
			Path log = run.directory().resolve("killed.log");
			ProcessBuilder jar = FatJar.command(run.importCommand(), log).directory(run.directory().toFile());
			jar.environment().put("WEBWORK_API_TOKEN", run.sandbox().token());
			process.set(jar.start());
			assertThat(process.get().waitFor(120, TimeUnit.SECONDS)).as("the jar ended within 2 minutes").isTrue();
			CommandRun jarRun = new CommandRun(run.importCommand(), process.get().exitValue(), Files.readString(log),
					List.of());

			// killed (137), or it had fewer requests than that and ended by itself
			CommandRun last = (jarRun.exitCode() == 0 || jarRun.exitCode() == 2 || jarRun.exitCode() == 3) ? jarRun
					: run.importUntilItEnds();

			String story = world + "\nkilled before request " + killBefore + "\nruns:\n" + jarRun + "\n"
					+ String.join("\n", run.runs().stream().map(CommandRun::toString).toList());
			if (expected.refused()) {
				assertThat(last.exitCode()).as("a roster with an unreadable email: exit 2\n%s", story).isEqualTo(2);
				assertThat(run.sandbox().requestLog().writes()).as("nothing sent\n%s", story).isZero();
				return;
			}
			assertThat(last.exitCode()).as("the import ended (0, or 3 with rejects)\n%s", story)
				.isEqualTo(expected.rejectedLines().isEmpty() ? 0 : 3);
			Promises.afterImport(world, expected, run, last);
		}
	}

	/** kill -9, and wait for it to be gone, before the request is answered. */
	private static void kill(Process process) {
		if (process == null) {
			return;
		}
		try {
			process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
