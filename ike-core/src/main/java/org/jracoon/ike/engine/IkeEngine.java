package org.jracoon.ike.engine;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jracoon.ike.crypto.RandomSource;
import org.jracoon.ike.exchange.Authenticators;
import org.jracoon.ike.exchange.ExchangeManager;
import org.jracoon.ike.exchange.Services;
import org.jracoon.ike.kernel.KernelEvent;
import org.jracoon.ike.kernel.KernelIpsec;
import org.jracoon.ike.keymat.Padding;
import org.jracoon.ike.payload.ExchangeType;
import org.jracoon.ike.payload.IsakmpHeader;
import org.jracoon.ike.payload.IsakmpProtocolException;
import org.jracoon.ike.policy.Policies;
import org.jracoon.ike.policy.RemotePolicy;
import org.jracoon.ike.sa.Cookies;
import org.jracoon.ike.sa.IpsecSa;
import org.jracoon.ike.sa.IsakmpSa;
import org.jracoon.ike.sa.Role;
import org.jracoon.ike.sa.SaTable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The IKEv1 engine, without I/O: it takes datagrams, kernel requests and events, and timer
 * expiries, and gives datagrams to send, timers and events to its {@link EngineSink}; kernel
 * calls go through the {@link KernelIpsec} port. Randomness and time are injected. No threads:
 * the runtime calls it from one thread.
 *
 * <p>What a runtime does around it:
 * <ul>
 * <li>every datagram read on an IKE socket goes to {@link #receive} (on 4500 without the
 *     non-ESP marker), every {@link Datagram} the sink gets is written from its local address;</li>
 * <li>a kernel ACQUIRE becomes an {@link SaRequest} (endpoints, selector and protocol/mode of
 *     the outbound policy it names) for {@link #acquire}; kernel EXPIREs go to {@link #expire};</li>
 * <li>{@link EngineSink#arm} schedules {@link #timerExpired}, {@link EngineSink#cancel} unschedules;</li>
 * <li>{@link EngineEvent}s feed logs, scripts and the admin socket; {@link #isakmpSas()} and
 *     {@link #ipsecSas()} answer show-sa.</li>
 * </ul>
 */
public final class IkeEngine {

    private static final Logger IKE = LoggerFactory.getLogger("ike.ike");
    private static final Logger NET = LoggerFactory.getLogger("ike.net");

    /** The IKE port peers are reached on (RFC 2408 section 2.5.2). */
    public static final int IKE_PORT = 500;

    private final Services services;
    private final SaTable<ExchangeManager> table = new SaTable<>();
    /**
     * Pairs we initiated whose ISAKMP SA ended with no successor: still installed, and renewed
     * from a new phase 1 when their soft lifetime ends (where racoon deletes them).
     */
    private final Map<IpsecSa, SaRequest> orphans = new HashMap<>();
    private long serials;

    public IkeEngine(Policies policies, Authenticators authenticators, KernelIpsec kernel, RandomSource random,
            InstantSource clock, Padding padding, EngineSink sink) {
        this.services = new Services(policies, authenticators, kernel, random, clock, padding, sink);
    }

    /** A datagram received on an IKE socket. */
    public void receive(Datagram datagram) {
        guarded("datagram from " + datagram.remote(), () -> dispatch(datagram));
    }

    private void dispatch(Datagram datagram) {
        IsakmpHeader header;
        try {
            header = IsakmpHeader.decode(datagram.data());
        } catch (IsakmpProtocolException e) {
            NET.info("datagram from {} dropped: {}", datagram.remote(), e);
            return;
        }
        Optional<ExchangeManager> manager = table.find(header.initiatorCookie(), header.responderCookie(),
                datagram.remote());
        if (manager.isPresent()) {
            manager.get().receive(datagram, header);
            purgeOthers(manager.get());
        } else if (header.responderCookie() == 0 && header.exchangeType() == ExchangeType.IDENTITY_PROTECTION
                && header.messageId() == 0 && !header.encrypted()) {
            respond(datagram, header);
        } else {
            IKE.info("{} from {} names no ISAKMP SA, dropped", header.cookies(), datagram.remote());
        }
        prune();
    }

    /** A kernel request for an SA pair (from an ACQUIRE): Quick Mode on a usable ISAKMP SA, else Main Mode first. */
    public void acquire(SaRequest request) {
        guarded("request for " + request.selector(), () -> start(request));
    }

    private void start(SaRequest request) {
        InetSocketAddress remote = new InetSocketAddress(request.peer(), IKE_PORT);
        Optional<ExchangeManager> existing = table.usable(remote);
        if (existing.isPresent()) {
            existing.get().request(request);
            prune();
            return;
        }
        Optional<RemotePolicy> policy = services.policies().remote(request.peer());
        if (policy.isEmpty() || policy.get().passive()) {
            IKE.warn("no phase 1 to {}: {}", request.peer().getHostAddress(),
                    policy.isEmpty() ? "no remote policy" : "remote policy is passive");
            return;
        }
        initiate(new InetSocketAddress(request.local(), IKE_PORT), remote, policy.get(), List.of(request));
        prune();
    }

    private void initiate(InetSocketAddress local, InetSocketAddress remote, RemotePolicy policy,
            List<SaRequest> requests) {
        Cookies cookies = new Cookies(newCookie(), 0);
        IsakmpSa sa = new IsakmpSa(serials++, Role.INITIATOR, cookies, local, remote, policy);
        table.add(ExchangeManager.initiate(sa, services, requests));
    }

    /**
     * An ISAKMP SA we initiated is at 80 % of its lifetime: unless a newer one with the peer
     * exists, its successor is negotiated now and takes over its IPsec SAs when it ends.
     */
    private void renew(ExchangeManager dying) {
        IsakmpSa old = dying.sa();
        boolean newer = table.entries().stream().anyMatch(m -> !m.dead() && m.sa().serial() > old.serial()
                && m.sa().remote().equals(old.remote()));
        if (newer || !dying.wantsRenewal()) {
            return;
        }
        IKE.info("{} ISAKMP SA nearing the end of its lifetime, negotiating its successor", old.cookies());
        initiate(old.local(), old.remote(), old.policy(), List.of());
    }

    /** A kernel EXPIRE: a soft one renews a pair we initiated, a hard one ends the pair it names. */
    public void expire(KernelEvent.Expire expire) {
        guarded("expire of " + expire.sa(), () -> expired(expire));
    }

    private void expired(KernelEvent.Expire expire) {
        for (ExchangeManager m : table.entries()) {
            for (IpsecSa pair : m.ipsecSas()) {
                if (!pair.inbound().equals(expire.sa()) && !pair.outbound().equals(expire.sa())) {
                    continue;
                }
                if (expire.hard()) {
                    IKE.info("{} IPsec SA {} expired", m.sa().cookies(), pair);
                    m.expired(pair);
                    continue;
                }
                Optional<SaRequest> again = m.rekeyRequest(pair);
                IKE.info("{} IPsec SA {} soft lifetime over{}", m.sa().cookies(), pair, again.isPresent()
                        ? ", negotiating a new pair" : ", renewal left to the peer or already under way");
                again.ifPresent(this::start);
            }
        }
        for (Map.Entry<IpsecSa, SaRequest> orphan : List.copyOf(orphans.entrySet())) {
            IpsecSa pair = orphan.getKey();
            if (pair.inbound().equals(expire.sa()) || pair.outbound().equals(expire.sa())) {
                orphans.remove(pair);
                if (!expire.hard()) {
                    IKE.info("IPsec SA {} soft lifetime over, its ISAKMP SA is gone: negotiating a new pair", pair);
                    start(orphan.getValue());
                }
            }
        }
    }

    /** A timer armed through the sink fired. */
    public void timerExpired(EngineTimer timer) {
        guarded(timer.toString(), () -> {
            Optional<ExchangeManager> manager = table.bySerial(timer.saSerial());
            if (manager.isPresent() && timer.kind() == EngineTimer.Kind.REKEY) {
                renew(manager.get());
            } else {
                manager.ifPresent(m -> m.timerExpired(timer));
            }
            prune();
        });
    }

    /**
     * Runs one input so that a defect in the engine costs that input, not the daemon: one
     * error line (the stack trace at debug level) and the engine goes on.
     */
    private void guarded(String input, Runnable step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            IKE.error("internal error on {}: {}", input, e.toString());
            IKE.debug("internal error on {}", input, e);
            prune();
        }
    }

    /** The ISAKMP SAs, for admin output. */
    public List<IsakmpSa> isakmpSas() {
        List<IsakmpSa> out = new ArrayList<>();
        table.entries().forEach(m -> out.add(m.sa()));
        return out;
    }

    /** The IPsec SA pairs negotiated and still installed. */
    public List<IpsecSa> ipsecSas() {
        List<IpsecSa> out = new ArrayList<>();
        table.entries().forEach(m -> out.addAll(m.ipsecSas()));
        return out;
    }

    /** A responder SA for a first message; it enters the table only if MM1 was acceptable. */
    private void respond(Datagram datagram, IsakmpHeader header) {
        Optional<RemotePolicy> policy = services.policies().remote(datagram.remote().getAddress());
        if (policy.isEmpty()) {
            IKE.warn("{} Main Mode from {} refused: no remote policy", header.cookies(), datagram.remote());
            return;
        }
        Cookies cookies = new Cookies(header.initiatorCookie(), newCookie());
        IsakmpSa sa = new IsakmpSa(serials++, Role.RESPONDER, cookies, datagram.local(), datagram.remote(),
                policy.get());
        ExchangeManager manager = ExchangeManager.respond(sa, services);
        manager.receive(datagram, header);
        if (!manager.dead()) {
            table.add(manager);
        }
    }

    /** After a peer's INITIAL-CONTACT, the other ISAKMP SAs with that address and their IPsec SAs go. */
    private void purgeOthers(ExchangeManager announcer) {
        if (!announcer.takePeerInitialContact()) {
            return;
        }
        for (ExchangeManager m : table.entries()) {
            if (m != announcer && !m.dead()
                    && m.sa().remote().getAddress().equals(announcer.sa().remote().getAddress())) {
                m.purge();
            }
        }
    }

    private long newCookie() {
        long cookie;
        do {
            cookie = ByteBuffer.wrap(services.random().bytes(8)).getLong();
        } while (cookie == 0);
        return cookie;
    }

    /**
     * Drops the ISAKMP SAs that ended. IPsec SAs still hanging off one go to the newest live
     * ISAKMP SA with the same peer, if any (racoon isakmp.c isakmp_ph1delete); otherwise they
     * live on in the kernel under their own lifetimes, those we initiated as orphans.
     */
    private void prune() {
        for (ExchangeManager m : table.entries()) {
            if (!m.dead()) {
                continue;
            }
            table.remove(m);
            if (m.ipsecSas().isEmpty()) {
                continue;
            }
            Optional<ExchangeManager> successor = table.usable(m.sa().remote());
            if (successor.isPresent()) {
                successor.get().adopt(m);
            } else {
                m.ipsecSas().forEach(pair -> m.rekeyRequest(pair).ifPresent(r -> orphans.put(pair, r)));
            }
        }
    }
}
