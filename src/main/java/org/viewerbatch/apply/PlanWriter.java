package org.viewerbatch.apply;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

import org.springframework.batch.core.listener.SkipListener;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamWriter;

import org.viewerbatch.apply.CreateState.NotFound;
import org.viewerbatch.apply.PlannedCall.ArchiveViewer;
import org.viewerbatch.apply.PlannedCall.CreateViewer;
import org.viewerbatch.apply.PlannedCall.ViewerChange;
import org.viewerbatch.client.AbandonedRequestException;
import org.viewerbatch.client.ApiException;
import org.viewerbatch.client.AuthApiException;
import org.viewerbatch.client.NewViewer;
import org.viewerbatch.client.RejectedApiException;
import org.viewerbatch.client.TransientApiException;
import org.viewerbatch.client.Viewer;
import org.viewerbatch.client.WebWorkClient;
import org.viewerbatch.csv.CsvRow;
import org.viewerbatch.ledger.LedgerChange.Result;
import org.viewerbatch.runs.StopRequest;

/**
 * Applies row plans: the calls of one row in order, different rows concurrently (all
 * requests go through the client's one shared pacer). Spring Batch writes a chunk again
 * after a transient failure and item by item after a skip, so the writer remembers, per
 * line, what already succeeded and never sends it twice, until the row's chunk has
 * committed. Whether a create may be sent is decided by the row's {@link CreateState},
 * which is kept in the step's execution context so that it holds across restarts.
 * <p>
 * A transient failure (5xx, timeout, reset, a create still in doubt) does not fail the
 * chunk: the row is handed to {@link DeferredRows}, which reads it again once the other
 * rows are done, and the writer goes on with it from what it had done.
 * <p>
 * Once a stop is requested, no row sends another request (a request in flight is answered
 * first); a chunk whose rows are all done commits, any other fails with the stop, rolls
 * back and is planned again from a fresh snapshot when the run resumes.
 * <p>
 * Threads: {@code write}, the {@code ItemStream} methods and the skip callback run on the
 * step thread, which alone touches {@code remembered} and {@code settled}; a row's state
 * is touched by the one worker applying it, and by the step thread only once
 * {@link RowWorkers#applyAll} has returned.
 */
public final class PlanWriter implements ItemStreamWriter<RowPlan>, SkipListener<CsvRow, RowPlan> {

	/**
	 * The execution context key of a line's create state, followed by the line number.
	 */
	static final String CREATE_KEY = "apply.create.line.";

	private static final Pattern ALREADY_TAKEN = Pattern.compile("taken|exist|already|duplicate",
			Pattern.CASE_INSENSITIVE);

	private final WebWorkClient client;

	private final long workspaceId;

	private final Replanner replanner;

	private final int concurrency;

	private final ApplyListener listener;

	private final RejectionStreak streak;

	private final StopRequest stop;

	private final DeferredRows deferred;

	private final Clock clock;

	private final Map<Long, RowProgress> remembered = new HashMap<>();

	// numbers each change sent by this writer (one per execution), to match its answer
	private final AtomicLong attempts = new AtomicLong();

	// the lines written (or skipped) since the last update: their chunk commits next
	private final Set<Long> settled = new HashSet<>();

	// create states of an earlier execution, by line, until the line is read again
	private final Map<Long, CreateState> restored = new HashMap<>();

	private ExecutionContext context;

	private RowWorkers workers;

	/**
	 * @param listener told each change sent, each row done, and each row's result once
	 * its chunk is written
	 * @param stop once requested, no new request is sent
	 * @param deferred where the rows the API kept from finishing wait for a later round
	 * @param clock tells when a look-up may prove that a create did not happen
	 */
	public PlanWriter(WebWorkClient client, long workspaceId, Replanner replanner, int concurrency,
			ApplyListener listener, RejectionStreak streak, StopRequest stop, DeferredRows deferred, Clock clock) {
		this.client = client;
		this.workspaceId = workspaceId;
		this.replanner = replanner;
		this.concurrency = Math.max(1, concurrency);
		this.listener = listener;
		this.streak = streak;
		this.stop = stop;
		this.deferred = deferred;
		this.clock = clock;
	}

