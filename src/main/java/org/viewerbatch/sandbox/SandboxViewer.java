package org.viewerbatch.sandbox;

import java.time.Instant;
import java.util.Collections;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * A project viewer as the sandbox stores it; {@code archived} viewers are the
 * soft-deleted ones (status {@code inactive}).
 */
public record SandboxViewer(long id, String email, String firstname, String lastname, String status,
		Instant memberSince, Set<Long> projectIds, boolean archived) {

	public SandboxViewer {
		Objects.requireNonNull(email, "email");
		// sorted so that the JSON lists projects in a stable order
		projectIds = Collections.unmodifiableSortedSet(new TreeSet<>(projectIds == null ? Set.of() : projectIds));
	}

	SandboxViewer archive() {
		return new SandboxViewer(this.id, this.email, this.firstname, this.lastname, "inactive", this.memberSince,
				this.projectIds, true);
	}

	SandboxViewer restore() {
		return new SandboxViewer(this.id, this.email, this.firstname, this.lastname, "active", this.memberSince,
				this.projectIds, false);
	}

	SandboxViewer withProjects(Set<Long> projects) {
		return new SandboxViewer(this.id, this.email, this.firstname, this.lastname, this.status, this.memberSince,
				projects, this.archived);
	}

}
