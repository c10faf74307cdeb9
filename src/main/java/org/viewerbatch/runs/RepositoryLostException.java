package org.viewerbatch.runs;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Optional;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * The job repository went away during a run (its server stopped or cut off, its
 * connections ended). No write is sent before its change is recorded, so the run sent
 * nothing more; what it did is kept, and the same command resumes it once the repository
 * is back.
 */
public final class RepositoryLostException extends RuntimeException {

	/** PostgreSQL's SQLSTATE classes of a lost connection: 08 connection, 57P admin. */
	private static final String[] LOST_STATES = { "08", "57P" };

	private RepositoryLostException(String command, String where, Throwable cause) {
		super(command + " stopped: the job repository " + where + " was lost (" + innermost(cause).getMessage()
				+ "); no write is sent before it is recorded there, and what was done is kept: run the same command"
				+ " again once it is back, and it resumes", cause);
	}

	/**
	 * The failure as a lost repository, when that is what it is: a connection that cannot
	 * be had or was ended, anywhere in its causes.
	 */
	public static Optional<RepositoryLostException> of(Throwable failure, String command, String where) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof RepositoryLostException lost) {
				return Optional.of(lost);
			}
			if (lost(cause)) {
				return Optional.of(new RepositoryLostException(command, where, failure));
			}
		}
		return Optional.empty();
	}

	private static boolean lost(Throwable cause) {
		if (cause instanceof CannotCreateTransactionException || cause instanceof DataAccessResourceFailureException
				|| cause instanceof SQLTransientConnectionException) {
			return true;
		}
		if (cause instanceof SQLException sql && sql.getSQLState() != null) {
			for (String state : LOST_STATES) {
				if (sql.getSQLState().startsWith(state)) {
					return true;
				}
			}
		}
		return false;
	}

	private static Throwable innermost(Throwable failure) {
		Throwable innermost = failure;
		while (innermost.getCause() != null && innermost.getCause() != innermost) {
			innermost = innermost.getCause();
		}
		return innermost;
	}

}