	@Override
	public void open(ExecutionContext executionContext) {
		this.context = executionContext;
		this.restored.clear();
		for (Map.Entry<String, Object> entry : executionContext.entrySet()) {
			if (entry.getKey().startsWith(CREATE_KEY)) {
				long line = Long.parseLong(entry.getKey().substring(CREATE_KEY.length()));
				this.restored.put(line, CreateState.restored(String.valueOf(entry.getValue()), this.clock.instant()));
			}
		}
		this.workers = new RowWorkers(this.concurrency);
	}

	/**
	 * Called in the chunk's transaction just before it commits (and never for a chunk
	 * that rolls back, which Spring Batch writes again): the rows written since are
	 * forgotten, since nothing writes them again; the creates sent for the others are
	 * kept.
	 */
	@Override
	public void update(ExecutionContext executionContext) {
		for (long line : this.settled) {
			this.remembered.remove(line);
			executionContext.remove(CREATE_KEY + line);
		}
		this.settled.clear();
		keepCreates(this.remembered.values(), executionContext);
	}

	@Override
	public void close() {
		if (this.workers != null) {
			this.workers.close();
			this.workers = null;
		}
		this.remembered.clear();
		this.settled.clear();
	}

	@Override
	public void write(Chunk<? extends RowPlan> chunk) throws Exception {
		List<RowProgress> rows = new ArrayList<>();
		for (RowPlan plan : chunk) {
			// a deferred row waits for the final pass, also when its chunk is written
			// again
			if (!this.deferred.waits(plan.line())) {
				rows.add(this.remembered.computeIfAbsent(plan.line(), line -> newRow(plan)));
			}
		}
		try {
			if (this.deferred.inFinalPass()) {
				applyInRounds(rows);
			}
			else {
				applyAll(rows);
			}
		}
		finally {
			// a chunk that fails gets no update(), but the step saves its context when
			// it fails: the creates sent must be in it
			keepCreates(rows, this.context);
			for (RowProgress row : rows) {
				if (row.deferral() != null) {
					this.deferred.defer(row.plan().source(), row.deferral());
				}
			}
		}
		RuntimeException failure = failureOf(rows);
		if (failure != null) {
			throw failure;
		}
		for (RowProgress row : rows) {
			if (row.deferral() == null) {
				this.listener.rowApplied(row.result());
				this.settled.add(row.line());
				this.deferred.settled(row.line());
			}
		}
	}

	private void applyAll(List<RowProgress> rows) throws InterruptedException {
		// the longest rows first, so that the chunk does not end waiting for one that
		// started last
		this.workers.applyAll(rows.stream().sorted(Comparator.comparingInt(RowProgress::callsLeft).reversed()).toList(),
				this::apply);
	}

	/**
	 * The final pass: the rows the API kept from finishing are tried again after each
	 * pause of {@link DeferredRows}, until they are done, the rounds are over or another
	 * failure ends the chunk.
	 */
	private void applyInRounds(List<RowProgress> rows) throws InterruptedException {
		List<RowProgress> left = rows.stream().filter(row -> !row.finished()).toList();
		for (int round = 0; !left.isEmpty() && failureOf(rows) == null && this.deferred.pauseBefore(round); round++) {
			applyAll(left);
			this.deferred.attempted();
			left = rows.stream().filter(row -> row.deferral() != null).toList();
		}
	}

	/** A row skipped after its rejection is never written again. */
	@Override
	public void onSkipInWrite(RowPlan item, Throwable failure) {
		this.settled.add(item.line());
		this.deferred.settled(item.line());
	}

	/**
	 * A deferred row that a later round's plan refuses (a snapshot that changed since) is
	 * rejected, and waits no more.
	 */
	@Override
	public void onSkipInProcess(CsvRow item, Throwable failure) {
		this.deferred.settled(item.line());
	}

	/**
	 * Rows kept for a re-write of their chunk: none once every chunk written has
	 * committed.
	 */
	int rowsRemembered() {
		return this.remembered.size();
	}

	private RowProgress newRow(RowPlan plan) {
		CreateState create = this.restored.remove(plan.line());
		return new RowProgress(plan, (create != null) ? create : CreateState.notSent());
	}

	private static void keepCreates(Iterable<RowProgress> rows, ExecutionContext executionContext) {
		for (RowProgress row : rows) {
			String key = CREATE_KEY + row.line();
			if (row.create().worthKeeping()) {
				executionContext.putString(key, row.create().persisted());
			}
			else if (executionContext.containsKey(key)) {
				executionContext.remove(key);
			}
		}
	}

