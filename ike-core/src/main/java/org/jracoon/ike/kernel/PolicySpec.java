package org.jracoon.ike.kernel;

import java.util.List;
import java.util.Objects;

/**
 * A security policy (SPD entry): the traffic, its direction and what to do with it; an IPSEC
 * policy lists the SAs it requires, innermost first (KAME order). Priority as setkey's {@code prio}; 0 without one.
 * A hard lifetime makes the kernel expire the policy, as racoon's generated policies do.
 */
public record PolicySpec(TrafficSelector selector, PolicyDirection direction, PolicyAction action,
                         List<IpsecRequest> requests, int priority, Lifetime hard) {
    public PolicySpec {
        Objects.requireNonNull(selector);
        Objects.requireNonNull(direction);
        Objects.requireNonNull(action);
        Objects.requireNonNull(hard);
        requests = List.copyOf(requests);
        if ((action == PolicyAction.IPSEC) == requests.isEmpty()) {
            throw new IllegalArgumentException(action == PolicyAction.IPSEC
                    ? "an ipsec policy needs at least one request" : "only an ipsec policy has requests");
        }
    }

    /** A policy that lives until it is deleted. */
    public PolicySpec(TrafficSelector selector, PolicyDirection direction, PolicyAction action,
                      List<IpsecRequest> requests, int priority) {
        this(selector, direction, action, requests, priority, Lifetime.NONE);
    }

    public static PolicySpec ipsec(TrafficSelector selector, PolicyDirection direction, List<IpsecRequest> requests) {
        return new PolicySpec(selector, direction, PolicyAction.IPSEC, requests, 0);
    }

    public static PolicySpec of(TrafficSelector selector, PolicyDirection direction, PolicyAction action) {
        return new PolicySpec(selector, direction, action, List.of(), 0);
    }
}
