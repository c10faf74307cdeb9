package org.viewerbatch.client;

/**
 * A project as listed on a viewer; the name may be {@code null} when the API leaves it
 * out.
 */
public record ProjectRef(long projectId, String projectName) {
}
