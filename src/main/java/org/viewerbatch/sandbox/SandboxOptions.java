package org.viewerbatch.sandbox;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * How to start a {@link Sandbox}: port (0 = any free one), requests per minute per token
 * (0 = no limit), latency added to every API request (a real sleep), initial state, clock
 * for the rate limit, timestamps and list lag, faults, quirks, how long a written viewer
 * stays out of the lists ({@code listLag}, on {@code clock}), and how a delay fault waits
 * ({@code pause}).
 */
public record SandboxOptions(int port, int rateLimitPerMinute, Duration latency, Seed seed, Clock clock,
		FaultPlan faultPlan, Quirks quirks, Duration listLag, Pause pause) {

	public SandboxOptions {
		if (port < 0 || port > 65535) {
			throw new IllegalArgumentException("the port must be between 0 and 65535, not " + port);
		}
		if (rateLimitPerMinute < 0) {
			throw new IllegalArgumentException("the rate limit cannot be negative: " + rateLimitPerMinute);
		}
		Objects.requireNonNull(latency, "latency");
		if (latency.isNegative()) {
			throw new IllegalArgumentException("the latency cannot be negative: " + latency);
		}
		Objects.requireNonNull(seed, "seed");
		Objects.requireNonNull(clock, "clock");
		Objects.requireNonNull(faultPlan, "faultPlan");
		Objects.requireNonNull(quirks, "quirks");
		Objects.requireNonNull(listLag, "listLag");
		if (listLag.isNegative()) {
			throw new IllegalArgumentException("the list lag cannot be negative: " + listLag);
		}
		Objects.requireNonNull(pause, "pause");
	}

	/**
	 * Port 0, 60 requests per minute, no latency, {@link Seed#defaults()}, the system
	 * clock, no faults, no quirks, no list lag, delays slept for real.
	 */
	public static SandboxOptions defaults() {
		return new SandboxOptions(0, 60, Duration.ZERO, Seed.defaults(), Clock.systemUTC(), FaultPlan.none(),
				Quirks.none(), Duration.ZERO, Pause.REAL);
	}

	public SandboxOptions withPort(int p) {
		return new SandboxOptions(p, this.rateLimitPerMinute, this.latency, this.seed, this.clock, this.faultPlan,
				this.quirks, this.listLag, this.pause);
	}

	public SandboxOptions withRateLimit(int perMinute) {
		return new SandboxOptions(this.port, perMinute, this.latency, this.seed, this.clock, this.faultPlan,
				this.quirks, this.listLag, this.pause);
	}

	public SandboxOptions withLatency(Duration d) {
		return new SandboxOptions(this.port, this.rateLimitPerMinute, d, this.seed, this.clock, this.faultPlan,
				this.quirks, this.listLag, this.pause);
	}

	public SandboxOptions withSeed(Seed s) {
		return new SandboxOptions(this.port, this.rateLimitPerMinute, this.latency, s, this.clock, this.faultPlan,
				this.quirks, this.listLag, this.pause);
	}

	public SandboxOptions withClock(Clock c) {
		return new SandboxOptions(this.port, this.rateLimitPerMinute, this.latency, this.seed, c, this.faultPlan,
				this.quirks, this.listLag, this.pause);
	}

	public SandboxOptions withFaultPlan(FaultPlan f) {
		return new SandboxOptions(this.port, this.rateLimitPerMinute, this.latency, this.seed, this.clock, f,
				this.quirks, this.listLag, this.pause);
	}

	public SandboxOptions withQuirks(Quirks q) {
		return new SandboxOptions(this.port, this.rateLimitPerMinute, this.latency, this.seed, this.clock,
				this.faultPlan, q, this.listLag, this.pause);
	}

	/**
	 * A viewer created, archived, restored or given other projects shows so in the list
	 * and its email filter only that long after the write (on the sandbox's clock);
	 * {@code GET /project-viewers/{id}} is current at once.
	 */
	public SandboxOptions withListLag(Duration lag) {
		return new SandboxOptions(this.port, this.rateLimitPerMinute, this.latency, this.seed, this.clock,
				this.faultPlan, this.quirks, lag, this.pause);
	}

	/** How a delay fault waits: {@link Pause#REAL} or a fake clock's sleep. */
	public SandboxOptions withPause(Pause p) {
		return new SandboxOptions(this.port, this.rateLimitPerMinute, this.latency, this.seed, this.clock,
				this.faultPlan, this.quirks, this.listLag, p);
	}

}
