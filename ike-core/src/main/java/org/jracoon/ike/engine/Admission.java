package org.jracoon.ike.engine;

import java.net.InetAddress;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import org.jracoon.ike.policy.RemotePolicy;
import org.jracoon.ike.sa.IsakmpSa;
import org.jracoon.ike.sa.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which first messages (MM1 from an unknown sender) may create responder state, under the
 * engine's {@link Limits}: a bounded number of half-open responder ISAKMP SAs in all and per
 * source address, and no state for an MM1 that is too long or has no remote policy. A refused
 * MM1 is dropped without an answer (an answer to a spoofed address would make us a reflector),
 * and drops are logged as a {@link LogSummary}, so a flood neither fills memory nor the log.
 *
 * <p>Half-open means a responder SA not yet established: it was created by an MM1 nobody has
 * vouched for; an established SA has proved its peer. When an address has its limit, a new MM1
 * from it takes the place of its oldest SA still waiting for MM3 (whose sender has not shown
 * it receives what we send to that address): MM1s forged with a real peer's address then cost
 * that peer at most a retry, never its access. Only when all of them sent MM3 is the new MM1
 * dropped.
 */
final class Admission {

    private static final Logger IKE = LoggerFactory.getLogger("ike.ike");

    /** Why a first message created no state. */
    enum Drop {
        NO_POLICY("no remote policy"),
        TOO_LONG("longer than the limit"),
        HALF_OPEN("half-open limit in all"),
        HALF_OPEN_PER_PEER("half-open limit per address, none waiting for MM3"),
        DISPLACED("took the place of their address's oldest half-open SA");

        private final String text;

        Drop(String text) {
            this.text = text;
        }
    }

    private final Limits limits;
    /** The half-open responder SAs by serial. */
    private final Map<Long, IsakmpSa> halfOpen = new HashMap<>();
    /** The same per peer address, oldest first. */
    private final Map<InetAddress, Deque<IsakmpSa>> perPeer = new HashMap<>();
    private final LogSummary drops;

    Admission(Limits limits, InstantSource clock) {
        this.limits = limits;
        this.drops = new LogSummary(IKE, "Main Mode requests dropped", limits.dropReport(), clock);
    }

    /**
     * The remote policy an MM1 from {@code datagram}'s sender may be answered under, or empty
     * when it must be dropped (and the drop was counted). An SA it displaces goes to
     * {@code displace} (and is no longer counted).
     */
    Optional<RemotePolicy> admit(Datagram datagram, Optional<RemotePolicy> policy, Consumer<IsakmpSa> displace) {
        InetAddress peer = datagram.remote().getAddress();
        Deque<IsakmpSa> ofPeer = perPeer.getOrDefault(peer, new ArrayDeque<>());
        Drop drop = null;
        if (policy.isEmpty()) {
            drop = Drop.NO_POLICY;
        } else if (datagram.data().length > limits.firstMessageBytes()) {
            drop = Drop.TOO_LONG;
        } else if (ofPeer.size() >= limits.halfOpenPerPeer()) {
            Optional<IsakmpSa> unproven = ofPeer.stream().filter(sa -> sa.state() == IsakmpSa.State.MM_KE).findFirst();
            if (unproven.isEmpty()) {
                drop = Drop.HALF_OPEN_PER_PEER;
            } else {
                settled(unproven.get());
                displace.accept(unproven.get());
                count(Drop.DISPLACED, datagram);
            }
        } else if (policy.get().peer().isEmpty() && halfOpen.size() >= limits.halfOpen()) {
            drop = Drop.HALF_OPEN;
        }
        if (drop == null) {
            return policy;
        }
        count(drop, datagram);
        return Optional.empty();
    }

    /** A responder SA entered the table: it is half-open until {@link #settled}. */
    void opened(IsakmpSa sa) {
        if (sa.role() == Role.RESPONDER && !sa.established()) {
            halfOpen.put(sa.serial(), sa);
            perPeer.computeIfAbsent(sa.remote().getAddress(), k -> new ArrayDeque<>()).addLast(sa);
        }
    }

    /** {@code sa} is established or gone: no longer half-open. */
    void settled(IsakmpSa sa) {
        if (halfOpen.remove(sa.serial()) != null) {
            InetAddress peer = sa.remote().getAddress();
            Deque<IsakmpSa> ofPeer = perPeer.get(peer);
            ofPeer.remove(sa);
            if (ofPeer.isEmpty()) {
                perPeer.remove(peer);
            }
        }
    }

    private void count(Drop drop, Datagram datagram) {
        drops.warn(drop.text, () -> "Main Mode from " + datagram.remote() + " dropped: " + drop.text + " ("
                + halfOpen.size() + " half-open)");
    }
}