	/**
	 * The one failure the chunk reports, the most severe first: an auth refusal stops the
	 * job; a systematic refusal too; a stop request with rows not done stops it (neither
	 * retried nor skipped); a transient failure makes Spring Batch write the chunk again;
	 * a refused row makes it write item by item and skip that row. A row stopped because
	 * of another's failure reports nothing of its own.
	 */
	private RuntimeException failureOf(List<RowProgress> rows) {
		RuntimeException auth = rows.stream()
			.map(RowProgress::failure)
			.filter(AuthApiException.class::isInstance)
			.findFirst()
			.orElse(null);
		if (auth != null) {
			return auth;
		}
		if (this.streak.tripped()) {
			return this.streak.failure();
		}
		if (this.stop.requested() && rows.stream().anyMatch((row) -> !row.finished())) {
			return this.stop.failure();
		}
		RuntimeException transientFailure = null;
		RuntimeException other = null;
		RuntimeException stopped = null;
		RowRejectedException rejection = null;
		for (RowProgress row : rows) {
			RuntimeException failure = row.failure();
			if (failure instanceof TransientApiException) {
				transientFailure = (transientFailure != null) ? transientFailure : failure;
			}
			else if (failure instanceof CancellationException) {
				stopped = (stopped != null) ? stopped : failure;
			}
			else if (failure != null) {
				other = (other != null) ? other : failure;
			}
			if (row.rejection() != null && rejection == null) {
				rejection = row.rejection();
			}
		}
		if (other != null) {
			return other;
		}
		if (transientFailure != null) {
			return transientFailure;
		}
		return (rejection != null) ? rejection : stopped;
	}

	private void apply(RowProgress row) {
		if (row.finished()) {
			return;
		}
		row.resume();
		try {
			if (this.streak.tripped()) {
				throw this.streak.failure();
			}
			PlannedCall call;
			while ((call = row.nextCall()) != null) {
				perform(row, call);
			}
			row.finish();
			if (row.sentAny()) {
				this.streak.applied();
			}
			this.listener.rowDone();
		}
		catch (RowRejectedException ex) {
			row.reject(ex);
			this.streak.refused(row.line(), ex.streakKey());
			if (this.streak.tripped()) {
				this.workers.stop();
			}
			this.listener.rowDone();
		}
		catch (AuthApiException | SystematicRejectionException ex) {
			// the job stops: the other rows must not send another request
			row.fail(ex);
			this.workers.stop();
		}
		catch (TransientApiException ex) {
			// says nothing about the row: it is tried again later, from where it is
			row.defer(describe(ex));
		}
		catch (CreateInDoubt ex) {
			row.defer(ex.getMessage());
		}
		catch (RuntimeException ex) {
			row.fail(ex);
		}
	}

	private void perform(RowProgress row, PlannedCall call) {
		if (call instanceof CreateViewer create) {
			create(row, create);
		}
		else {
			change(row, (ViewerChange) call);
		}
	}

	/**
	 * Sends the row's create as its {@link CreateState} allows: never a second one while
	 * one may have happened, and never on the strength of a look-up that could not yet
	 * see the first.
	 */
	private void create(RowProgress row, CreateViewer call) {
		CreateState create = row.create();
		boolean done = false;
		while (!done) {
			done = switch (create.state()) {
				case NOT_SENT -> send(row, call);
				case IN_DOUBT, TAKEN -> settleByLookUp(row);
				case DONE -> adoptCreated(row);
			};
		}
	}

