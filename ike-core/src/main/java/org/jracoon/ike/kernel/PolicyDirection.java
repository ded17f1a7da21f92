package org.jracoon.ike.kernel;

/** Which traffic a policy sees: arriving for this host, leaving it, or forwarded through it. */
public enum PolicyDirection {
    IN, OUT, FWD
}
