package org.viewerbatch.runs;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Another run, on this machine or another, holds the guard of the workspace.
 */
public final class WorkspaceBusyException extends RuntimeException {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
		.withZone(ZoneOffset.UTC);

	private final long workspaceId;

	private final RunHolder holder;

	WorkspaceBusyException(long workspaceId, RunHolder holder) {
		super("workspace " + workspaceId + " is busy");
		this.workspaceId = workspaceId;
		this.holder = holder;
	}

	/**
	 * The one line that says who holds the workspace: its machine, process, execution
	 * ({@code null} when unknown) and since when, and what to do.
	 */
	public String describe(Long executionId) {
		String who = (this.holder != null)
				? "the run of " + this.holder.host() + " pid " + this.holder.pid()
						+ ((executionId != null) ? " (execution " + executionId + ")" : "") + " since "
						+ TIME.format(this.holder.started())
				: "another run" + ((executionId != null) ? " (execution " + executionId + ")" : "");
		return "workspace " + this.workspaceId + " is in use by " + who
				+ "; one run per workspace at a time: wait for it to end, then run the same command again";
	}

	public long workspaceId() {
		return this.workspaceId;
	}

}
