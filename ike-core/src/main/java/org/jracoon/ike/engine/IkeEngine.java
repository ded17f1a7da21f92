package org.jracoon.ike.engine;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.jracoon.ike.crypto.DhKeySource;
import org.jracoon.ike.crypto.RandomSource;
import org.jracoon.ike.exchange.Authenticators;
import org.jracoon.ike.exchange.ExchangeManager;
import org.jracoon.ike.exchange.Services;
import org.jracoon.ike.kernel.KernelEvent;
import org.jracoon.ike.kernel.KernelException;
import org.jracoon.ike.kernel.KernelIpsec;
import org.jracoon.ike.kernel.KernelSa;
import org.jracoon.ike.kernel.SaId;
import org.jracoon.ike.kernel.SaState;
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
 * <li>{@link EngineEvent}s feed logs, scripts and the admin socket; {@link #isakmpSaStatus()} and
 *     {@link #ipsecSas()} answer show-sa; {@link #connect}, {@link #deleteIsakmpSas},
 *     {@link #deleteIpsecSas} and {@link #reconfigure} carry out racoonctl's commands.</li>
 * </ul>
 *
 * <p>What unauthenticated senders may cost it is bounded by its {@link Limits}.
 */
public final class IkeEngine {

    private static final Logger IKE = LoggerFactory.getLogger("ike.ike");
    private static final Logger NET = LoggerFactory.getLogger("ike.net");

    /** The IKE port peers are reached on (RFC 2408 section 2.5.2). */
    public static final int IKE_PORT = 500;
    /** How many refused MM1s are remembered, so that their retransmissions are not refused anew. */
    private static final int REFUSED_REMEMBERED = 64;
    /** The port IKE floats to once a NAT is found, shared with ESP in UDP (RFC 3947 section 4). */
    public static final int NATT_PORT = 4500;

    private final Services services;
    private final Admission admission;
    private final SaTable<ExchangeManager> table = new SaTable<>();
    /**
     * Pairs we initiated whose ISAKMP SA ended with no successor: still installed, and renewed
     * from a new phase 1 when their soft lifetime ends (where racoon deletes them).
     */
    private final Map<IpsecSa, SaRequest> orphans = new HashMap<>();
    /**
     * The ended responder SAs of recently refused MM1s, by peer and initiator cookie: a peer
     * retransmits MM1 until it hears the refusal, and each copy gets the notification sent
     * for the first one again, without a second refusal (and its log line).
     */
    private final Map<String, ExchangeManager> refused = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, ExchangeManager> eldest) {
            return size() > REFUSED_REMEMBERED;
        }
    };
    private long serials;

    /** An engine with the default {@link Limits} that makes each DH key pair when it needs it. */
    public IkeEngine(Policies policies, Authenticators authenticators, KernelIpsec kernel, RandomSource random,
            InstantSource clock, Padding padding, EngineSink sink) {
        this(policies, authenticators, kernel, random, DhKeySource.DRAWN, clock, padding, sink, Limits.DEFAULT);
    }

    /** An engine that makes each DH key pair when it needs it, from {@code random}. */
    public IkeEngine(Policies policies, Authenticators authenticators, KernelIpsec kernel, RandomSource random,
            InstantSource clock, Padding padding, EngineSink sink, Limits limits) {
        this(policies, authenticators, kernel, random, DhKeySource.DRAWN, clock, padding, sink, limits);
    }

    /** @param dhKeys where DH key pairs come from (a daemon's {@link org.jracoon.ike.crypto.DhKeyPool}) */
    public IkeEngine(Policies policies, Authenticators authenticators, KernelIpsec kernel, RandomSource random,
            DhKeySource dhKeys, InstantSource clock, Padding padding, EngineSink sink, Limits limits) {
        this.services = new Services(policies, authenticators, kernel, random, dhKeys, clock, padding, sink, limits);
        this.admission = new Admission(limits, clock);
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
            prune(manager.get());
        } else if (header.responderCookie() == 0 && header.exchangeType() == ExchangeType.IDENTITY_PROTECTION
                && header.messageId() == 0 && !header.encrypted()) {
            ExchangeManager refusedBefore = refused.get(refusalKey(datagram, header));
            if (refusedBefore != null) {
                refusedBefore.receive(datagram, header);
            } else {
                respond(datagram, header);
            }
        } else {
            IKE.info("{} from {} names no ISAKMP SA, dropped", header.cookies(), datagram.remote());
        }
    }

    /**
     * A kernel request for an SA pair (from an ACQUIRE): Quick Mode on a usable ISAKMP SA, else
     * Main Mode first. An ACQUIRE for the traffic of a pair we answered whose outbound SA the
     * kernel holds by the time it is read is stale: as responder, our inbound SA goes in before
     * QM2 and the outbound one on QM3, and a reply sent in between is ACQUIREd. (An operator's
     * request, sequence 0, always goes.)
     */
    public void acquire(SaRequest request) {
        guarded("request for " + request.selector(), () -> {
            Optional<IpsecSa> installed = request.sequence() == 0 ? Optional.empty() : answeredAndInstalled(request);
            if (installed.isPresent()) {
                IKE.info("ACQUIRE for {} ignored: IPsec SA {} was installed since", request.selector(),
                        installed.get());
                return;
            }
            start(request);
        });
    }

    private Optional<IpsecSa> answeredAndInstalled(SaRequest request) {
        for (ExchangeManager m : table.entries()) {
            Optional<IpsecSa> pair = m.answeredPair(request).filter(p -> p.remote().equals(request.peer())
                    && inKernel(p.outbound()));
            if (pair.isPresent()) {
                return pair;
            }
        }
        return Optional.empty();
    }

    private boolean inKernel(SaId id) {
        try {
            return services.kernel().getSa(id).isPresent();
        } catch (KernelException e) {
            IKE.info("SA {} not looked up: {}", id, e.getMessage());
            return false;
        }
    }

    private void start(SaRequest request) {
        Optional<ExchangeManager> existing = table.usable(request.peer());
        if (existing.isPresent()) {
            existing.get().request(request);
            prune(existing.get());
            return;
        }
        initiate(request.local(), request.peer(), Optional.of(request));
    }

    /**
     * An operator's request for phase 1 alone (racoonctl establish-sa isakmp, vpn-connect):
     * Main Mode to {@code peer} unless an ISAKMP SA with it is up or under way.
     *
     * @return empty when phase 1 is up, under way or started; else why it cannot be, in one line
     */
    public Optional<String> connect(InetAddress local, InetAddress peer) {
        return guarded("connect to " + peer.getHostAddress(), () -> {
            if (table.usable(peer).isPresent()) {
                IKE.info("phase 1 to {} already up or under way", peer.getHostAddress());
                return Optional.empty();
            }
            return initiate(local, peer, Optional.empty());
        }, Optional.of("internal error, see the log"));
    }

    /** @return empty when Main Mode started, else why not */
    private Optional<String> initiate(InetAddress local, InetAddress peer, Optional<SaRequest> first) {
        Optional<RemotePolicy> policy = services.policies().remote(peer);
        if (policy.isEmpty() || policy.get().passive()) {
            String reason = "no phase 1 to " + peer.getHostAddress() + ": "
                    + (policy.isEmpty() ? "no remote policy" : "remote policy is passive");
            IKE.warn(reason);
            return Optional.of(reason);
        }
        Cookies cookies = new Cookies(newCookie(), 0);
        IsakmpSa sa = new IsakmpSa(serials++, Role.INITIATOR, cookies, new InetSocketAddress(local, IKE_PORT),
                new InetSocketAddress(peer, IKE_PORT), policy.get(), services.clock().instant());
        ExchangeManager manager = ExchangeManager.initiate(sa, services, first);
        table.add(manager);
        prune(manager);
        return Optional.empty();
    }

    /**
     * An ISAKMP SA we initiated is at 80 % of its lifetime: unless a newer one with the peer
     * exists, its successor is negotiated now (from port 500, under the current policy for the
     * peer) and takes over its IPsec SAs when it ends.
     */
    private void renew(ExchangeManager dying) {
        IsakmpSa old = dying.sa();
        InetAddress peer = old.remote().getAddress();
        boolean newer = table.entries().stream().anyMatch(m -> !m.dead() && m.sa().serial() > old.serial()
                && m.sa().remote().getAddress().equals(peer));
        if (newer || !dying.wantsRenewal()) {
            return;
        }
        IKE.info("{} ISAKMP SA nearing the end of its lifetime, negotiating its successor", old.cookies());
        initiate(old.local().getAddress(), peer, Optional.empty());
    }

    /** A kernel EXPIRE: a soft one renews a pair we initiated, a hard one ends the pair it names. */
    public void expire(KernelEvent.Expire expire) {
        guarded("expire of " + expire.sa(), () -> expired(expire));
    }

    private void expired(KernelEvent.Expire expire) {
        try {
            expiredPairs(expire);
        } finally {
            prune();
        }
    }

    private void expiredPairs(KernelEvent.Expire expire) {
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
            table.bySerial(timer.saSerial()).ifPresent(m -> {
                // REKEY is the engine's, which alone creates ISAKMP SAs
                if (timer.kind() == EngineTimer.Kind.REKEY) {
                    renew(m);
                } else {
                    m.timerExpired(timer);
                }
                prune(m);
            });
        });
    }

    /**
     * Runs one input so that a defect in the engine costs that input, not the daemon: one
     * error line (the stack trace at debug level) and the engine goes on.
     */
    private void guarded(String input, Runnable step) {
        guarded(input, () -> {
            step.run();
            return null;
        }, null);
    }

    /** As {@link #guarded(String, Runnable)}, for a step with a result; {@code onError} when it failed. */
    private <T> T guarded(String input, Supplier<T> step, T onError) {
        try {
            return step.get();
        } catch (RuntimeException e) {
            IKE.error("internal error on {}: {}", input, e.toString());
            IKE.debug("internal error on {}", input, e);
            prune();
            return onError;
        }
    }

    /** The ISAKMP SAs as an operator sees them (racoonctl show-sa isakmp). */
    public List<IsakmpSaStatus> isakmpSaStatus() {
        List<IsakmpSaStatus> out = new ArrayList<>();
        table.entries().forEach(m -> out.add(status(m)));
        return out;
    }

    private static IsakmpSaStatus status(ExchangeManager m) {
        IsakmpSa sa = m.sa();
        return new IsakmpSaStatus(sa.cookies(), sa.role(), sa.local(), sa.remote(), sa.state(), sa.created(),
                sa.establishedAt(), m.ipsecSas().size());
    }

    /**
     * Deletes the ISAKMP SAs {@code which} selects, telling the peer; with {@code withPairs} their
     * IPsec SAs too (racoonctl delete-sa isakmp and vpn-disconnect do, flush-sa isakmp does not).
     *
     * @return how many ISAKMP SAs were deleted
     */
    public int deleteIsakmpSas(Predicate<IsakmpSaStatus> which, boolean withPairs) {
        int deleted = 0;
        for (ExchangeManager m : table.entries()) {
            if (!m.dead() && which.test(status(m))) {
                guarded("delete of " + m.sa().cookies(), () -> m.delete(withPairs));
                deleted++;
            }
        }
        prune();
        return deleted;
    }

    /**
     * Deletes the IPsec SA pairs {@code which} selects from the kernel, telling the peer
     * (racoonctl delete-sa esp|ah, flush-sa esp|ah|ipsec, and the daemon's shutdown).
     *
     * @return how many pairs were deleted
     */
    public int deleteIpsecSas(Predicate<IpsecSa> which) {
        int deleted = 0;
        for (ExchangeManager m : table.entries()) {
            for (IpsecSa pair : m.ipsecSas()) {
                if (which.test(pair)) {
                    guarded("delete of " + pair, () -> m.delete(pair));
                    deleted++;
                }
            }
        }
        return deleted;
    }

    /** A reloaded configuration: used by every negotiation started from now on. */
    public void reconfigure(Policies policies, Authenticators authenticators, Padding padding) {
        services.reconfigure(policies, authenticators, padding);
    }

    /** The ISAKMP SAs, keys included: for the engine's own tests and the key export. */
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

    /**
     * A responder SA for a first message, if {@link Admission} lets it have one; it enters the
     * table only if MM1 was acceptable.
     */
    private void respond(Datagram datagram, IsakmpHeader header) {
        Optional<RemotePolicy> policy = admission.admit(datagram,
                services.policies().remote(datagram.remote().getAddress()),
                displaced -> table.bySerial(displaced.serial()).ifPresent(m -> {
                    m.displace();
                    table.remove(m);
                }));
        if (policy.isEmpty()) {
            return;
        }
        Cookies cookies = new Cookies(header.initiatorCookie(), newCookie());
        IsakmpSa sa = new IsakmpSa(serials++, Role.RESPONDER, cookies, datagram.local(), datagram.remote(),
                policy.get(), services.clock().instant());
        ExchangeManager manager = ExchangeManager.respond(sa, services);
        manager.receive(datagram, header);
        if (manager.dead()) {
            refused.put(refusalKey(datagram, header), manager);
        } else {
            table.add(manager);
            admission.opened(sa);
        }
    }

    /**
     * After a peer's INITIAL-CONTACT, the other ISAKMP SAs with that address and their IPsec SAs
     * go, and then every other SA between the two addresses still in the kernel.
     */
    private void purgeOthers(ExchangeManager announcer) {
        if (!announcer.takePeerInitialContact()) {
            return;
        }
        for (ExchangeManager m : table.entries()) {
            if (m != announcer && !m.dead()
                    && m.sa().remote().getAddress().equals(announcer.sa().remote().getAddress())) {
                m.purge();
                prune(m);
            }
        }
        removeStaleKernelSas(announcer);
    }

    /**
     * The peer restarted and holds none of the SAs it shared with us (RFC 2407 section
     * 4.6.3.3), so those the engine never knew go too: ours from before our own restart, or
     * installed by setkey or another daemon (racoon isakmp_inf.c info_recv_initialcontact).
     * The announcer's own pairs and LARVAL SAs (an SPI reserved for a negotiation under way) stay.
     */
    private void removeStaleKernelSas(ExchangeManager announcer) {
        InetAddress local = announcer.sa().local().getAddress();
        InetAddress peer = announcer.sa().remote().getAddress();
        Set<SaId> own = new HashSet<>();
        announcer.ipsecSas().forEach(p -> own.addAll(List.of(p.inbound(), p.outbound())));
        List<KernelSa> all;
        try {
            all = services.kernel().dumpSa();
        } catch (KernelException e) {
            IKE.warn("{} stale SAs with {} after INITIAL-CONTACT not looked up: {}", announcer.sa().cookies(),
                    peer.getHostAddress(), e.getMessage());
            return;
        }
        int removed = 0;
        for (KernelSa k : all) {
            SaId id = k.spec().id();
            boolean between = id.source().equals(local) && id.destination().equals(peer)
                    || id.source().equals(peer) && id.destination().equals(local);
            if (!between || k.state() == SaState.LARVAL || own.contains(id)) {
                continue;
            }
            try {
                services.kernel().deleteSa(id);
                removed++;
            } catch (KernelException e) {
                IKE.info("{} stale SA {} not deleted: {}", announcer.sa().cookies(), id, e.getMessage());
            }
        }
        // their soft expiry will not come to renew them
        orphans.keySet().removeIf(p -> p.remote().equals(peer));
        IKE.info("{} INITIAL-CONTACT from {}: {} stale SAs with it removed from the kernel", announcer.sa().cookies(),
                peer.getHostAddress(), removed);
    }

    private static String refusalKey(Datagram datagram, IsakmpHeader header) {
        return datagram.remote() + " " + Long.toHexString(header.initiatorCookie());
    }

    private long newCookie() {
        long cookie;
        do {
            cookie = ByteBuffer.wrap(services.random().bytes(8)).getLong();
        } while (cookie == 0);
        return cookie;
    }

    /**
     * Drops {@code touched} if the input it just took ended it. Only the SAs an input reached can
     * have died of it, so the common path never walks the whole table.
     */
    private void prune(ExchangeManager touched) {
        if (touched.dead()) {
            drop(touched);
        }
        if (touched.dead() || touched.sa().established()) {
            admission.settled(touched.sa());
        }
    }

    /** Drops every dead SA: after an input that may have reached many, or failed half-way. */
    private void prune() {
        for (ExchangeManager m : table.entries()) {
            if (m.dead()) {
                drop(m);
            }
            if (m.dead() || m.sa().established()) {
                admission.settled(m.sa());
            }
        }
    }

    /**
     * Removes an ISAKMP SA that ended. IPsec SAs still hanging off it go to the newest live
     * ISAKMP SA with the same peer, if any (racoon isakmp.c isakmp_ph1delete); otherwise they
     * live on in the kernel under their own lifetimes, those we initiated as orphans.
     */
    private void drop(ExchangeManager dead) {
        if (table.bySerial(dead.sa().serial()).orElse(null) != dead) {
            return;
        }
        table.remove(dead);
        if (dead.ipsecSas().isEmpty()) {
            return;
        }
        Optional<ExchangeManager> successor = table.usable(dead.sa().remote().getAddress());
        if (successor.isPresent()) {
            successor.get().adopt(dead);
        } else {
            dead.ipsecSas().forEach(pair -> dead.rekeyRequest(pair).ifPresent(r -> orphans.put(pair, r)));
        }
    }
}
