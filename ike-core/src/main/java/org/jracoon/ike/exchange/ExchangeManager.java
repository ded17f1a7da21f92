package org.jracoon.ike.exchange;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

import org.jracoon.ike.crypto.CryptoException;
import org.jracoon.ike.crypto.HashAlgorithm;
import org.jracoon.ike.engine.Datagram;
import org.jracoon.ike.engine.EngineEvent;
import org.jracoon.ike.engine.EngineTimer;
import org.jracoon.ike.engine.SaRequest;
import org.jracoon.ike.kernel.IpsecProtocol;
import org.jracoon.ike.kernel.KernelException;
import org.jracoon.ike.kernel.PolicySpec;
import org.jracoon.ike.kernel.SaId;
import org.jracoon.ike.keymat.MessageProtection;
import org.jracoon.ike.keymat.MessageProtection.DecryptedMessage;
import org.jracoon.ike.message.IsakmpMessage;
import org.jracoon.ike.message.MessageRules;
import org.jracoon.ike.payload.DeletePayload;
import org.jracoon.ike.payload.ExchangeType;
import org.jracoon.ike.payload.IsakmpHeader;
import org.jracoon.ike.payload.IsakmpProtocolException;
import org.jracoon.ike.payload.NotifyPayload;
import org.jracoon.ike.payload.NotifyType;
import org.jracoon.ike.payload.Octets;
import org.jracoon.ike.payload.Payload;
import org.jracoon.ike.payload.ProtocolId;
import org.jracoon.ike.policy.AuthMethod;
import org.jracoon.ike.policy.Phase2Policy;
import org.jracoon.ike.policy.Timers;
import org.jracoon.ike.sa.IpsecSa;
import org.jracoon.ike.sa.IsakmpSa;
import org.jracoon.ike.sa.Role;
import org.jracoon.ike.sa.SaTable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * The one owner of an ISAKMP SA's traffic (the role of strongSwan's task_manager_v1.c): it
 * decrypts and checks received messages, hands them to the exchange they belong to, encrypts
 * and sends what the exchanges build, and alone handles retransmission, duplicates (a request
 * seen before gets the stored reply again, without reprocessing), message IDs, phase timeouts
 * and the mapping of errors to notifications.
 *
 * <p>Errors found before a message is proved authentic are logged and never answered with an
 * encrypted notification; only a refused MM1, which created no SA, is answered in the clear.
 *
 * <p>Never more replies than requests: a duplicate gets one copy of the stored reply, and one
 * stored reply goes out again at most {@code timer counter} times (racoon isakmp.c
 * check_recvdpkt's retry counter). The responder does not resend MM2 on its own timer: until MM3
 * echoes its cookie the initiator's address may be spoofed, and the initiator resends MM1 if
 * MM2 was lost. Error notifications are throttled per peer address.
 */
public final class ExchangeManager implements SaTable.Entry {

    private static final Logger IKE = LoggerFactory.getLogger("ike.ike");
    private static final Logger CHD = LoggerFactory.getLogger("ike.chd");
    private static final Logger ENC = LoggerFactory.getLogger("ike.enc");

    /** How many received messages keep their reply for duplicates (MM1, MM3, MM5 and a few QMs). */
    private static final int STORED_REPLIES = 16;
    /** How many message IDs of authentic phase-2 and Informational messages are remembered against replays. */
    private static final int USED_MESSAGE_IDS = 1024;

    private final IsakmpSa sa;
    private final Services services;
    private final MainMode mainMode;
    private final Map<Integer, QuickMode> quickModes = new HashMap<>();
    private final Map<Integer, Resendable> unanswered = new HashMap<>();
    private final Map<Octets, Resendable> replies = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Octets, Resendable> eldest) {
            return size() > STORED_REPLIES;
        }
    };
    /**
     * Message IDs the peer has used in authentic Quick Mode and Informational messages: one seen
     * again after its exchange ended (and its stored reply is gone) is a replay, refused before it
     * can start a Quick Mode or repeat a DELETE or INITIAL-CONTACT.
     */
    private final Set<Integer> usedMessageIds = Collections.newSetFromMap(new LinkedHashMap<>(64, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, Boolean> eldest) {
            return size() > USED_MESSAGE_IDS;
        }
    });
    private final List<SaRequest> waiting = new ArrayList<>();
    private final List<IpsecSa> ipsecSas = new ArrayList<>();
    /** The kernel requests behind the pairs we initiated, to negotiate them again on a soft expire. */
    private final Map<IpsecSa, SaRequest> initiated = new HashMap<>();
    /** The policies generate_policy added for the pairs we responded to, deleted with them. */
    private final Map<IpsecSa, List<PolicySpec>> generated = new HashMap<>();
    /** The pairs we negotiated as Quick Mode responder. */
    private final Set<IpsecSa> answered = new HashSet<>();
    private boolean peerInitialContact;
    /** Dead peer detection, when we probe this peer. */
    private Dpd dpd;
    /** Whether the SA ends because DPD found the peer dead. */
    private boolean peerDead;
    /**
     * Why phase 1 is in doubt, once a warning said so: a peer's MM5/MM6 that did not prove
     * itself, or an error notification in the clear. Neither ends phase 1 (anyone who saw the
     * cookies can send one); the warning is written once, and should phase 1 then run out of
     * time it ends with an INFO line: one warning per failed phase 1.
     */
    private String phase1Doubt;

    /**
     * A message that may go out again, and how many more times: the last message of an exchange
     * that awaits an answer (resent on the timer), or what a received message was answered with
     * (null: nothing; resent when that message comes again).
     */
    private static final class Resendable {
        final byte[] bytes;
        int resendsLeft;

        Resendable(byte[] bytes, int resendsLeft) {
            this.bytes = bytes;
            this.resendsLeft = resendsLeft;
        }
    }

    private ExchangeManager(IsakmpSa sa, Services services, MainMode mainMode) {
        this.sa = sa;
        this.services = services;
        this.mainMode = mainMode;
        arm(0, EngineTimer.Kind.PHASE_TIMEOUT, timers().phase1Timeout());
    }

    /**
     * Starts Main Mode as initiator and sends MM1; {@code first} is negotiated once phase 1 is up
     * (empty when an operator asked for phase 1 alone, racoonctl establish-sa isakmp, or when it
     * renews an ISAKMP SA whose IPsec SAs it will take over).
     */
    public static ExchangeManager initiate(IsakmpSa sa, Services services, Optional<SaRequest> first) {
        ExchangeManager m = new ExchangeManager(sa, services, MainMode.initiator(sa, services));
        first.ifPresent(m.waiting::add);
        IKE.info("{} initiating Main Mode to {} under {}", sa.cookies(), endpoint(sa.remote()), sa.policy());
        m.advance(m.mainMode, null);
        return m;
    }

    /** A responder SA for a peer's MM1, which {@link #receive} must be given next. */
    public static ExchangeManager respond(IsakmpSa sa, Services services) {
        return new ExchangeManager(sa, services, MainMode.responder(sa, services));
    }

    @Override
    public IsakmpSa sa() {
        return sa;
    }

    /** Whether the SA is gone (failed, expired or deleted) and can be dropped from the table. */
    public boolean dead() {
        return sa.state() == IsakmpSa.State.DEAD;
    }

    /** The IPsec SA pairs negotiated under this ISAKMP SA and still installed. */
    public List<IpsecSa> ipsecSas() {
        return List.copyOf(ipsecSas);
    }

    /**
     * A kernel request for an SA pair with this peer: Quick Mode now, or once phase 1 is up.
     * A request for traffic already being negotiated is ignored (racoon pfkey.c pk_recvacquire).
     */
    public void request(SaRequest request) {
        if (waiting.stream().anyMatch(w -> sameTraffic(w, request)) || quickModes.values().stream()
                .anyMatch(q -> q.request().map(r -> sameTraffic(r, request)).orElseGet(() -> q.answers(request)))) {
            CHD.debug("{} {} already being negotiated", sa.cookies(), request.selector());
            return;
        }
        if (sa.established()) {
            startQuickMode(request);
        } else {
            waiting.add(request);
        }
    }

    /**
     * The request to negotiate again when the kernel's soft lifetime of {@code pair} ran out: the
     * one we initiated it for; empty for a pair we responded to (racoon pfkey.c pk_recvexpire
     * leaves rekeying to the initiator).
     */
    public Optional<SaRequest> rekeyRequest(IpsecSa pair) {
        // taken out, so the soft expiry of the pair's other SA does not start a second renewal
        return Optional.ofNullable(initiated.remove(pair));
    }

    /**
     * Whether this ISAKMP SA, near the end of its lifetime, should be renewed: we initiated it,
     * IPsec SAs hang off it, and {@code rekey} asks for it (racoon isakmp.c isakmp_ph1dying).
     */
    public boolean wantsRenewal() {
        return sa.role() == Role.INITIATOR && sa.established() && !ipsecSas.isEmpty()
                && sa.policy().liveness().renews(dpd != null);
    }

    /**
     * A pair we negotiated as responder for the traffic {@code request} names: our outbound SA
     * goes in only on QM3, so the kernel may have ACQUIREd it for a reply sent before.
     */
    public Optional<IpsecSa> answeredPair(SaRequest request) {
        return answered.stream().filter(p -> p.selector().equals(request.selector())
                && p.protocol() == request.protocol()).findFirst();
    }

    /**
     * Takes over the IPsec SA pairs of an ISAKMP SA with the same peer that ended, so that
     * their expiry and renewal go on under this one (racoon isakmp.c migrate_ph12).
     */
    public void adopt(ExchangeManager predecessor) {
        IKE.info("{} takes over {} IPsec SA pairs from {}", sa.cookies(), predecessor.ipsecSas.size(),
                predecessor.sa.cookies());
        ipsecSas.addAll(predecessor.ipsecSas);
        initiated.putAll(predecessor.initiated);
        generated.putAll(predecessor.generated);
        answered.addAll(predecessor.answered);
        predecessor.ipsecSas.clear();
        predecessor.initiated.clear();
        predecessor.generated.clear();
        predecessor.answered.clear();
    }

    /** An IPsec SA pair the kernel expired (hard): forgotten, and the peer told with a DELETE of our SPI. */
    public void expired(IpsecSa pair) {
        forget(pair);
        if (sa.established()) {
            int protocol = pair.protocol() == IpsecProtocol.ESP ? ProtocolId.ESP : ProtocolId.AH;
            sendInformational(List.of(DeletePayload.of(protocol,
                    List.of(Octets.of(ByteBuffer.allocate(4).putInt(pair.inboundSpi()).array())))));
        }
    }

    /**
     * Whether the peer announced INITIAL-CONTACT since the last call: it has restarted, so the
     * SAs of our other ISAKMP SAs with it are stale (RFC 2407 section 4.6.3.3).
     */
    public boolean takePeerInitialContact() {
        boolean announced = peerInitialContact;
        peerInitialContact = false;
        return announced;
    }

    /** Drops this ISAKMP SA and removes its IPsec SAs from the kernel, telling the peer nothing (it restarted). */
    public void purge() {
        IKE.info("{} purged after the peer's INITIAL-CONTACT ({} IPsec SA pairs)", sa.cookies(), ipsecSas.size());
        removePairs();
        end();
    }

    /** Removes every IPsec SA pair of this ISAKMP SA from the kernel and forgets it. */
    private void removePairs() {
        for (IpsecSa pair : List.copyOf(ipsecSas)) {
            removeFromKernel(pair);
            forget(pair);
        }
    }

    /**
     * An operator's delete of one pair (racoonctl delete-sa, flush-sa; shutdown): it leaves the
     * kernel and the peer gets a DELETE of our SPI, as for a hard expire.
     */
    public void delete(IpsecSa pair) {
        removeFromKernel(pair);
        CHD.info("{} IPsec SA {} deleted", sa.cookies(), pair);
        expired(pair);
    }

    /**
     * An operator's delete of this ISAKMP SA: a DELETE of it to the peer if it was established;
     * with {@code withPairs} its IPsec SAs first, each as {@link #delete(IpsecSa)} (racoon's
     * purge_remote), else they stay under their own lifetimes (racoon's flushph1).
     */
    public void delete(boolean withPairs) {
        if (withPairs) {
            for (IpsecSa pair : List.copyOf(ipsecSas)) {
                delete(pair);
            }
        }
        if (sa.established()) {
            sendInformational(List.of(Informational.deleteIsakmpSa(sa.cookies())));
        }
        IKE.info("{} ISAKMP SA with {} deleted", sa.cookies(), sa.remote());
        end();
    }

    /** Deletes both SAs of a pair from the kernel; one the kernel no longer has is only logged. */
    private void removeFromKernel(IpsecSa pair) {
        for (SaId id : List.of(pair.inbound(), pair.outbound())) {
            try {
                services.kernel().deleteSa(id);
            } catch (KernelException e) {
                CHD.info("{} SA {} not deleted: {}", sa.cookies(), id, e.getMessage());
            }
        }
    }

    /**
     * Drops a half-open responder SA to make room for a newer MM1 from its address (the engine's
     * admission counts these), telling the peer nothing: it never showed it is there.
     */
    public void displace() {
        IKE.debug("{} half-open SA with {} displaced by a newer MM1", sa.cookies(), sa.remote());
        end();
    }

    /** A received datagram whose cookies name this SA. */
    public void receive(Datagram datagram, IsakmpHeader header) {
        Octets key = Octets.of(HashAlgorithm.SHA1.digest(datagram.data()));
        Resendable stored = replies.get(key);
        if (stored != null) {
            boolean resend = stored.bytes != null && stored.resendsLeft > 0;
            IKE.info("{} retransmitted {} mid {} received, {}", sa.cookies(), ExchangeType.name(header.exchangeType()),
                    Integer.toHexString(header.messageId()), resend ? "stored reply sent again"
                            : stored.bytes == null ? "ignored" : "ignored (stored reply already sent again "
                                    + timers().counter() + " times)");
            if (resend) {
                stored.resendsLeft--;
                services.sink().send(new Datagram(stored.bytes, sa.local(), sa.remote()));
            }
            return;
        }
        int mid = header.messageId();
        if (mid != 0 && !quickModes.containsKey(mid) && usedMessageIds.contains(mid)) {
            IKE.warn("{} {} mid {} from {} refused: message ID already used on this ISAKMP SA (replayed)",
                    sa.cookies(), ExchangeType.name(header.exchangeType()), Integer.toHexString(mid),
                    endpoint(sa.remote()));
            return;
        }
        switch (header.exchangeType()) {
            case ExchangeType.IDENTITY_PROTECTION -> {
                if (header.messageId() != 0 || mainMode.done() || dead()) {
                    IKE.info("{} unexpected Main Mode message dropped", sa.cookies());
                    return;
                }
                run(mainMode, datagram, header, key);
            }
            case ExchangeType.QUICK_MODE -> {
                if (!sa.established() || header.messageId() == 0) {
                    CHD.info("{} Quick Mode mid {} without an established ISAKMP SA dropped", sa.cookies(),
                            Integer.toHexString(header.messageId()));
                    return;
                }
                QuickMode qm = quickModes.get(header.messageId());
                if (qm == null) {
                    qm = QuickMode.responder(sa, services, header.messageId());
                    quickModes.put(header.messageId(), qm);
                    arm(header.messageId(), EngineTimer.Kind.PHASE_TIMEOUT, timers().phase2Timeout());
                }
                run(qm, datagram, header, key);
            }
            case ExchangeType.INFORMATIONAL -> informational(datagram.data(), header, key);
            default -> IKE.info("{} {} exchange not supported, dropped", sa.cookies(),
                    ExchangeType.name(header.exchangeType()));
        }
    }

    /** A timer of this SA fired. */
    public void timerExpired(EngineTimer timer) {
        int mid = timer.messageId();
        switch (timer.kind()) {
            case RETRANSMIT -> {
                Resendable u = unanswered.get(mid);
                if (u == null) {
                    return;
                }
                if (u.resendsLeft == 0) {
                    failExchange(mid, "no answer after " + timers().counter() + " retransmissions");
                    return;
                }
                u.resendsLeft--;
                IKE.info("{} mid {} no answer yet, message sent again ({} retransmissions left)", sa.cookies(),
                        Integer.toHexString(mid), u.resendsLeft);
                send(u.bytes);
                arm(mid, EngineTimer.Kind.RETRANSMIT, timers().interval());
            }
            case PHASE_TIMEOUT -> {
                if (mid == 0 && !sa.established() || mid != 0 && quickModes.containsKey(mid)) {
                    failExchange(mid, "phase " + (mid == 0 ? 1 : 2) + " negotiation failed due to time up");
                }
            }
            case LIFETIME -> {
                IKE.info("{} ISAKMP SA lifetime over, deleted", sa.cookies());
                sendInformational(List.of(Informational.deleteIsakmpSa(sa.cookies())));
                end();
            }
            case DPD -> dpdCheck();
            case NATT_KEEPALIVE -> {
                services.sink().send(Datagram.keepalive(sa.local(), sa.remote()));
                arm(0, EngineTimer.Kind.NATT_KEEPALIVE, timers().nattKeepalive());
            }
            // REKEY goes to the engine, which alone creates ISAKMP SAs
        }
    }

    /**
     * The DPD timer fired: nothing if the peer sent traffic since the last check, else another
     * R-U-THERE, or the peer is dead and its SAs go (racoon isakmp_info_send_r_u).
     */
    private void dpdCheck() {
        if (dpd == null || !sa.established()) {
            return;
        }
        Dpd.Step step = dpd.due(inboundBytes());
        if (step instanceof Dpd.Alive a) {
            IKE.debug("{} DPD: traffic from {} since the last check, no R-U-THERE", sa.cookies(), sa.remote());
            arm(0, EngineTimer.Kind.DPD, a.nextCheck());
        } else if (step instanceof Dpd.Probe p) {
            IKE.debug("{} DPD: R-U-THERE seq {} to {} ({} unanswered)", sa.cookies(), p.sequence(), sa.remote(),
                    p.failures());
            sendInformational(List.of(Dpd.rUThere(sa.cookies(), p.sequence())));
            arm(0, EngineTimer.Kind.DPD, p.nextCheck());
        } else {
            IKE.warn("{} DPD: peer {} seems dead ({} R-U-THEREs unanswered), its SAs are removed", sa.cookies(),
                    sa.remote(), ((Dpd.Dead) step).failures());
            peerDead = true;
            removePairs();
            end();
        }
    }

    /**
     * The bytes the kernel counted on the inbound SA of each pair (PF_KEY's current lifetime,
     * XFRM's curlft); a pair the kernel cannot tell about counts nothing.
     */
    private Map<SaId, Long> inboundBytes() {
        Map<SaId, Long> bytes = new HashMap<>();
        for (IpsecSa pair : ipsecSas) {
            try {
                services.kernel().getSa(pair.inbound()).ifPresent(k -> bytes.put(pair.inbound(), k.current().bytes()));
            } catch (KernelException e) {
                IKE.debug("{} DPD: SA {} not looked up: {}", sa.cookies(), pair.inbound(), e.getMessage());
            }
        }
        return bytes;
    }

    /** Decrypts, checks and processes one message of {@code exchange}, then sends what follows. */
    private void run(Exchange exchange, Datagram datagram, IsakmpHeader header, Octets key) {
        byte[] data = datagram.data();
        Inbound in = null;
        try {
            DecryptedMessage decrypted = null;
            byte[] plaintext = data;
            IsakmpMessage message;
            if (header.encrypted()) {
                MessageProtection protection = sa.protection().orElseThrow(() -> new IsakmpProtocolException(
                        NotifyType.INVALID_FLAGS, "encrypted message before the keys exist"));
                decrypted = protection.decrypt(data);
                plaintext = decrypted.message();
                message = IsakmpMessage.decodeBody(header, plaintext, IsakmpHeader.LENGTH,
                        plaintext.length - IsakmpHeader.LENGTH);
            } else {
                message = IsakmpMessage.decode(data);
            }
            ENC.debug("{} received {}", sa.cookies(), message);
            MessageRules rules = exchange.expected();
            rules.check(message);
            in = new Inbound(message, plaintext);
            exchange.process(in);
            if (decrypted != null) {
                sa.protection().orElseThrow().confirm(decrypted);
            }
            if (exchange.messageId() != 0) {
                usedMessageIds.add(exchange.messageId());
            }
        } catch (IsakmpProtocolException e) {
            refused(exchange, e.notifyType(), e.getMessage(), in != null && in.authenticated(), key);
            return;
        } catch (CryptoException e) {
            refused(exchange, e.notifyType(), e.getMessage(), false, key);
            return;
        } catch (KernelException e) {
            failExchange(exchange.messageId(), "kernel refused: " + e.getMessage());
            return;
        }
        answered(exchange.messageId());
        follow(datagram);
        advance(exchange, key);
    }

    /**
     * With NAT traversal the SA follows where the peer's authentic messages come from and go to:
     * the responder to the NAT-T port after MM5, either side to a NAT's new mapping (RFC 3947
     * section 4). Before phase 1 is authenticated the endpoints stay as they are.
     */
    private void follow(Datagram datagram) {
        if (sa.natTraversal().isEmpty() || !sa.established()
                || datagram.local().equals(sa.local()) && datagram.remote().equals(sa.remote())) {
            return;
        }
        IKE.info("{} peer moved: {} -> {} now {} -> {}", sa.cookies(), sa.local(), sa.remote(), datagram.local(),
                datagram.remote());
        sa.moved(datagram.local(), datagram.remote());
    }

    /** Builds and sends the exchange's next message, if any, and notes what the exchange now waits for. */
    private void advance(Exchange exchange, Octets receivedKey) {
        byte[] bytes = null;
        try {
            Optional<IsakmpMessage> next = exchange.build();
            if (next.isPresent()) {
                bytes = protect(next.get());
            }
        } catch (IsakmpProtocolException e) {
            refused(exchange, e.notifyType(), e.getMessage(), true, receivedKey);
            return;
        } catch (CryptoException e) {
            // the peer's PFS value turned out unusable only when the shared secret was computed
            refused(exchange, e.notifyType(), e.getMessage(), true, receivedKey);
            return;
        } catch (KernelException e) {
            failExchange(exchange.messageId(), "kernel refused: " + e.getMessage());
            return;
        }
        if (receivedKey != null) {
            store(receivedKey, bytes);
        }
        if (bytes != null) {
            send(bytes);
            if (awaitingMm3()) {
                // said once MM1 is accepted, so that a flood of refused MM1s writes no line each
                IKE.info("{} responding to Main Mode from {} under {}", sa.cookies(), endpoint(sa.remote()),
                        sa.policy());
            }
            if (!exchange.done() && !awaitingMm3()) {
                unanswered.put(exchange.messageId(), new Resendable(bytes, timers().counter()));
                arm(exchange.messageId(), EngineTimer.Kind.RETRANSMIT, timers().interval());
            }
        }
        if (exchange.done()) {
            finished(exchange);
        }
    }

    /** Whether this is a responder that sent MM2 and has no proof yet that the initiator's address is real. */
    private boolean awaitingMm3() {
        return sa.role() == Role.RESPONDER && sa.state() == IsakmpSa.State.MM_KE;
    }

    private void store(Octets receivedKey, byte[] reply) {
        replies.put(receivedKey, new Resendable(reply, timers().counter()));
    }

    private void finished(Exchange exchange) {
        int mid = exchange.messageId();
        cancel(mid, EngineTimer.Kind.PHASE_TIMEOUT);
        if (exchange == mainMode) {
            IKE.info("{} ISAKMP SA established with {} ({})", sa.cookies(), endpoint(sa.remote()),
                    sa.proposal().orElseThrow());
            services.sink().event(new EngineEvent.Phase1Established(sa.cookies(), sa.remote(), sa.local(),
                    sa.peerId()));
            long lifetime = sa.proposal().orElseThrow().lifetimeSeconds();
            arm(0, EngineTimer.Kind.LIFETIME, Duration.ofSeconds(lifetime));
            if (sa.policy().liveness().probes() && sa.peerDpd()) {
                dpd = new Dpd(sa.policy().liveness(), services.random());
                arm(0, EngineTimer.Kind.DPD, dpd.firstCheck());
            }
            if (sa.role() == Role.INITIATOR && sa.policy().liveness().renews(dpd != null)) {
                // racoon's ph1 goes DYING at 80 % (PFKEY_SOFT_LIFETIME_RATE), when its successor is negotiated
                arm(0, EngineTimer.Kind.REKEY, Duration.ofMillis(lifetime * 800));
            }
            peerInitialContact = mainMode.peerInitialContact();
            if (sa.natDetected() && sa.behindNat() && !timers().nattKeepalive().isZero()) {
                // only the side behind the NAT keeps its mapping open (RFC 3948 section 2.3)
                IKE.info("{} behind a NAT: keepalives to {} every {} s", sa.cookies(), sa.remote(),
                        timers().nattKeepalive().toSeconds());
                arm(0, EngineTimer.Kind.NATT_KEEPALIVE, timers().nattKeepalive());
            }
            InetAddress peer = sa.remote().getAddress();
            if (sa.policy().initialContact() && services.firstContact(peer)) {
                sendInformational(List.of(Informational.aboutIsakmpSa(sa.cookies(), NotifyType.INITIAL_CONTACT)));
            }
            List<SaRequest> requests = new ArrayList<>(waiting);
            waiting.clear();
            requests.forEach(this::startQuickMode);
        } else if (exchange instanceof QuickMode qm) {
            quickModes.remove(mid);
            sa.protection().orElseThrow().forget(mid);
            ipsecSas.addAll(qm.installed());
            qm.request().ifPresentOrElse(r -> qm.installed().forEach(pair -> initiated.put(pair, r)),
                    () -> answered.addAll(qm.installed()));
            if (!qm.generatedPolicies().isEmpty()) {
                qm.installed().forEach(pair -> generated.put(pair, qm.generatedPolicies()));
            }
            services.sink().event(new EngineEvent.Phase2Established(sa.cookies(), qm.installed()));
        }
    }

    private void startQuickMode(SaRequest request) {
        Optional<Phase2Policy> policy = services.policies().phase2(request.selector());
        if (policy.isEmpty()) {
            CHD.warn("{} phase 2 with {} failed: no phase-2 policy for {}", sa.cookies(), endpoint(sa.remote()),
                    request.selector());
            services.sink().event(new EngineEvent.Phase2Failed(sa.cookies(), 0,
                    "no phase-2 policy for " + request.selector()));
            return;
        }
        int mid;
        do {
            mid = services.newMessageId();
        } while (quickModes.containsKey(mid));
        QuickMode qm = QuickMode.initiator(sa, services, mid, request, policy.get());
        quickModes.put(mid, qm);
        CHD.info("{} mid {} initiating Quick Mode for {}", sa.cookies(), Integer.toHexString(mid), request.selector());
        arm(mid, EngineTimer.Kind.PHASE_TIMEOUT, timers().phase2Timeout());
        advance(qm, null);
    }

    /**
     * A message the exchange refused. Phase 1 ends, unless the refused message is an MM5/MM6
     * that did not prove itself: that one is dropped and phase 1 waits for a valid one. A refused
     * MM1 (no SA yet) is answered in the clear. A phase-2 exchange ends; it is answered with a
     * protected notification only when the refused message was authentic. A retransmission of an
     * authentic refused message gets the same answer without a second refusal. Either
     * notification goes out only if the peer's address has not had one within the throttle's
     * interval.
     *
     * @param receivedKey the refused message's digest, null when the refusal came while building
     */
    private void refused(Exchange exchange, int notifyType, String reason, boolean authenticated, Octets receivedKey) {
        String line = reason + " (" + NotifyType.name(notifyType) + ")";
        if (exchange == mainMode) {
            if (sa.role() == Role.RESPONDER && sa.state() == IsakmpSa.State.MM_SA) {
                byte[] notification = services.mayNotifyError(sa.remote().getAddress())
                        ? protect(Informational.unprotectedNotify(sa.cookies(), services.newMessageId(), notifyType))
                        : null;
                if (notification != null) {
                    send(notification);
                }
                // kept for a retransmitted MM1, which the engine hands to this SA while it remembers it
                store(receivedKey, notification);
                // a flood of refused MM1s writes one warning per NOTIFY type and period, each at DEBUG
                String refusal = sa.cookies() + " phase 1 with " + endpoint(sa.remote()) + " refused: " + line;
                services.firstMessageRefusals().warn(NotifyType.name(notifyType), () -> refusal);
                endExchange(0, "refused", line, Level.DEBUG);
                return;
            }
            if (sa.state() == IsakmpSa.State.MM_AUTH && !authenticated) {
                if (sa.proposal().map(p -> p.authMethod() == AuthMethod.PRE_SHARED_KEY).orElse(false)) {
                    line = preSharedKeyMismatch(notifyType, line);
                }
                unprovenMainModeMessage(line, receivedKey);
                return;
            }
            endExchange(0, "refused", line, Level.WARN);
            return;
        }
        if (!authenticated && exchange instanceof QuickMode qm && !qm.awaitingFirstMessage()) {
            // anyone can send a message with our cookies and message ID: one that does not prove
            // itself must not end the peer's Quick Mode, which goes on (racoon drops it too)
            CHD.warn("{} mid {} message from {} dropped, the Quick Mode goes on: {}", sa.cookies(),
                    Integer.toHexString(exchange.messageId()), endpoint(sa.remote()), line);
            return;
        }
        if (authenticated) {
            byte[] notification = services.mayNotifyError(sa.remote().getAddress())
                    ? sendInformational(List.of(NotifyPayload.of(ProtocolId.ISAKMP,
                            Informational.cookieSpi(sa.cookies()), notifyType, Octets.EMPTY)))
                    : null;
            if (receivedKey != null) {
                store(receivedKey, notification);
            }
        }
        endExchange(exchange.messageId(), "refused", line, Level.WARN);
    }

    /**
     * A peer's MM5/MM6 that did not decrypt, parse or verify. Anyone who saw the cookies can
     * send one, so it must not end a phase 1 in progress: it is dropped (a copy of it is then
     * ignored as a duplicate), the IV chain stays where it was, and the SA waits for a valid one
     * until its phase-1 timeout, as initiator resending MM5 meanwhile (racoon drops such a
     * message as well and goes on resending).
     */
    private void unprovenMainModeMessage(String reason, Octets receivedKey) {
        if (receivedKey != null) {
            store(receivedKey, null);
        }
        String awaited = sa.role() == Role.RESPONDER ? "MM5" : "MM6";
        doubt("refused: " + reason + "; still waiting for a valid " + awaited, reason);
    }

    /** Phase 1 is in doubt for {@code reason}: the first doubt of an SA is a warning, later ones are INFO. */
    private void doubt(String line, String reason) {
        Level level = phase1Doubt == null ? Level.WARN : Level.INFO;
        if (phase1Doubt == null) {
            phase1Doubt = reason;
        }
        IKE.atLevel(level).log("{} phase 1 with {} {}", sa.cookies(), endpoint(sa.remote()), line);
    }

    /**
     * The reason for a peer's MM5/MM6 that did not prove itself under a pre-shared key. Both
     * sides agreed on everything else in MM1-MM4, so a HASH that does not verify, or a message
     * that decrypts to garbage (SKEYID_e comes from the key too), means the keys differ.
     */
    private String preSharedKeyMismatch(int notifyType, String refusal) {
        boolean responder = sa.role() == Role.RESPONDER;
        if (notifyType == NotifyType.INVALID_HASH_INFORMATION) {
            return "pre-shared key mismatch or forged packet: " + (responder ? "HASH_I" : "HASH_R")
                    + " does not verify (" + NotifyType.name(notifyType) + ")";
        }
        return "pre-shared key mismatch or forged packet: " + (responder ? "MM5" : "MM6")
                + " does not decrypt to a valid message: " + refusal;
    }

    /**
     * Ends phase 1 (message ID 0) or one Quick Mode that did not complete, with one log line and
     * an event; a phase 1 in doubt was warned about already, and its end says after what.
     */
    private void failExchange(int mid, String reason) {
        if (mid == 0 && phase1Doubt != null) {
            endExchange(0, "failed", reason + "; earlier: " + phase1Doubt, Level.INFO);
            return;
        }
        endExchange(mid, "failed", reason, Level.WARN);
    }

    /**
     * Ends phase 1 or one Quick Mode with one line naming the cookies, the peer and why:
     * "refused" when we refused the peer's message, "failed" when the exchange did not complete.
     */
    private void endExchange(int mid, String verb, String reason, Level level) {
        cancel(mid, EngineTimer.Kind.RETRANSMIT);
        cancel(mid, EngineTimer.Kind.PHASE_TIMEOUT);
        unanswered.remove(mid);
        if (mid == 0) {
            IKE.atLevel(level).log("{} phase 1 with {} {}: {}", sa.cookies(), endpoint(sa.remote()), verb, reason);
            services.sink().event(new EngineEvent.Phase1Failed(sa.cookies(), sa.remote(), reason));
            waiting.clear();
            end();
            return;
        }
        QuickMode qm = quickModes.remove(mid);
        if (qm != null) {
            qm.abandon();
            sa.protection().ifPresent(p -> p.forget(mid));
            CHD.atLevel(level).log("{} mid {} phase 2 with {} {}: {}", sa.cookies(), Integer.toHexString(mid),
                    endpoint(sa.remote()), verb, reason);
            services.sink().event(new EngineEvent.Phase2Failed(sa.cookies(), mid, reason));
        }
    }

    /** Marks the SA dead and cancels its timers; an established one is reported down. */
    private void end() {
        if (sa.established()) {
            services.sink().event(new EngineEvent.Phase1Down(sa.cookies(), sa.remote(), sa.local(), sa.peerId(),
                    peerDead));
        }
        for (int mid : new ArrayList<>(quickModes.keySet())) {
            failExchange(mid, "ISAKMP SA gone");
        }
        for (int mid : new ArrayList<>(unanswered.keySet())) {
            cancel(mid, EngineTimer.Kind.RETRANSMIT);
        }
        unanswered.clear();
        cancel(0, EngineTimer.Kind.PHASE_TIMEOUT);
        cancel(0, EngineTimer.Kind.LIFETIME);
        cancel(0, EngineTimer.Kind.REKEY);
        cancel(0, EngineTimer.Kind.DPD);
        cancel(0, EngineTimer.Kind.NATT_KEEPALIVE);
        sa.state(IsakmpSa.State.DEAD);
    }

    /** An Informational: protected ones act once authentic, clear ones only while MM1 is unanswered. */
    private void informational(byte[] data, IsakmpHeader header, Octets key) {
        int mid = header.messageId();
        try {
            if (!header.encrypted()) {
                IsakmpMessage message = IsakmpMessage.decode(data);
                if (sa.role() == Role.INITIATOR && sa.state() == IsakmpSa.State.MM_SA) {
                    MessageRules.INFORMATIONAL_UNPROTECTED.check(message);
                    // nothing proves who sent it: the peer's claim, while MM1 goes on being resent
                    String claim = "peer says " + notifyNames(message.payloads(NotifyPayload.class))
                            + " in the clear (unauthenticated)";
                    doubt("in doubt: " + claim + "; still waiting for MM2", claim);
                } else {
                    // RFC 2408 section 5.5: once the SA has keys, only a protected Informational counts
                    IKE.warn("{} Informational mid {} from {} in the clear ignored: {}", sa.cookies(),
                            Integer.toHexString(mid), endpoint(sa.remote()), contents(message));
                }
                return;
            }
            MessageProtection protection = sa.protection().orElseThrow(() -> new IsakmpProtocolException(
                    NotifyType.INVALID_FLAGS, "encrypted Informational before the keys exist"));
            byte[] plaintext = protection.decrypt(data).message();
            IsakmpMessage message = IsakmpMessage.decodeBody(header, plaintext, IsakmpHeader.LENGTH,
                    plaintext.length - IsakmpHeader.LENGTH);
            MessageRules.INFORMATIONAL_PROTECTED.check(message);
            Informational.Received received = Informational.process(new Inbound(message, plaintext),
                    sa.keys().orElseThrow());
            usedMessageIds.add(mid);
            protection.forget(mid);
            store(key, null);
            for (NotifyPayload n : received.notifications()) {
                if (n.notifyType() == NotifyType.R_U_THERE || n.notifyType() == NotifyType.R_U_THERE_ACK) {
                    dpdNotification(n);
                    continue;
                }
                IKE.info("{} peer notifies {}", sa.cookies(), n);
                peerInitialContact |= n.notifyType() == NotifyType.INITIAL_CONTACT;
                if (NotifyType.isError(n.notifyType())) {
                    // an authentic error: the Quick Modes we started and the peer has not answered are refused
                    for (QuickMode qm : List.copyOf(quickModes.values())) {
                        if (qm.awaitingFirstAnswer()) {
                            failExchange(qm.messageId(), "peer refused with " + NotifyType.name(n.notifyType()));
                        }
                    }
                }
            }
            for (DeletePayload d : received.deletions()) {
                deleted(d);
            }
        } catch (IsakmpProtocolException e) {
            informationalDropped(mid, e.getMessage(), e.notifyType());
        } catch (CryptoException e) {
            informationalDropped(mid, e.getMessage(), e.notifyType());
        }
    }

    /** An authentic R-U-THERE is answered (RFC 3706 section 5.3); an ACK counts for our probing. */
    private void dpdNotification(NotifyPayload n) {
        OptionalInt sequence = Dpd.sequenceOf(n);
        if (sequence.isEmpty()) {
            IKE.info("{} {} without a 4-octet sequence number ignored", sa.cookies(), NotifyType.name(n.notifyType()));
            return;
        }
        if (n.notifyType() == NotifyType.R_U_THERE) {
            IKE.debug("{} DPD: R-U-THERE seq {} answered", sa.cookies(), sequence.getAsInt());
            sendInformational(List.of(Dpd.ack(sa.cookies(), n)));
            return;
        }
        Optional<Duration> next = dpd == null ? Optional.empty() : dpd.acknowledged(sequence.getAsInt());
        if (next.isEmpty()) {
            IKE.debug("{} DPD: R-U-THERE-ACK seq {} answers nothing outstanding, ignored", sa.cookies(),
                    sequence.getAsInt());
            return;
        }
        IKE.debug("{} DPD: R-U-THERE-ACK seq {} received", sa.cookies(), sequence.getAsInt());
        arm(0, EngineTimer.Kind.DPD, next.get());
    }

    /**
     * One line for an Informational that did not prove itself: it changes nothing. Before our
     * phase 1 is complete it is INFO: the peer's first Informational after MM6 (INITIAL-CONTACT)
     * is under an IV we have only once we took MM6, and a phase 1 in doubt was warned about.
     */
    private void informationalDropped(int mid, String reason, int notifyType) {
        IKE.atLevel(sa.established() ? Level.WARN : Level.INFO).log("{} Informational mid {} from {} dropped: {} ({})",
                sa.cookies(), Integer.toHexString(mid), endpoint(sa.remote()), reason, NotifyType.name(notifyType));
    }

    /** The peer's DELETE: of this ISAKMP SA, or of IPsec SAs by the SPIs it chose (our outbound ones). */
    private void deleted(DeletePayload d) {
        if (d.protocolId() == ProtocolId.ISAKMP) {
            if (d.spis().contains(Informational.cookieSpi(sa.cookies()))) {
                IKE.info("{} peer deleted the ISAKMP SA", sa.cookies());
                end();
            }
            return;
        }
        for (Octets spi : d.spis()) {
            int value = ByteBuffer.wrap(spi.toByteArray()).getInt();
            for (IpsecSa pair : List.copyOf(ipsecSas)) {
                if (pair.outboundSpi() == value && ProtocolId.name(d.protocolId()).equals(pair.protocol().name())) {
                    try {
                        services.kernel().deleteSa(pair.inbound());
                        services.kernel().deleteSa(pair.outbound());
                        CHD.info("{} peer deleted IPsec SA {}", sa.cookies(), pair);
                    } catch (KernelException e) {
                        CHD.warn("{} peer deleted IPsec SA {}, kernel: {}", sa.cookies(), pair, e.getMessage());
                    }
                    forget(pair);
                }
            }
        }
    }

    /**
     * Drops a pair that is gone, and the policies generated for it unless a newer pair of the
     * same traffic still needs them (racoon handler.c delph2 deletes them with the pair).
     */
    private void forget(IpsecSa pair) {
        ipsecSas.remove(pair);
        initiated.remove(pair);
        answered.remove(pair);
        List<PolicySpec> policies = generated.remove(pair);
        if (policies == null || ipsecSas.stream().anyMatch(p -> p.selector().equals(pair.selector()))) {
            return;
        }
        for (PolicySpec p : policies) {
            try {
                services.kernel().deletePolicy(p.selector(), p.direction());
            } catch (KernelException e) {
                // the kernel may have expired it already by its lifetime
                CHD.info("{} generated policy {} {} not deleted: {}", sa.cookies(), p.direction(), p.selector(),
                        e.getMessage());
            }
        }
        CHD.info("{} generated policies for {} deleted", sa.cookies(), pair.selector());
    }

    /** Sends a protected Informational (the SA has keys) and returns it as sent. */
    private byte[] sendInformational(List<Payload> payloads) {
        int mid = services.newMessageId();
        byte[] bytes = protect(Informational.protectedMessage(sa.cookies(), sa.keys().orElseThrow(), mid, payloads));
        send(bytes);
        sa.protection().orElseThrow().forget(mid);
        return bytes;
    }

    /** Encodes a message and encrypts it when its header asks for it. */
    private byte[] protect(IsakmpMessage message) {
        ENC.debug("{} sending {}", sa.cookies(), message);
        byte[] bytes = message.encode();
        return message.header().encrypted() ? sa.protection().orElseThrow().encrypt(bytes) : bytes;
    }

    private void send(byte[] bytes) {
        for (int i = 0; i < timers().persend(); i++) {
            services.sink().send(new Datagram(bytes, sa.local(), sa.remote()));
        }
    }

    private void answered(int mid) {
        if (unanswered.remove(mid) != null) {
            cancel(mid, EngineTimer.Kind.RETRANSMIT);
        }
    }

    private Timers timers() {
        return sa.policy().timers();
    }

    private EngineTimer timer(int mid, EngineTimer.Kind kind) {
        return new EngineTimer(sa.serial(), mid, kind);
    }

    private void arm(int mid, EngineTimer.Kind kind, Duration delay) {
        services.sink().arm(timer(mid, kind), delay);
    }

    private void cancel(int mid, EngineTimer.Kind kind) {
        services.sink().cancel(timer(mid, kind));
    }

    private static boolean sameTraffic(SaRequest a, SaRequest b) {
        return a.selector().equals(b.selector()) && a.protocol() == b.protocol() && a.peer().equals(b.peer());
    }

    /** A peer's address and port as racoon logs them, {@code 192.0.2.1[500]}. */
    private static String endpoint(InetSocketAddress address) {
        return address.getAddress().getHostAddress() + "[" + address.getPort() + "]";
    }

    /** What an Informational carries, for a log line: notification names and the protocols of deletions. */
    private static String contents(IsakmpMessage message) {
        List<String> parts = new ArrayList<>();
        for (Payload p : message.payloads()) {
            if (p instanceof NotifyPayload n) {
                parts.add(NotifyType.name(n.notifyType()));
            } else if (p instanceof DeletePayload d) {
                parts.add("DELETE " + ProtocolId.name(d.protocolId()) + " (" + d.spis().size() + " SPIs)");
            }
        }
        return parts.isEmpty() ? "no notification or deletion" : String.join(", ", parts);
    }

    private static String notifyNames(List<NotifyPayload> notifications) {
        List<String> names = new ArrayList<>();
        notifications.forEach(n -> names.add(NotifyType.name(n.notifyType())));
        return String.join(", ", names);
    }

    @Override
    public String toString() {
        return sa.toString();
    }
}
