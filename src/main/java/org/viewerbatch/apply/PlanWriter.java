package org.viewerbatch.apply;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamWriter;

import org.viewerbatch.apply.PlannedCall.ArchiveViewer;
import org.viewerbatch.apply.PlannedCall.CreateViewer;
import org.viewerbatch.apply.PlannedCall.ViewerChange;
import org.viewerbatch.client.ApiException;
import org.viewerbatch.client.AuthApiException;
import org.viewerbatch.client.NewViewer;
import org.viewerbatch.client.RejectedApiException;
import org.viewerbatch.client.TransientApiException;
import org.viewerbatch.client.Viewer;
import org.viewerbatch.client.WebWorkClient;

/**
 * Applies row plans: the calls of one row in order, different rows concurrently (all
 * requests go through the client's one shared pacer). Spring Batch writes a chunk again
 * after a transient failure and item by item after a skip, so the writer remembers, per
 * line, what already succeeded and never sends it twice; a create is never repeated
 * before a look-up has shown that the first one did not happen.
 */
public final class PlanWriter implements ItemStreamWriter<RowPlan> {

	/**
	 * Creates for one row, counting those answered by a transient failure that a look-up
	 * showed did not happen.
	 */
	static final int MAX_CREATE_ATTEMPTS = 3;

	private static final Pattern ALREADY_TAKEN = Pattern.compile("taken|exist|already|duplicate",
			Pattern.CASE_INSENSITIVE);

	private final WebWorkClient client;

	private final long workspaceId;

	private final Replanner replanner;

	private final int concurrency;

	private final Consumer<RowResult> results;

	private final RejectionStreak streak;

	private final Runnable rowDone;

	private final Map<Long, RowProgress> remembered = new ConcurrentHashMap<>();

	private ExecutorService workers;

	/**
	 * @param results takes each applied row's result once its chunk is written
	 * @param rowDone told from a worker thread whenever a row is done (for progress)
	 */
	public PlanWriter(WebWorkClient client, long workspaceId, Replanner replanner, int concurrency,
			Consumer<RowResult> results, RejectionStreak streak, Runnable rowDone) {
		this.client = client;
		this.workspaceId = workspaceId;
		this.replanner = replanner;
		this.concurrency = Math.max(1, concurrency);
		this.results = results;
		this.streak = streak;
		this.rowDone = rowDone;
	}

