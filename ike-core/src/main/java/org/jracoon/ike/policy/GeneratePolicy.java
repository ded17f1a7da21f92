package org.jracoon.ike.policy;

import org.jracoon.ike.kernel.IpsecLevel;

/**
 * racoon's {@code generate_policy} for a responder with roaming peers: the SPD entries for the
 * initiator's phase-2 IDs are made from what was negotiated, at the peer's actual address.
 */
public enum GeneratePolicy {
    /** The SPD must already hold the policies. racoon's default. */
    OFF,
    /** Generated policies require an SA (racoon's {@code on} and {@code require}). */
    REQUIRE,
    /** Generated policies are bound to their own SAs by a reqid. */
    UNIQUE;

    /** The level of the generated policies' requests. */
    public IpsecLevel level() {
        return this == UNIQUE ? IpsecLevel.UNIQUE : IpsecLevel.REQUIRE;
    }
}
