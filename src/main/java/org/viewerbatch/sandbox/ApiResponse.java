package org.viewerbatch.sandbox;

import tools.jackson.databind.JsonNode;

/**
 * The answer of one API call, with what the request log wants to know about it.
 *
 * @param viewerId the viewer the call was about (the new one for a create), null when
 * none
 * @param invitationSent true when a create committed, which sends an invitation email
 */
record ApiResponse(int status, JsonNode body, Long viewerId, boolean invitationSent) {
}
