package org.jracoon.ike.policy;

/**
 * racoon's {@code nat_traversal} (RFC 3947): whether the NAT-T vendor IDs and NAT-D payloads
 * are exchanged, and whether UDP encapsulation is used even when no NAT is found.
 */
public enum NatTraversal {
    /** No NAT-T vendor IDs; a peer behind a NAT cannot be reached. racoon's default. */
    OFF,
    /** Announce NAT-T and float to the NAT-T port when NAT-D shows a NAT on the path. */
    ON,
    /** As ON, but act as if a NAT were found whenever the peer supports NAT-T. */
    FORCE
}
