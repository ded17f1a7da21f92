package org.jracoon.ike.kernel;

import java.net.InetAddress;
import java.util.Optional;

/** Something the kernel reports without being asked; delivered to {@link KernelListener}s. */
public sealed interface KernelEvent {

    /**
     * Outbound traffic hit an IPSEC policy with no SA to use (ACQUIRE, RFC 2367 section 3.1.6):
     * the daemon should negotiate SAs between the two endpoints for the policy with this id.
     *
     * @param sequence the kernel's number for this acquire, echoed by GETSPI to claim it
     */
    record Acquire(int sequence, IpsecProtocol protocol, InetAddress source, InetAddress destination,
                   int policyId) implements KernelEvent {
    }

    /** An SA reached its soft limit (rekey now) or its hard one (the kernel removed it). */
    record Expire(SaId sa, boolean hard, Lifetime current) implements KernelEvent {
    }

    /** Another process added, updated, deleted or flushed SAs; the SA when one was named. */
    record SaChanged(KernelOperation operation, Optional<SaId> sa) implements KernelEvent {
    }

    /** Another process (or an expiry) changed the SPD; the policy when one was named. */
    record PolicyChanged(KernelOperation operation, Optional<KernelPolicy> policy) implements KernelEvent {
    }
}
