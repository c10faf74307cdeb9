package org.viewerbatch.imports;

/**
 * One line of the results file.
 */
record RowResult(long line, String email, Long viewerId, String outcome, int requests, String detail) {
}
