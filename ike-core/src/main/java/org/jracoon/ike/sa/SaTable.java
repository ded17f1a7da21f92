package org.jracoon.ike.sa;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The engine's ISAKMP SAs, each with whatever drives it ({@code E}, the exchange manager), found
 * by cookies. A responder SA exists only after a valid MM1; an initiator SA is found by its own
 * cookie alone until MM2 tells it the responder's.
 */
public final class SaTable<E extends SaTable.Entry> {

    /** What the table holds: something that owns one ISAKMP SA. */
    public interface Entry {
        IsakmpSa sa();
    }

    private final Map<Long, E> bySerial = new LinkedHashMap<>();
    /**
     * The same entries by initiator cookie, which an SA keeps for life, so that a datagram finds
     * its SA without a walk over the whole table (a responder holds many thousands). A list
     * because two SAs may share an initiator cookie (our initiator SA and a peer's, by chance).
     */
    private final Map<Long, List<E>> byInitiatorCookie = new HashMap<>();

    public void add(E entry) {
        bySerial.put(entry.sa().serial(), entry);
        byInitiatorCookie.computeIfAbsent(entry.sa().cookies().initiator(), k -> new ArrayList<>(1)).add(entry);
    }

    public void remove(E entry) {
        if (bySerial.remove(entry.sa().serial()) == null) {
            return;
        }
        long cookie = entry.sa().cookies().initiator();
        List<E> same = byInitiatorCookie.get(cookie);
        same.remove(entry);
        if (same.isEmpty()) {
            byInitiatorCookie.remove(cookie);
        }
    }

    public int size() {
        return bySerial.size();
    }

    public Optional<E> bySerial(long serial) {
        return Optional.ofNullable(bySerial.get(serial));
    }

    /**
     * The SA a received message belongs to: both cookies equal; or, from the same peer, a
     * responder SA for a message still carrying responder cookie 0 (a retransmitted MM1), or
     * an initiator SA that does not know the responder cookie yet (MM2, or a refusal of MM1).
     */
    public Optional<E> find(long initiatorCookie, long responderCookie, InetSocketAddress remote) {
        for (E e : byInitiatorCookie.getOrDefault(initiatorCookie, List.of())) {
            IsakmpSa sa = e.sa();
            Cookies c = sa.cookies();
            if (responderCookie != 0 && c.responder() == responderCookie) {
                return Optional.of(e);
            }
            if (sa.remote().equals(remote) && (responderCookie == 0 && sa.role() == Role.RESPONDER
                    || c.responder() == 0 && sa.role() == Role.INITIATOR)) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    /**
     * An ISAKMP SA with this peer: the newest established one (a renewed SA replaces the old
     * one before the old one expires), else one still negotiating; by address only, since the
     * port changes when IKE floats to the NAT-T port.
     */
    public Optional<E> usable(InetAddress remote) {
        Optional<E> established = Optional.empty();
        Optional<E> negotiating = Optional.empty();
        for (E e : bySerial.values()) {
            IsakmpSa sa = e.sa();
            if (!sa.remote().getAddress().equals(remote) || sa.state() == IsakmpSa.State.DEAD) {
                continue;
            }
            if (sa.established()) {
                established = Optional.of(e);
            } else if (negotiating.isEmpty()) {
                negotiating = Optional.of(e);
            }
        }
        return established.isPresent() ? established : negotiating;
    }

    public List<E> entries() {
        return new ArrayList<>(bySerial.values());
    }
}
