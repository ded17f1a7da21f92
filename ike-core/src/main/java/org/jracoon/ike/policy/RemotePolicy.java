package org.jracoon.ike.policy;

import java.net.InetAddress;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the engine knows about one peer, or about any peer (racoon's {@code remote anonymous}):
 * the phase-1 proposals in the order they are offered, the identities, how proposals are
 * checked, and the timers. Main Mode is the only exchange mode.
 *
 * @param peer the peer's address, empty for the anonymous policy
 * @param peersIdentifier the identity the peer must show, empty to accept any
 * @param nonceSize bytes of our nonces (racoon's {@code nonce_size}, default 16)
 * @param initialContact whether INITIAL-CONTACT goes to a peer after the first phase 1 with it
 * @param passive whether we never initiate towards this peer
 * @param natTraversal {@code nat_traversal}
 * @param generatePolicy {@code generate_policy}, for Quick Modes we answer
 * @param liveness dead peer detection and phase-1 renewal
 */
public record RemotePolicy(Optional<InetAddress> peer, List<Phase1Proposal> proposals, Identifier myIdentifier,
        Optional<Identifier> peersIdentifier, ProposalCheck proposalCheck, int nonceSize, boolean initialContact,
        boolean passive, Timers timers, NatTraversal natTraversal, GeneratePolicy generatePolicy,
        Liveness liveness) {

    public RemotePolicy {
        Objects.requireNonNull(peer);
        proposals = List.copyOf(proposals);
        Objects.requireNonNull(myIdentifier);
        Objects.requireNonNull(peersIdentifier);
        Objects.requireNonNull(proposalCheck);
        Objects.requireNonNull(timers);
        Objects.requireNonNull(natTraversal);
        Objects.requireNonNull(generatePolicy);
        Objects.requireNonNull(liveness);
        if (proposals.isEmpty()) {
            throw new IllegalArgumentException("a remote policy needs a phase-1 proposal");
        }
        // RFC 2409 section 5: nonces of 8 to 256 bytes
        if (nonceSize < 8 || nonceSize > 256) {
            throw new IllegalArgumentException("nonce size " + nonceSize);
        }
    }

    /** A policy without NAT traversal or generated policies, with racoon's DPD and rekey defaults. */
    public RemotePolicy(Optional<InetAddress> peer, List<Phase1Proposal> proposals, Identifier myIdentifier,
            Optional<Identifier> peersIdentifier, ProposalCheck proposalCheck, int nonceSize, boolean initialContact,
            boolean passive, Timers timers) {
        this(peer, proposals, myIdentifier, peersIdentifier, proposalCheck, nonceSize, initialContact, passive, timers,
                NatTraversal.OFF, GeneratePolicy.OFF, Liveness.DEFAULT);
    }

    /** A policy with racoon's defaults: address identities, strict checking, 16-byte nonces. */
    public static RemotePolicy of(Optional<InetAddress> peer, List<Phase1Proposal> proposals) {
        return new RemotePolicy(peer, proposals, Identifier.address(), Optional.empty(), ProposalCheck.STRICT, 16,
                true, false, Timers.DEFAULT);
    }

    public RemotePolicy withProposalCheck(ProposalCheck check) {
        return new RemotePolicy(peer, proposals, myIdentifier, peersIdentifier, check, nonceSize, initialContact,
                passive, timers, natTraversal, generatePolicy, liveness);
    }

    public RemotePolicy withIdentifiers(Identifier mine, Optional<Identifier> peers) {
        return new RemotePolicy(peer, proposals, mine, peers, proposalCheck, nonceSize, initialContact, passive,
                timers, natTraversal, generatePolicy, liveness);
    }

    public RemotePolicy withNonceSize(int size) {
        return new RemotePolicy(peer, proposals, myIdentifier, peersIdentifier, proposalCheck, size, initialContact,
                passive, timers, natTraversal, generatePolicy, liveness);
    }

    public RemotePolicy withInitialContact(boolean send) {
        return new RemotePolicy(peer, proposals, myIdentifier, peersIdentifier, proposalCheck, nonceSize, send,
                passive, timers, natTraversal, generatePolicy, liveness);
    }

    public RemotePolicy withTimers(Timers newTimers) {
        return new RemotePolicy(peer, proposals, myIdentifier, peersIdentifier, proposalCheck, nonceSize,
                initialContact, passive, newTimers, natTraversal, generatePolicy, liveness);
    }

    public RemotePolicy withLiveness(Liveness newLiveness) {
        return new RemotePolicy(peer, proposals, myIdentifier, peersIdentifier, proposalCheck, nonceSize,
                initialContact, passive, timers, natTraversal, generatePolicy, newLiveness);
    }

    public RemotePolicy withNatTraversal(NatTraversal nat) {
        return new RemotePolicy(peer, proposals, myIdentifier, peersIdentifier, proposalCheck, nonceSize,
                initialContact, passive, timers, nat, generatePolicy, liveness);
    }

    /** A responder for roaming peers: never initiating, policies generated as {@code generate}. */
    public RemotePolicy withRoaming(boolean passiveOnly, GeneratePolicy generate) {
        return new RemotePolicy(peer, proposals, myIdentifier, peersIdentifier, proposalCheck, nonceSize,
                initialContact, passiveOnly, timers, natTraversal, generate, liveness);
    }

    @Override
    public String toString() {
        return "remote " + peer.map(InetAddress::getHostAddress).orElse("anonymous");
    }
}
