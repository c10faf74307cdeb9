package org.viewerbatch.exports;

import org.viewerbatch.client.ProjectRef;
import org.viewerbatch.client.Viewer;

/**
 * One line of an export file.
 *
 * @param viewer the viewer the line is about
 * @param project the project of an assignments line; {@code null} in the viewers format
 */
record ExportRow(Viewer viewer, ProjectRef project) {
}
