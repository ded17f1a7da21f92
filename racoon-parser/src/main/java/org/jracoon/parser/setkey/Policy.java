package org.jracoon.parser.setkey;

import java.util.List;
import java.util.Objects;

/**
 * The {@code -P} part of an SPD directive: direction, priority, action and, for ipsec, the
 * requests in the order given (the first is applied first to outgoing packets).
 *
 * <p>A bare {@code -P out} (as {@code spddelete} uses) has action discard and priority 0, which
 * is how libipsec encodes it; the kernel ignores both when deleting.
 */
public record Policy(PolicyDirection direction, long priority, PolicyAction action, List<IpsecRequest> requests) {

    /** libipsec's priority bases on Linux: {@code prio low|def|high}; def is used when none is given. */
    public static final long PRIORITY_HIGH = 0x40000000L;
    public static final long PRIORITY_DEFAULT = 0x80000000L;
    public static final long PRIORITY_LOW = 0xC0000000L;

    public Policy {
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(action, "action");
        requests = List.copyOf(requests);
        if (priority < 0 || priority > 0xffffffffL) {
            throw new IllegalArgumentException("priority out of range: " + priority);
        }
    }

    /**
     * The policy ipsec-tools' setkey installs beside an inbound one on Linux (HAVE_POLICY_FWD):
     * the same with direction fwd, and a unique first request turned into require without reqid,
     * since a forwarded packet's SA is not owned by this policy.
     */
    public Policy forwardTwin() {
        if (direction != PolicyDirection.IN) {
            throw new IllegalStateException("only an inbound policy has a forward twin");
        }
        List<IpsecRequest> twinRequests = requests;
        if (!requests.isEmpty() && requests.get(0).level() == IpsecLevel.UNIQUE) {
            IpsecRequest first = requests.get(0).withLevel(IpsecLevel.REQUIRE, 0);
            twinRequests = new java.util.ArrayList<>(requests);
            twinRequests.set(0, first);
        }
        return new Policy(PolicyDirection.FWD, priority, action, twinRequests);
    }
}
