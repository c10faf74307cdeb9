package org.viewerbatch.sandbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A deterministic plan of the failures the sandbox injects, keyed by request number,
 * endpoint or email.
 *
 * <p>
 * Every rule sees every API request (the {@code /__sandbox} paths are not counted). All
 * matching {@link Fault#delay delays} add up, and so do all matching {@link Fault#stall
 * stalls}; of the other faults the first matching rule, in the order the rules were
 * added, wins.
 */
public final class FaultPlan {

	private final List<Rule> rules;

	private final String description;

	private FaultPlan(List<Rule> rules) {
		this.rules = List.copyOf(rules);
		this.description = rules.isEmpty() ? "none" : String.join(";", rules.stream().map(Rule::toString).toList());
	}

	public static FaultPlan none() {
		return new FaultPlan(List.of());
	}

	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Parses the command-line form: rules separated by {@code ;}, each
	 * {@code SELECTOR=FAULT} or {@code latency:MS}.
	 *
	 * <p>
	 * Selectors: {@code request:N} (the N-th request), {@code every:N},
	 * {@code endpoint:METHOD:PATH-REGEX[:NTH]} (path relative to {@code /api/v2}, NTH 0
	 * or absent = every matching request), {@code email:ADDRESS} (the first create for
	 * it), {@code random:SEED:PROBABILITY}. Faults: a status ({@code 503}), a status with
	 * Retry-After seconds ({@code 429/30}), {@code 500-after-commit}, {@code reset}
	 * (connection dropped), {@code delay:MS}, {@code stall:MS} (a delay in real time even
	 * when the sandbox's clock is fake). Example:
	 * {@code "request:5=reset;every:10=503;email:a@b.c=500-after-commit;latency:200"}.
	 */
	public static FaultPlan parse(String spec) {
		Builder builder = builder();
		if (spec == null || spec.isBlank()) {
			return builder.build();
		}
		for (String part : spec.split(";")) {
			String rule = part.trim();
			if (rule.isEmpty()) {
				continue;
			}
			try {
				parseRule(rule, builder);
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalArgumentException("bad fault rule '" + rule + "': " + ex.getMessage(), ex);
			}
		}
		return builder.build();
	}

	private static void parseRule(String rule, Builder builder) {
		if (rule.toLowerCase(Locale.ROOT).startsWith("latency:")) {
			builder.every(1, Fault.delay(Duration.ofMillis(number(rule.substring("latency:".length())))));
			return;
		}
		int equals = rule.lastIndexOf('=');
		if (equals < 0) {
			throw new IllegalArgumentException("expected SELECTOR=FAULT or latency:MS");
		}
		String selector = rule.substring(0, equals).trim();
		Fault fault = parseFault(rule.substring(equals + 1).trim());
		int colon = selector.indexOf(':');
		if (colon < 0) {
			throw new IllegalArgumentException("expected request:N, every:N, endpoint:METHOD:REGEX[:NTH], "
					+ "email:ADDRESS or random:SEED:PROBABILITY before '='");
		}
		String kind = selector.substring(0, colon).trim().toLowerCase(Locale.ROOT);
		String argument = selector.substring(colon + 1).trim();
		switch (kind) {
			case "request" -> builder.onRequest(number(argument), fault);
			case "every" -> builder.every(number(argument), fault);
			case "email" -> builder.onEmail(argument, fault);
			case "endpoint" -> {
				int methodEnd = argument.indexOf(':');
				if (methodEnd < 0) {
					throw new IllegalArgumentException("expected endpoint:METHOD:PATH-REGEX[:NTH]");
				}
				String method = argument.substring(0, methodEnd);
				String path = argument.substring(methodEnd + 1);
				long nth = 0;
				int lastColon = path.lastIndexOf(':');
				if (lastColon >= 0 && path.substring(lastColon + 1).matches("\\d+")) {
					nth = Long.parseLong(path.substring(lastColon + 1));
					path = path.substring(0, lastColon);
				}
				builder.onEndpoint(method, path, nth, fault);
			}
			case "random" -> {
				String[] parts = argument.split(":");
				if (parts.length != 2) {
					throw new IllegalArgumentException("expected random:SEED:PROBABILITY");
				}
				double probability;
				try {
					probability = Double.parseDouble(parts[1].trim());
				}
				catch (NumberFormatException ex) {
					throw new IllegalArgumentException("'" + parts[1] + "' is not a probability");
				}
				builder.randomly(number(parts[0]), probability, fault);
			}
			default -> throw new IllegalArgumentException(
					"unknown selector '" + kind + "'; expected request, every, endpoint, email or random");
		}
	}

	private static Fault parseFault(String text) {
		String fault = text.toLowerCase(Locale.ROOT);
		if (fault.equals("500-after-commit")) {
			return Fault.commitThen500();
		}
		if (fault.equals("reset") || fault.equals("drop")) {
			return Fault.dropConnection();
		}
		if (fault.startsWith("delay:")) {
			return Fault.delay(Duration.ofMillis(number(fault.substring("delay:".length()))));
		}
		if (fault.startsWith("stall:")) {
			return Fault.stall(Duration.ofMillis(number(fault.substring("stall:".length()))));
		}
		if (fault.matches("\\d{3}/\\d+")) {
			int slash = fault.indexOf('/');
			return Fault.status(Integer.parseInt(fault.substring(0, slash)),
					Duration.ofSeconds(Long.parseLong(fault.substring(slash + 1))));
		}
		if (fault.matches("\\d{3}")) {
			return Fault.status(Integer.parseInt(fault));
		}
		throw new IllegalArgumentException("unknown fault '" + text
				+ "'; expected a status (503), status/retry-after-seconds (429/30), 500-after-commit, reset, delay:MS or stall:MS");
	}

	private static long number(String text) {
		try {
			return Long.parseLong(text.trim());
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("'" + text.trim() + "' is not a whole number");
		}
	}

	/**
	 * Decides the faults of one request; called once per API request, in request-number
	 * order of arrival.
	 */
	synchronized Decision decide(RequestFacts request) {
		Duration delay = Duration.ZERO;
		Duration stall = Duration.ZERO;
		Fault terminal = null;
		for (Rule rule : this.rules) {
			// every rule sees every request so that counting rules stay deterministic
			if (rule.fires(request)) {
				if (rule.fault() instanceof Fault.Delay extra) {
					delay = delay.plus(extra.duration());
				}
				else if (rule.fault() instanceof Fault.Stall extra) {
					stall = stall.plus(extra.duration());
				}
				else if (terminal == null) {
					terminal = rule.fault();
				}
			}
		}
		return new Decision(delay, stall, terminal);
	}

	/** The same rules with their counters back at zero. */
	FaultPlan fresh() {
		return new FaultPlan(this.rules.stream().map(Rule::fresh).toList());
	}

	/** The plan in the form {@link #parse} reads, or {@code none}. */
	@Override
	public String toString() {
		return this.description;
	}

	/** What a rule may know about a request. */
	record RequestFacts(long seq, String method, String path, String email) {

		boolean isCreate() {
			return this.method.equals("POST") && this.path.equals("/project-viewers");
		}

	}

	/**
	 * The faults chosen for one request: a total extra delay (on the sandbox's
	 * {@link Pause}), a total stall (in real time) and at most one other fault (null when
	 * none).
	 */
	record Decision(Duration delay, Duration stall, Fault fault) {
	}

	private interface Rule {

		boolean fires(RequestFacts request);

		Fault fault();

		/**
		 * The rule with its own counting state reset; stateless rules return themselves.
		 */
		default Rule fresh() {
			return this;
		}

	}

	/** Collects rules in order. */
	public static final class Builder {

		private final List<Rule> rules = new ArrayList<>();

		private Builder() {
		}

		/**
		 * Request number {@code n} (1-based, counted over all API requests) gets the
		 * fault.
		 */
		public Builder onRequest(long n, Fault fault) {
			positive(n, "request number");
			this.rules.add(new OnRequest(n, fault));
			return this;
		}

		/** Every {@code n}-th API request gets the fault. */
		public Builder every(long n, Fault fault) {
			positive(n, "interval");
			this.rules.add(new Every(n, fault));
			return this;
		}

		/**
		 * The {@code nth} request matching method and path regex (relative to
		 * {@code /api/v2}) gets the fault; 0 = every one.
		 */
		public Builder onEndpoint(String method, String pathRegex, long nth, Fault fault) {
			if (nth < 0) {
				throw new IllegalArgumentException("nth must be 0 (every) or more, not " + nth);
			}
			Pattern pattern;
			try {
				pattern = Pattern.compile(pathRegex);
			}
			catch (PatternSyntaxException ex) {
				throw new IllegalArgumentException("bad path regex '" + pathRegex + "': " + ex.getDescription());
			}
			this.rules.add(new OnEndpoint(method.trim().toUpperCase(Locale.ROOT), pattern, nth, fault));
			return this;
		}

		/**
		 * The first create ({@code POST /project-viewers}) for that email
		 * (case-insensitive) gets the fault.
		 */
		public Builder onEmail(String email, Fault fault) {
			if (email == null || email.isBlank()) {
				throw new IllegalArgumentException("the email is empty");
			}
			this.rules.add(new OnEmail(email.trim(), fault));
			return this;
		}

		/**
		 * Each request gets the fault with that probability, decided by the seed and the
		 * request number only.
		 */
		public Builder randomly(long seed, double probability, Fault fault) {
			if (!(probability >= 0 && probability <= 1)) {
				throw new IllegalArgumentException("the probability must be between 0 and 1, not " + probability);
			}
			this.rules.add(new Randomly(seed, probability, fault));
			return this;
		}

		public FaultPlan build() {
			return new FaultPlan(this.rules);
		}

		private static void positive(long n, String what) {
			if (n < 1) {
				throw new IllegalArgumentException("the " + what + " must be 1 or more, not " + n);
			}
		}

	}

	private record OnRequest(long n, Fault fault) implements Rule {

		@Override
		public boolean fires(RequestFacts request) {
			return request.seq() == this.n;
		}

		@Override
		public String toString() {
			return "request:" + this.n + "=" + this.fault;
		}

	}

	private record Every(long n, Fault fault) implements Rule {

		@Override
		public boolean fires(RequestFacts request) {
			return request.seq() % this.n == 0;
		}

		@Override
		public String toString() {
			return "every:" + this.n + "=" + this.fault;
		}

	}

	private static final class OnEndpoint implements Rule {

		private final String method;

		private final Pattern path;

		private final long nth;

		private final Fault fault;

		private long seen;

		OnEndpoint(String method, Pattern path, long nth, Fault fault) {
			this.method = method;
			this.path = path;
			this.nth = nth;
			this.fault = fault;
		}

		@Override
		public Rule fresh() {
			return new OnEndpoint(this.method, this.path, this.nth, this.fault);
		}

		@Override
		public boolean fires(RequestFacts request) {
			if (!request.method().equals(this.method) || !this.path.matcher(request.path()).matches()) {
				return false;
			}
			this.seen++;
			return this.nth == 0 || this.seen == this.nth;
		}

		@Override
		public Fault fault() {
			return this.fault;
		}

		@Override
		public String toString() {
			return "endpoint:" + this.method + ":" + this.path + (this.nth == 0 ? "" : ":" + this.nth) + "="
					+ this.fault;
		}

	}

	private static final class OnEmail implements Rule {

		private final String email;

		private final Fault fault;

		private boolean fired;

		OnEmail(String email, Fault fault) {
			this.email = email;
			this.fault = fault;
		}

		@Override
		public Rule fresh() {
			return new OnEmail(this.email, this.fault);
		}

		@Override
		public boolean fires(RequestFacts request) {
			if (this.fired || !request.isCreate() || !this.email.equalsIgnoreCase(request.email())) {
				return false;
			}
			this.fired = true;
			return true;
		}

		@Override
		public Fault fault() {
			return this.fault;
		}

		@Override
		public String toString() {
			return "email:" + this.email + "=" + this.fault;
		}

	}

	private record Randomly(long seed, double probability, Fault fault) implements Rule {

		@Override
		public boolean fires(RequestFacts request) {
			// a generator per request number: the outcome does not depend on which thread
			// asked first
			return new SplittableRandom(this.seed * 0x9E3779B97F4A7C15L + request.seq())
				.nextDouble() < this.probability;
		}

		@Override
		public String toString() {
			return "random:" + this.seed + ":" + this.probability + "=" + this.fault;
		}

	}

}
