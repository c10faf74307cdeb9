package org.viewerbatch.client;

/** What it takes to create (and invite) a project viewer. */
public record NewViewer(String email, String firstname, String lastname) {
}
