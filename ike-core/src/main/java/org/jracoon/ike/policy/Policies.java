package org.jracoon.ike.policy;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

import org.jracoon.ike.kernel.TrafficSelector;

/**
 * Every policy the engine negotiates by: the remote policies and the phase-2 policies, with
 * racoon's lookup order (the exact match first, then the anonymous one).
 */
public record Policies(List<RemotePolicy> remotes, List<Phase2Policy> phase2) {

    public Policies {
        remotes = List.copyOf(remotes);
        phase2 = List.copyOf(phase2);
    }

    /** The remote policy for a peer: the one naming its address, else {@code remote anonymous}. */
    public Optional<RemotePolicy> remote(InetAddress peer) {
        return remotes.stream().filter(r -> r.peer().filter(peer::equals).isPresent()).findFirst()
                .or(() -> remotes.stream().filter(r -> r.peer().isEmpty()).findFirst());
    }

    /**
     * The phase-2 policy for traffic between our side (the selector's source) and the peer's
     * (its destination): an sainfo with exactly these addresses, else {@code sainfo anonymous}.
     */
    public Optional<Phase2Policy> phase2(TrafficSelector selector) {
        return phase2.stream().filter(p -> p.selector().filter(s -> sameEnds(s, selector)).isPresent()).findFirst()
                .or(() -> phase2.stream().filter(p -> p.selector().isEmpty()).findFirst());
    }

    private static boolean sameEnds(TrafficSelector a, TrafficSelector b) {
        return a.source().equals(b.source()) && a.destination().equals(b.destination())
                && a.sourcePort() == b.sourcePort() && a.destinationPort() == b.destinationPort()
                && (a.upperProtocol() == b.upperProtocol());
    }
}
