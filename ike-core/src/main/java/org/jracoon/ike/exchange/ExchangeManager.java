package org.jracoon.ike.exchange;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import org.jracoon.ike.crypto.CryptoException;
import org.jracoon.ike.crypto.HashAlgorithm;
import org.jracoon.ike.engine.Datagram;
import org.jracoon.ike.engine.EngineEvent;
import org.jracoon.ike.engine.EngineTimer;
import org.jracoon.ike.engine.SaRequest;
import org.jracoon.ike.kernel.IpsecProtocol;
import org.jracoon.ike.kernel.KernelException;
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

/**
 * The one owner of an ISAKMP SA's traffic (the role of strongSwan's task_manager_v1.c): it
 * decrypts and checks received messages, hands them to the exchange they belong to, encrypts
 * and sends what the exchanges build, and alone handles retransmission, duplicates (a request
 * seen before gets the stored reply again, without reprocessing), message IDs, phase timeouts
 * and the mapping of errors to notifications.
 *
 * <p>Errors found before a message is proved authentic are logged and never answered with an
 * encrypted notification; only a refused MM1, which created no SA, is answered in the clear.
 */
public final class ExchangeManager implements SaTable.Entry {

    private static final Logger IKE = LoggerFactory.getLogger("ike.ike");
    private static final Logger CHD = LoggerFactory.getLogger("ike.chd");
    private static final Logger ENC = LoggerFactory.getLogger("ike.enc");

    /** How many received messages keep their reply for duplicates (MM1, MM3, MM5 and a few QMs). */
    private static final int STORED_REPLIES = 16;