	/**
	 * Sends one create.
	 * @return whether the viewer was created; if not, the create is in doubt or the email
	 * is taken, and a look-up comes next
	 */
	private boolean send(RowProgress row, CreateViewer call) {
		CreateState create = row.create();
		beforeRequest();
		row.countRequest();
		create.sending(this.clock.instant());
		long attempt = this.attempts.incrementAndGet();
		Runnable whenPaced = announce(attempt, row, call);
		try {
			Viewer created = this.client.createViewer(this.workspaceId,
					new NewViewer(call.email(), call.firstname(), call.lastname()), whenPaced);
			create.created(created.id());
			row.created(created.id());
			sent(attempt, row, call, Result.DONE, null, "viewer " + created.id());
			return true;
		}
		catch (TransientApiException ex) {
			// the create may have happened (500 after commit, a timeout)
			create.failed(describe(ex), this.clock.instant());
			sent(attempt, row, call, Result.UNCLEAR, ex);
			return false;
		}
		catch (AuthApiException ex) {
			create.refused();
			sent(attempt, row, call, Result.REFUSED, ex);
			throw ex;
		}
		catch (CancellationException ex) {
			if (!(ex instanceof AbandonedRequestException)) {
				// refused its slot by the stop: it never left
				create.refused();
				neverLeft(attempt, row, call);
			}
			throw ex;
		}
		catch (RejectedApiException ex) {
			sent(attempt, row, call, Result.REFUSED, ex);
			if (!saysAlreadyTaken(ex)) {
				create.refused();
				throw RowRejectedException.refused(row.line(), ex, "");
			}
			create.taken(this.clock.instant());
			row.takenAnswer(ex);
			return false;
		}
	}

	/**
	 * Looks the row's email up after a create in doubt or refused as taken; when the
	 * viewer exists, the row continues with it instead of creating it.
	 * @return whether the viewer was found; if not, a create may be sent again
	 * @throws CreateInDoubt when it is too early to tell: the row waits for a later round
	 */
	private boolean settleByLookUp(RowProgress row) {
		CreateState create = row.create();
		String failure = create.lastFailure();
		boolean taken = create.state() == CreateState.State.TAKEN;
		boolean takenByOurs = create.takenByOurs();
		beforeRequest();
		row.countRequest();
		Optional<Viewer> found = this.client.findViewerByEmail(this.workspaceId, row.email());
		if (found.isPresent()) {
			boolean ours = create.found(found.get().id());
			adopt(row, found.get(), ours);
			row.note(!ours ? "the API already had this email although the list did not show it" : takenByOurs
					? "the API said the email was taken after a create of this row had failed:"
							+ " that create had happened; no second invitation sent"
					: failure.isEmpty() ? "an earlier create had happened after all; no second invitation sent"
							: "the create was answered '" + failure + "' but had happened; no second invitation sent");
			return true;
		}
		NotFound verdict = create.notFound(this.clock.instant());
		if (verdict == NotFound.SEND_AGAIN) {
			return false;
		}
		if (verdict == NotFound.HIDDEN) {
			throw hiddenViewer(row);
		}
		throw new CreateInDoubt(taken
				? "the email is taken" + (takenByOurs ? ", probably by an earlier create of this row" : "")
						+ ", and the list does not show the viewer yet"
				: "a create in doubt" + (failure.isEmpty() ? "" : " (" + failure + ")")
						+ ", and the list does not show the viewer yet");
	}

	/**
	 * A create of this row happened in an earlier execution, but the plan, made from a
	 * list that may lag, still says create: the viewer is read by its id instead.
	 */
	private boolean adoptCreated(RowProgress row) {
		beforeRequest();
		row.countRequest();
		Viewer viewer;
		try {
			viewer = this.client.viewer(this.workspaceId, row.create().viewerId());
		}
		catch (RejectedApiException ex) {
			if (ex.status() != 404) {
				throw ex;
			}
			row.create().gone(this.clock.instant());
			return false;
		}
		adopt(row, viewer, true);
		row.note("created by an earlier attempt of this run; no second invitation sent");
		return true;
	}

	private void adopt(RowProgress row, Viewer viewer, boolean createdByUs) {
		RowPlan replanned = this.replanner.replan(row.plan(), viewer);
		row.adopt(viewer.id(), replanned.calls(), createdByUs && !viewer.archived());
	}

	private static RowRejectedException hiddenViewer(RowProgress row) {
		RejectedApiException answer = row.takenAnswer();
		String said = (answer != null) ? answer.apiMessage() : "The email has already been taken.";
		return new RowRejectedException(row.line(), "refused", (answer != null) ? answer.status() : null,
				said + " (the API says the email is taken, but no viewer with it can be found, also "
						+ CreateState.LIST_LAG.toSeconds() + " s later: probably an archived viewer that the API"
						+ " hides; restore it in WebWork Tracker, then import this row again)",
				null);
	}

	/**
	 * Called by a worker before each request: nothing more is sent once the chunk or the
	 * run is stopped.
	 */
	private void beforeRequest() {
		this.workers.checkNotStopped();
		this.stop.checkNotRequested();
	}

