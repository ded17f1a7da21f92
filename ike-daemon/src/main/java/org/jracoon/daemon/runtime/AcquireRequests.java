package org.jracoon.daemon.runtime;

import java.net.InetAddress;
import java.util.Optional;

import org.jracoon.ike.engine.SaRequest;
import org.jracoon.ike.kernel.IpsecMode;
import org.jracoon.ike.kernel.IpsecProtocol;
import org.jracoon.ike.kernel.IpsecRequest;
import org.jracoon.ike.kernel.KernelEvent;
import org.jracoon.ike.kernel.KernelPolicy;

/**
 * Turns a kernel ACQUIRE and the outbound policy it names into the engine's {@link SaRequest},
 * as racoon's pk_recvacquire does: the policy gives the traffic selector and the ipsec request
 * (protocol, mode, tunnel endpoints, reqid); the ACQUIRE gives the sequence GETSPI must echo.
 */
final class AcquireRequests {

    private AcquireRequests() {
    }

    /**
     * @return the request, or a one-line reason why this ACQUIRE cannot be served
     */
    static Result of(KernelEvent.Acquire acquire, Optional<KernelPolicy> policy) {
        if (policy.isEmpty()) {
            return new Result.Refused("names policy " + acquire.policyId() + ", which the kernel no longer has");
        }
        Optional<IpsecRequest> request = policy.get().spec().requests().stream()
                .filter(r -> r.protocol() == acquire.protocol()).findFirst();
        if (request.isEmpty()) {
            return new Result.Refused("policy " + acquire.policyId() + " requests no " + acquire.protocol());
        }
        IpsecRequest r = request.get();
        if (r.protocol() == IpsecProtocol.IPCOMP) {
            return new Result.Refused("IPComp is not negotiated");
        }
        // tunnel mode: the SA runs between the request's endpoints; transport: between the hosts
        InetAddress local = r.mode() == IpsecMode.TUNNEL ? r.tunnelSource().orElseThrow() : acquire.source();
        InetAddress peer = r.mode() == IpsecMode.TUNNEL ? r.tunnelDestination().orElseThrow()
                : acquire.destination();
        return new Result.Request(new SaRequest(local, peer, policy.get().spec().selector(), r.protocol(), r.mode(),
                r.reqid(), acquire.sequence()));
    }

    sealed interface Result {
        record Request(SaRequest request) implements Result {
        }

        record Refused(String reason) implements Result {
        }
    }
}
