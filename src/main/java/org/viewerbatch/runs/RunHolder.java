package org.viewerbatch.runs;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;

/**
 * The run that holds a workspace's guard: its machine, its process and since when.
 *
 * @param host the machine's host name
 * @param pid the process id on that machine
 * @param started when it took the guard
 */
public record RunHolder(String host, long pid, Instant started) {

	/** This process, now. */
	public static RunHolder current() {
		return new RunHolder(hostName(), ProcessHandle.current().pid(), Instant.now());
	}

	private static String hostName() {
		try {
			return InetAddress.getLocalHost().getHostName();
		}
		catch (UnknownHostException ex) {
			String name = System.getenv("HOSTNAME");
			return (name != null && !name.isBlank()) ? name : "unknown host";
		}
	}

}