	private void change(RowProgress row, ViewerChange call) {
		beforeRequest();
		boolean repeat = row.wasInDoubt(call);
		row.countRequest();
		// in doubt from now until the answer, whatever happens to this thread
		row.inDoubt(call);
		long attempt = this.attempts.incrementAndGet();
		Runnable whenPaced = announce(attempt, row, call);
		try {
			call.send(this.client, this.workspaceId, row.viewerId(), whenPaced);
			sent(attempt, row, call, Result.DONE, null, "done");
			row.completed(call);
		}
		catch (TransientApiException ex) {
			sent(attempt, row, call, Result.UNCLEAR, ex);
			throw ex;
		}
		catch (AuthApiException ex) {
			sent(attempt, row, call, Result.REFUSED, ex);
			throw ex;
		}
		catch (CancellationException ex) {
			if (!(ex instanceof AbandonedRequestException)) {
				neverLeft(attempt, row, call);
			}
			throw ex;
		}
		catch (RejectedApiException ex) {
			sent(attempt, row, call, Result.REFUSED, ex);
			// a repeat after an unclear answer, or a snapshot gone stale: the wanted
			// state may already hold
			if (verifiable(call, ex) && alreadyHolds(row, call)) {
				if (!repeat) {
					row.note("'" + call.describe() + "' was refused (" + describe(ex) + ") but already held");
				}
				row.completed(call);
				return;
			}
			throw RowRejectedException.refused(row.line(), ex, context(row, call));
		}
	}

	/**
	 * Tells the listener a change is about to be sent, before it is: should the process
	 * end before the answer, the change is known to be in doubt.
	 * @return what to run once the request has its slot, before it leaves
	 */
	private Runnable announce(long attempt, RowProgress row, PlannedCall call) {
		return this.listener.changeSending(
				new SentChange(attempt, row.line(), row.email(), row.viewerId(), call, Result.SENT, null, ""));
	}

	/**
	 * A change announced as sent that the stop kept from its slot: the ledger says it did
	 * not happen, so that a resumed run does not look it up.
	 */
	private void neverLeft(long attempt, RowProgress row, PlannedCall call) {
		sent(attempt, row, call, Result.REFUSED, null, "not sent: the run was stopping");
	}

	private void sent(long attempt, RowProgress row, PlannedCall call, Result result, ApiException failure) {
		sent(attempt, row, call, result, (failure.status() > 0) ? failure.status() : null, describe(failure));
	}

	private void sent(long attempt, RowProgress row, PlannedCall call, Result result, Integer httpStatus,
			String answer) {
		this.listener.changeAnswered(
				new SentChange(attempt, row.line(), row.email(), row.viewerId(), call, result, httpStatus, answer));
	}

	private static boolean verifiable(ViewerChange call, RejectedApiException refusal) {
		int status = refusal.status();
		return status == 400 || status == 409 || status == 422 || (status == 404 && call instanceof ArchiveViewer);
	}

	private boolean alreadyHolds(RowProgress row, ViewerChange call) {
		beforeRequest();
		row.countRequest();
		try {
			return call.holds(this.client.viewer(this.workspaceId, row.viewerId()));
		}
		catch (RejectedApiException ex) {
			// an API that hides archived viewers answers 404 for the one just archived
			return ex.status() == 404 && call instanceof ArchiveViewer;
		}
	}

	private static String context(RowProgress row, ViewerChange call) {
		String done = row.doneSoFar();
		String failed = call.describe() + " refused";
		return done.isEmpty() ? failed : done + ", then " + failed;
	}

	private static boolean saysAlreadyTaken(RejectedApiException refusal) {
		if (refusal.status() == 409) {
			return true;
		}
		String text = refusal.apiMessage() + " " + refusal.fieldErrors();
		return (refusal.status() == 400 || refusal.status() == 422) && ALREADY_TAKEN.matcher(text).find();
	}

	private static String describe(ApiException ex) {
		return (ex.status() > 0) ? ex.status() + " " + ex.apiMessage() : ex.apiMessage();
	}

	/** A create whose fate no look-up can tell yet: the row waits for a later round. */
	private static final class CreateInDoubt extends RuntimeException {

		CreateInDoubt(String reason) {
			super(reason, null, false, false);
		}

	}

}
