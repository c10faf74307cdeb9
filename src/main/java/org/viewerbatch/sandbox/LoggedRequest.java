package org.viewerbatch.sandbox;

import java.time.Instant;

/**
 * One API request as the sandbox answered it.
 *
 * <p>
 * {@code seq} is the 1-based request number that fault plans refer to; {@code path} is
 * relative to {@code /api/v2} (e.g. {@code /project-viewers/1001/restore}); {@code token}
 * is redacted to its first characters; {@code status} is 0 when the connection was
 * dropped without a response; {@code faulted} marks answers that came from the fault plan
 * rather than from the API's rules.
 */
public record LoggedRequest(long seq, Instant at, String method, String path, String query, String token, String email,
		Long viewerId, Long projectId, int status, boolean faulted) {
}
