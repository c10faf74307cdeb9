package org.viewerbatch.testsupport;

import java.net.URI;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import org.viewerbatch.sandbox.Sandbox;
import org.viewerbatch.sandbox.SandboxOptions;

/**
 * Runs one sandbox on a free port for a test class, back at its seed state before every
 * test. Register it on a static field: the sandbox is started when the field is
 * initialised, so it is already up when Spring evaluates a {@code @DynamicPropertySource}
 * that adds {@code viewer-batch.api.url} from {@link #apiUrl()} and
 * {@code viewer-batch.api.token} from {@link #token()}.
 */
public final class SandboxExtension implements BeforeEachCallback, AfterAllCallback {

	private final Sandbox sandbox;

	/** A sandbox with {@link SandboxOptions#defaults()}. */
	public SandboxExtension() {
		this(SandboxOptions.defaults());
	}

	/** A sandbox with these options (the port is best left 0). */
	public SandboxExtension(SandboxOptions options) {
		this.sandbox = Sandbox.start(options);
	}

	public Sandbox sandbox() {
		return this.sandbox;
	}

	public URI apiUrl() {
		return this.sandbox.apiUrl();
	}

	public String token() {
		return this.sandbox.token();
	}

	@Override
	public void beforeEach(ExtensionContext context) {
		this.sandbox.reset();
	}

	@Override
	public void afterAll(ExtensionContext context) {
		this.sandbox.close();
	}

}
