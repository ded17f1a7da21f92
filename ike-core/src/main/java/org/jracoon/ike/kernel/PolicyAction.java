package org.jracoon.ike.kernel;

/** What a policy does with matching packets (RFC 4301 4.4.1: BYPASS, DISCARD, PROTECT). */
public enum PolicyAction {
    /** Pass without IPsec. */
    NONE,
    DISCARD,
    /** Require the policy's ipsec requests. */
    IPSEC
}