	@Override
	public void open(ExecutionContext executionContext) {
		AtomicInteger count = new AtomicInteger();
		this.workers = Executors.newFixedThreadPool(this.concurrency, task -> {
			Thread thread = new Thread(task, "import-" + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
	}

	@Override
	public void close() {
		if (this.workers != null) {
			this.workers.shutdownNow();
			this.workers = null;
		}
	}

	@Override
	public void write(Chunk<? extends RowPlan> chunk) throws Exception {
		List<Future<RowProgress>> running = new ArrayList<>();
		for (RowPlan plan : chunk) {
			RowProgress row = this.remembered.computeIfAbsent(plan.line(), line -> new RowProgress(plan));
			running.add(this.workers.submit(() -> apply(row)));
		}
		List<RowProgress> rows = new ArrayList<>();
		for (Future<RowProgress> task : running) {
			rows.add(await(task));
		}
		RuntimeException failure = failureOf(rows);
		if (failure != null) {
			throw failure;
		}
		for (RowProgress row : rows) {
			this.results.accept(row.result());
		}
	}

	private static RowProgress await(Future<RowProgress> task) throws InterruptedException {
		try {
			return task.get();
		}
		catch (ExecutionException ex) {
			// apply() keeps every failure in the row; only an Error can get here
			throw new IllegalStateException("a worker failed: " + ex.getCause(), ex.getCause());
		}
	}

	/**
	 * The one failure the chunk reports, the most severe first: an auth refusal stops the
	 * job; a systematic refusal too; a transient failure makes Spring Batch write the
	 * chunk again; a refused row makes it write item by item and skip that row.
	 */
	private RuntimeException failureOf(List<RowProgress> rows) {
		RuntimeException transientFailure = null;
		RuntimeException other = null;
		RowRejectedException rejection = null;
		for (RowProgress row : rows) {
			RuntimeException failure = row.failure();
			if (failure instanceof AuthApiException) {
				return failure;
			}
			if (failure instanceof TransientApiException && transientFailure == null) {
				transientFailure = failure;
			}
			else if (failure != null && !(failure instanceof TransientApiException) && other == null) {
				other = failure;
			}
			if (row.rejection() != null && rejection == null) {
				rejection = row.rejection();
			}
		}
		if (this.streak.tripped()) {
			return this.streak.failure();
		}
		if (other != null) {
			return other;
		}
		return (transientFailure != null) ? transientFailure : rejection;
	}

	private RowProgress apply(RowProgress row) {
		if (row.finished()) {
			return row;
		}
		if (this.streak.tripped()) {
			row.fail(this.streak.failure());
			return row;
		}
		try {
			PlannedCall call;
			while ((call = row.nextCall()) != null) {
				perform(row, call);
			}
			row.finish();
			if (row.sentAny()) {
				this.streak.applied();
			}
			this.rowDone.run();
		}
		catch (RowRejectedException ex) {
			row.reject(ex);
			this.streak.refused(row.line(), ex.streakKey());
			this.rowDone.run();
		}
		catch (RuntimeException ex) {
			row.fail(ex);
		}
		return row;
	}

	private void perform(RowProgress row, PlannedCall call) {
		if (call instanceof CreateViewer create) {
			create(row, create);
		}
		else {
			change(row, (ViewerChange) call);
		}
	}

	private void create(RowProgress row, CreateViewer call) {
		if (row.createInDoubt() && adoptExisting(row, true)) {
			return;
		}
		while (true) {
			int attempt = row.createAttempt();
			row.countRequest();
			try {
				Viewer created = this.client.createViewer(this.workspaceId,
						new NewViewer(call.email(), call.firstname(), call.lastname()));
				row.created(created.id());
				return;
			}
			catch (TransientApiException ex) {
				// the create may have happened (500 after commit, a timeout): find out
				// before creating again
				row.createInDoubt(true);
				if (adoptExisting(row, true)) {
					row.note("the create was answered '" + describe(ex)
							+ "' but had happened; no second invitation sent");
					return;
				}
				if (attempt >= MAX_CREATE_ATTEMPTS) {
					throw ex;
				}
			}
			catch (RejectedApiException ex) {
				if (!saysAlreadyTaken(ex)) {
					throw RowRejectedException.refused(row.line(), ex, "");
				}
				// after an earlier attempt in doubt, the email is taken by our own first
				// create
				boolean ours = attempt > 1;
				if (adoptExisting(row, ours)) {
					row.note(ours ? "an earlier create had happened after all; no second invitation sent"
							: "the API already had this email although the list did not show it");
					return;
				}
				throw RowRejectedException.refusedForThisRow(row.line(), ex, ex.apiMessage()
						+ " (the API says the email is taken, but no viewer with it can be found: probably an archived"
						+ " viewer that the API hides; restore it in WebWork Tracker, then import this row again)");
			}
		}
	}

	/**
	 * Looks the row's email up; when the viewer exists, the row continues with it instead
	 * of creating it.
	 */
	private boolean adoptExisting(RowProgress row, boolean createdByUs) {
		row.countRequest();
		Optional<Viewer> found = this.client.findViewerByEmail(this.workspaceId, row.email());
		if (found.isEmpty()) {
			return false;
		}
		Viewer viewer = found.get();
		RowPlan replanned = this.replanner.replan(row.plan(), viewer);
		row.adopt(viewer.id(), replanned.calls(), createdByUs && !viewer.archived());
		return true;
	}

	private void change(RowProgress row, ViewerChange call) {
		row.countRequest();
		try {
			call.send(this.client, this.workspaceId, row.viewerId());
			row.completed(call);
		}
		catch (TransientApiException ex) {
			row.inDoubt(call);
			throw ex;
		}
		catch (RejectedApiException ex) {
			// a repeat after an unclear answer, or a snapshot gone stale: the wanted
			// state may already hold
			if (verifiable(call, ex) && alreadyHolds(row, call)) {
				if (!row.wasInDoubt(call)) {
					row.note("'" + call.describe() + "' was refused (" + describe(ex) + ") but already held");
				}
				row.completed(call);
				return;
			}
			throw RowRejectedException.refused(row.line(), ex, context(row, call));
		}
	}

	private static boolean verifiable(ViewerChange call, RejectedApiException refusal) {
		int status = refusal.status();
		return status == 400 || status == 409 || status == 422 || (status == 404 && call instanceof ArchiveViewer);
	}

	private boolean alreadyHolds(RowProgress row, ViewerChange call) {
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

}