    private final IsakmpSa sa;
    private final Services services;
    private final MainMode mainMode;
    private final Map<Integer, QuickMode> quickModes = new HashMap<>();
    private final Map<Integer, Unanswered> unanswered = new HashMap<>();
    private final Map<Octets, Optional<byte[]>> replies = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Octets, Optional<byte[]>> eldest) {
            return size() > STORED_REPLIES;
        }
    };
    private final List<SaRequest> waiting = new ArrayList<>();
    private final List<IpsecSa> ipsecSas = new ArrayList<>();
    /** The kernel requests behind the pairs we initiated, to negotiate them again on a soft expire. */
    private final Map<IpsecSa, SaRequest> initiated = new HashMap<>();
    private boolean peerInitialContact;
    /** Dead peer detection, when we probe this peer. */
    private Dpd dpd;
    /** Whether the SA ends because DPD found the peer dead. */
    private boolean peerDead;

    /** The last message of an exchange that awaits an answer, and how many resends are left. */
    private static final class Unanswered {
        final byte[] bytes;
        int resendsLeft;

        Unanswered(byte[] bytes, int resendsLeft) {
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
     * Starts Main Mode as initiator and sends MM1; the requests wait for phase 1 (none when
     * it renews an ISAKMP SA whose IPsec SAs it will take over).
     */
    public static ExchangeManager initiate(IsakmpSa sa, Services services, List<SaRequest> first) {
        ExchangeManager m = new ExchangeManager(sa, services, MainMode.initiator(sa, services));
        m.waiting.addAll(first);
        IKE.info("{} initiating Main Mode to {} under {}", sa.cookies(), sa.remote(), sa.policy());
        m.advance(m.mainMode, null);
        return m;
    }

    /** A responder SA for a peer's MM1, which {@link #receive} must be given next. */
    public static ExchangeManager respond(IsakmpSa sa, Services services) {
        IKE.info("{} responding to Main Mode from {} under {}", sa.cookies(), sa.remote(), sa.policy());
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
        if (waiting.stream().anyMatch(w -> sameTraffic(w, request))
                || quickModes.values().stream()
                        .anyMatch(q -> q.request().filter(r -> sameTraffic(r, request)).isPresent())) {
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
     * Takes over the IPsec SA pairs of an ISAKMP SA with the same peer that ended, so that
     * their expiry and renewal go on under this one (racoon isakmp.c migrate_ph12).
     */
    public void adopt(ExchangeManager predecessor) {
        IKE.info("{} takes over {} IPsec SA pairs from {}", sa.cookies(), predecessor.ipsecSas.size(),
                predecessor.sa.cookies());
        ipsecSas.addAll(predecessor.ipsecSas);
        initiated.putAll(predecessor.initiated);
        predecessor.ipsecSas.clear();
        predecessor.initiated.clear();
    }

    /** An IPsec SA pair the kernel expired (hard): forgotten, and the peer told with a DELETE of our SPI. */
    public void expired(IpsecSa pair) {
        ipsecSas.remove(pair);
        initiated.remove(pair);
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
            for (SaId id : List.of(pair.inbound(), pair.outbound())) {
                try {
                    services.kernel().deleteSa(id);
                } catch (KernelException e) {
                    CHD.info("{} SA {} not deleted: {}", sa.cookies(), id, e.getMessage());
                }
            }
        }
        ipsecSas.clear();
        initiated.clear();
    }

    /** A received datagram whose cookies name this SA. */
    public void receive(Datagram datagram, IsakmpHeader header) {
        Octets key = Octets.of(HashAlgorithm.SHA1.digest(datagram.data()));
        if (replies.containsKey(key)) {
            Optional<byte[]> reply = replies.get(key);
            IKE.info("{} retransmitted {} mid {} received, {}", sa.cookies(), ExchangeType.name(header.exchangeType()),
                    Integer.toHexString(header.messageId()), reply.isPresent() ? "stored reply sent again" : "ignored");
            reply.ifPresent(this::send);
            return;
        }
        switch (header.exchangeType()) {
            case ExchangeType.IDENTITY_PROTECTION -> {
                if (header.messageId() != 0 || mainMode.done() || dead()) {
                    IKE.info("{} unexpected Main Mode message dropped", sa.cookies());
                    return;
                }
                run(mainMode, datagram.data(), header, key);
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
                run(qm, datagram.data(), header, key);
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
                Unanswered u = unanswered.get(mid);
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
            // REKEY goes to the engine, which alone creates ISAKMP SAs
        }
    }

    /** The DPD timer fired: another R-U-THERE, or the peer is dead and its SAs go (racoon isakmp_info_send_r_u). */
    private void dpdCheck() {
        if (dpd == null || !sa.established()) {
            return;
        }
        Dpd.Step step = dpd.due();
        if (step instanceof Dpd.Probe p) {
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

    /** Decrypts, checks and processes one message of {@code exchange}, then sends what follows. */
    private void run(Exchange exchange, byte[] data, IsakmpHeader header, Octets key) {
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
        advance(exchange, key);
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
            replies.put(receivedKey, Optional.ofNullable(bytes));
        }
        if (bytes != null) {
            send(bytes);
            if (!exchange.done()) {
                unanswered.put(exchange.messageId(), new Unanswered(bytes, timers().counter()));
                arm(exchange.messageId(), EngineTimer.Kind.RETRANSMIT, timers().interval());
            }
        }
        if (exchange.done()) {
            finished(exchange);
        }
    }

    private void finished(Exchange exchange) {
        int mid = exchange.messageId();
        cancel(mid, EngineTimer.Kind.PHASE_TIMEOUT);
        if (exchange == mainMode) {
            IKE.info("{} ISAKMP SA established with {} ({})", sa.cookies(), sa.remote(), sa.proposal().orElseThrow());
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
            qm.request().ifPresent(r -> qm.installed().forEach(pair -> initiated.put(pair, r)));
            services.sink().event(new EngineEvent.Phase2Established(sa.cookies(), qm.installed()));
        }
    }

    private void startQuickMode(SaRequest request) {
        Optional<Phase2Policy> policy = services.policies().phase2(request.selector());
        if (policy.isEmpty()) {
            CHD.warn("{} phase 2 with {} failed: no phase-2 policy for {}", sa.cookies(), sa.remote(),
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
     * A message the exchange refused. Phase 1 ends; a refused MM1 (no SA yet) is answered in
     * the clear. A phase-2 exchange ends; it is answered with a protected notification only
     * when the refused message was authentic. A retransmission of an authentic refused message
     * gets the same answer without a second refusal.
     *
     * @param receivedKey the refused message's digest, null when the refusal came while building
     */
    private void refused(Exchange exchange, int notifyType, String reason, boolean authenticated, Octets receivedKey) {
        String line = reason + " (" + NotifyType.name(notifyType) + ")";
        if (exchange == mainMode) {
            if (sa.role() == Role.RESPONDER && sa.state() == IsakmpSa.State.MM_SA) {
                send(protect(Informational.unprotectedNotify(sa.cookies(), services.newMessageId(), notifyType)));
            }
            if (sa.state() == IsakmpSa.State.MM_AUTH && !authenticated
                    && sa.proposal().map(p -> p.authMethod() == AuthMethod.PRE_SHARED_KEY).orElse(false)) {
                line += ", wrong pre-shared key?";
            }
            failExchange(0, line);
            return;
        }
        if (authenticated) {
            byte[] notification = sendInformational(List.of(NotifyPayload.of(ProtocolId.ISAKMP,
                    Informational.cookieSpi(sa.cookies()), notifyType, Octets.EMPTY)));
            if (receivedKey != null) {
                replies.put(receivedKey, Optional.of(notification));
            }
        }
        failExchange(exchange.messageId(), line);
    }

    /** Ends phase 1 (message ID 0) or one Quick Mode, with one log line and an event. */
    private void failExchange(int mid, String reason) {
        cancel(mid, EngineTimer.Kind.RETRANSMIT);
        cancel(mid, EngineTimer.Kind.PHASE_TIMEOUT);
        unanswered.remove(mid);
        if (mid == 0) {
            IKE.warn("{} phase 1 with {} failed: {}", sa.cookies(), sa.remote(), reason);
            services.sink().event(new EngineEvent.Phase1Failed(sa.cookies(), sa.remote(), reason));
            waiting.clear();
            end();
            return;
        }
        QuickMode qm = quickModes.remove(mid);
        if (qm != null) {
            qm.abandon();
            sa.protection().ifPresent(p -> p.forget(mid));
            CHD.warn("{} mid {} phase 2 with {} failed: {}", sa.cookies(), Integer.toHexString(mid), sa.remote(),
                    reason);
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
        sa.state(IsakmpSa.State.DEAD);
    }

    /** An Informational: protected ones act once authentic, clear ones only while MM1 is unanswered. */
    private void informational(byte[] data, IsakmpHeader header, Octets key) {
        int mid = header.messageId();
        try {
            if (!header.encrypted()) {
                IsakmpMessage message = IsakmpMessage.decode(data);
                MessageRules.INFORMATIONAL_UNPROTECTED.check(message);
                String notified = notifyNames(message.payloads(NotifyPayload.class));
                if (sa.role() == Role.INITIATOR && sa.state() == IsakmpSa.State.MM_SA) {
                    failExchange(0, "peer refused MM1 with " + notified);
                } else {
                    IKE.info("{} unauthenticated notification {} ignored", sa.cookies(), notified);
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
            protection.forget(mid);
            replies.put(key, Optional.empty());
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
            IKE.info("{} Informational mid {} dropped: {}", sa.cookies(), Integer.toHexString(mid), e);
        } catch (CryptoException e) {
            IKE.info("{} Informational mid {} dropped: {}", sa.cookies(), Integer.toHexString(mid), e.getMessage());
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
                    ipsecSas.remove(pair);
                    initiated.remove(pair);
                }
            }
        }
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
