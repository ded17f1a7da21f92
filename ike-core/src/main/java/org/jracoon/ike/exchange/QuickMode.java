package org.jracoon.ike.exchange;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

import org.jracoon.ike.crypto.DhKeyPair;
import org.jracoon.ike.crypto.ModpGroup;
import org.jracoon.ike.crypto.Secret;
import org.jracoon.ike.engine.SaRequest;
import org.jracoon.ike.kernel.IpPrefix;
import org.jracoon.ike.kernel.IpsecLevel;
import org.jracoon.ike.kernel.IpsecMode;
import org.jracoon.ike.kernel.IpsecProtocol;
import org.jracoon.ike.kernel.IpsecRequest;
import org.jracoon.ike.kernel.KernelException;
import org.jracoon.ike.kernel.KernelIpsec;
import org.jracoon.ike.kernel.KeyMaterial;
import org.jracoon.ike.kernel.Lifetime;
import org.jracoon.ike.kernel.PolicyAction;
import org.jracoon.ike.kernel.PolicyDirection;
import org.jracoon.ike.kernel.PolicySpec;
import org.jracoon.ike.kernel.SaEncryption;
import org.jracoon.ike.kernel.SaId;
import org.jracoon.ike.kernel.SaSpec;
import org.jracoon.ike.kernel.TrafficSelector;
import org.jracoon.ike.kernel.UdpEncapsulation;
import org.jracoon.ike.keymat.IsakmpKeys;
import org.jracoon.ike.message.IsakmpMessage;
import org.jracoon.ike.message.MessageRules;
import org.jracoon.ike.payload.ExchangeType;
import org.jracoon.ike.payload.HashPayload;
import org.jracoon.ike.payload.IdPayload;
import org.jracoon.ike.payload.IsakmpHeader;
import org.jracoon.ike.payload.IsakmpProtocolException;
import org.jracoon.ike.payload.KePayload;
import org.jracoon.ike.payload.NatOaPayload;
import org.jracoon.ike.payload.NatTraversalVersion;
import org.jracoon.ike.payload.NoncePayload;
import org.jracoon.ike.payload.NotifyPayload;
import org.jracoon.ike.payload.NotifyType;
import org.jracoon.ike.payload.Octets;
import org.jracoon.ike.payload.Payload;
import org.jracoon.ike.payload.ProposalPayload;
import org.jracoon.ike.payload.ProtocolId;
import org.jracoon.ike.payload.SaPayload;
import org.jracoon.ike.policy.GeneratePolicy;
import org.jracoon.ike.policy.Phase2Policy;
import org.jracoon.ike.sa.IpsecSa;
import org.jracoon.ike.sa.IsakmpSa;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Quick Mode (RFC 2409 section 5.5) for both roles:
 * <pre>
 *   QM1 *HASH(1), SA, Ni [, KE] [, IDci, IDcr] ->
 *                <- QM2 *HASH(2), SA, Nr [, KE] [, IDci, IDcr] [, RESPONDER-LIFETIME]
 *   QM3 *HASH(3) ->
 * </pre>
 * Our SPI comes from the kernel's GETSPI; once both nonces (and with PFS both DH halves) are
 * known, KEYMAT per direction goes to the kernel: the inbound SA by UPDATE, the outbound by
 * ADD, replay window 4 and a soft lifetime of 80 % of the hard one, as racoon installs them.
 *
 * <p>When NAT-D found a NAT, the modes are UDP-encapsulated (RFC 3947 section 5.1), transport
 * mode carries both original addresses as NAT-OA (section 5.2), and the SAs are installed as
 * ESP in UDP between the ISAKMP SA's ports. A responder with {@code generate_policy} adds the
 * SPD entries for what it agreed to, at the peer's actual address, once the SAs are in
 * (racoon isakmp_quick.c quick_r3prep).
 */
final class QuickMode implements Exchange {

    private static final Logger LOG = LoggerFactory.getLogger("ike.chd");

    /** racoon's replay window for ESP and AH SAs (pfkey.c pk_sendupdate). */
    private static final int REPLAY_WINDOW = 4;
    /** Soft lifetime in percent of the hard one (libipsec PFKEY_SOFT_LIFETIME_RATE). */
    private static final int SOFT_PERCENT = 80;

    private enum State {
        SEND_QM1, AWAIT_QM2, SEND_QM3, AWAIT_QM1, SEND_QM2, AWAIT_QM3, DONE
    }

    private final IsakmpSa sa;
    private final Services services;
    private final int messageId;
    private final SaRequest request;
    private State state;
    private Phase2Policy policy;
    private TrafficSelector selector;
    private List<IdPayload> ids = List.of();
    private SaPayload offer;
    private Phase2Proposals.Choice choice;
    private int ownSpi;
    private DhKeyPair dh;
    private byte[] peerKe;
    private byte[] niB;
    private byte[] nrB;
    private long lifetime;
    private Secret gxy;
    /**
     * The reqids of the inbound and outbound SA: those of the kernel's policies for the traffic
     * each way, so that the SAs serve those policies alone when they are {@code unique}
     * (racoon's set_proposal_from_policy); with {@code generate_policy unique}, a fresh one.
     */
    private int inboundReqid;
    private int outboundReqid;
    private Optional<InetAddress> peerOriginalAddress = Optional.empty();
    private final List<IpsecSa> installed = new ArrayList<>();
    private final List<PolicySpec> generated = new ArrayList<>();

    private QuickMode(IsakmpSa sa, Services services, int messageId, SaRequest request, Phase2Policy policy,
            State state) {
        this.sa = sa;
        this.services = services;
        this.messageId = messageId;
        this.request = request;
        this.policy = policy;
        this.state = state;
    }

    /** Quick Mode for a kernel's request; {@link #build()} gives QM1. */
    static QuickMode initiator(IsakmpSa sa, Services services, int messageId, SaRequest request, Phase2Policy policy) {
        QuickMode qm = new QuickMode(sa, services, messageId, request, policy, State.SEND_QM1);
        qm.selector = request.selector();
        qm.outboundReqid = request.reqid();
        return qm;
    }

    /** Quick Mode answering a peer's QM1 with this message ID. */
    static QuickMode responder(IsakmpSa sa, Services services, int messageId) {
        return new QuickMode(sa, services, messageId, null, null, State.AWAIT_QM1);
    }

    @Override
    public int messageId() {
        return messageId;
    }

    @Override
    public MessageRules expected() {
        return switch (state) {
            case AWAIT_QM1 -> MessageRules.QM1;
            case AWAIT_QM2 -> MessageRules.QM2;
            default -> MessageRules.QM3;
        };
    }

    @Override
    public boolean done() {
        return state == State.DONE;
    }

    /** The kernel request an initiator negotiates for; empty for a responder. */
    Optional<SaRequest> request() {
        return Optional.ofNullable(request);
    }

    /**
     * As responder, whether QM1 asked for the pair {@code r} names: QM1's IDs seen from our side
     * and the protocol chosen. Our inbound SA goes in before QM2 and the outbound one on QM3, so
     * the kernel may ACQUIRE the outbound one for a reply in between.
     */
    boolean answers(SaRequest r) {
        return request == null && choice != null && selector.equals(r.selector())
                && choice.suite().protocol() == r.protocol();
    }

    /** Whether this is a responder that has not yet taken a QM1: the message at hand created it. */
    boolean awaitingFirstMessage() {
        return state == State.AWAIT_QM1;
    }

    /** Whether this is an initiator whose QM1 has no answer yet. */
    boolean awaitingFirstAnswer() {
        return state == State.AWAIT_QM2;
    }

    /** The SA pairs installed, once done. */
    List<IpsecSa> installed() {
        return List.copyOf(installed);
    }

    /** The policies {@code generate_policy} added for the pair, to be deleted with it. */
    List<PolicySpec> generatedPolicies() {
        return List.copyOf(generated);
    }

    @Override
    public void process(Inbound in) throws IsakmpProtocolException, KernelException {
        IsakmpKeys keys = sa.keys().orElseThrow();
        IsakmpMessage m = in.message();
        switch (state) {
            case AWAIT_QM1 -> {
                in.checkHash(keys.hash1(messageId, in.afterLeadingHash()), NotifyType.INVALID_HASH_INFORMATION,
                        "HASH(1)");
                niB = m.first(NoncePayload.class).orElseThrow().data().toByteArray();
                ids = m.payloads(IdPayload.class);
                selector = responderSelector(ids);
                policy = services.policies().phase2(selector).orElseThrow(() -> new IsakmpProtocolException(
                        NotifyType.INVALID_ID_INFORMATION, "no phase-2 policy for " + selector));
                choice = Phase2Proposals.choose(m.first(SaPayload.class).orElseThrow(), policy,
                        sa.policy().proposalCheck());
                lifetime = choice.suite().lifetimeSeconds();
                peerKe = pfsValue(m, choice.suite().pfsGroup());
                peerOriginalAddress = originalAddress(m, 0);
                if (sa.policy().generatePolicy() == GeneratePolicy.UNIQUE) {
                    inboundReqid = services.nextReqid();
                    outboundReqid = inboundReqid;
                } else {
                    outboundReqid = policyReqid(selector, PolicyDirection.OUT, choice.suite().protocol()).orElse(0);
                    inboundReqid = policyReqid(selector.reversed(), PolicyDirection.IN, choice.suite().protocol())
                            .orElse(0);
                }
                LOG.info("{} mid {} phase-2 proposal {} for {}", sa.cookies(), Integer.toHexString(messageId),
                        choice.suite(), selector);
                state = State.SEND_QM2;
            }
            case AWAIT_QM2 -> {
                in.checkHash(keys.hash2(messageId, niB, in.afterLeadingHash()), NotifyType.INVALID_HASH_INFORMATION,
                        "HASH(2)");
                choice = Phase2Proposals.accept(m.first(SaPayload.class).orElseThrow(), offer);
                nrB = m.first(NoncePayload.class).orElseThrow().data().toByteArray();
                peerKe = pfsValue(m, choice.suite().pfsGroup());
                List<IdPayload> answered = m.payloads(IdPayload.class);
                if (!answered.isEmpty() && !answered.equals(ids)) {
                    throw new IsakmpProtocolException(NotifyType.INVALID_ID_INFORMATION,
                            "QM2 answers with other IDs than QM1 sent");
                }
                lifetime = choice.suite().lifetimeSeconds();
                peerOriginalAddress = originalAddress(m, 1);
                for (NotifyPayload n : m.payloads(NotifyPayload.class)) {
                    takeResponderLifetime(n);
                }
                state = State.SEND_QM3;
            }
            case AWAIT_QM3 -> {
                in.checkHash(keys.hash3(messageId, niB, nrB), NotifyType.INVALID_HASH_INFORMATION, "HASH(3)");
                installOutbound(choice.peerSpi());
                if (sa.policy().generatePolicy() != GeneratePolicy.OFF) {
                    generatePolicies();
                }
                state = State.DONE;
            }
            default -> throw new IllegalStateException("Quick Mode message in state " + state);
        }
    }

    @Override
    public Optional<IsakmpMessage> build() throws KernelException {
        IsakmpKeys keys = sa.keys().orElseThrow();
        List<Payload> rest = new ArrayList<>();
        switch (state) {
            case SEND_QM1 -> {
                // the inbound policy may carry its own reqid (setkey's plain unique numbers each policy)
                inboundReqid = policyReqid(selector.reversed(), PolicyDirection.IN, request.protocol())
                        .orElse(request.reqid());
                ownSpi = services.kernel().getSpi(request.protocol(), peer(), local(), request.mode(),
                        inboundReqid, KernelIpsec.DEFAULT_MIN_SPI, KernelIpsec.DEFAULT_MAX_SPI, request.sequence());
                offer = Phase2Proposals.offer(request.protocol(), request.mode(), policy, ownSpi, udp());
                policy.pfsGroup().ifPresent(g -> dh = services.dhKeyPair(g));
                niB = services.random().bytes(sa.policy().nonceSize());
                ids = List.of(Ids.of(selector.source(), selector.sourcePort(), selector.upperProtocol()),
                        Ids.of(selector.destination(), selector.destinationPort(), selector.upperProtocol()));
                rest.add(offer);
                rest.add(new NoncePayload(Octets.of(niB)));
                if (dh != null) {
                    rest.add(new KePayload(Octets.of(dh.publicValue())));
                }
                rest.addAll(ids);
                if (request.mode() == IpsecMode.TRANSPORT) {
                    rest.addAll(originalAddresses());
                }
                state = State.AWAIT_QM2;
                return Optional.of(Informational.withLeadingHash(header(), rest, r -> keys.hash1(messageId, r)));
            }
            case SEND_QM2 -> {
                Phase2Proposals.Suite suite = choice.suite();
                ownSpi = services.kernel().getSpi(suite.protocol(), peer(), local(), suite.mode(), inboundReqid,
                        KernelIpsec.DEFAULT_MIN_SPI, KernelIpsec.DEFAULT_MAX_SPI, 0);
                suite.pfsGroup().ifPresent(g -> dh = services.dhKeyPair(g));
                nrB = services.random().bytes(sa.policy().nonceSize());
                ProposalPayload p = choice.proposal();
                rest.add(SaPayload.ipsec(List.of(new ProposalPayload(p.number(), p.protocolId(),
                        Phase2Proposals.spi(ownSpi), p.transforms()))));
                rest.add(new NoncePayload(Octets.of(nrB)));
                if (dh != null) {
                    rest.add(new KePayload(Octets.of(dh.publicValue())));
                }
                rest.addAll(ids);
                if (suite.udp() && suite.mode() == IpsecMode.TRANSPORT) {
                    rest.addAll(originalAddresses());
                }
                if (choice.shortened()) {
                    // RFC 2407 section 4.6.3.1: our lifetime is shorter than the one proposed
                    rest.add(NotifyPayload.of(p.protocolId(), Phase2Proposals.spi(ownSpi),
                            NotifyType.RESPONDER_LIFETIME, Phase2Proposals.lifetimeAttributes(lifetime)));
                }
                // our inbound SA goes in before QM2 leaves: the initiator sends on its new outbound SA
                // (the kernel prefers the newest) as soon as it has QM2, and on a renewal no packet
                // may meet a missing SA; our outbound SA waits for QM3, which follows its inbound one
                installInbound();
                state = State.AWAIT_QM3;
                return Optional.of(Informational.withLeadingHash(header(), rest, r -> keys.hash2(messageId, niB, r)));
            }
            case SEND_QM3 -> {
                installInbound();
                installOutbound(choice.peerSpi());
                state = State.DONE;
                return Optional.of(new IsakmpMessage(header(),
                        List.of(new HashPayload(Octets.of(keys.hash3(messageId, niB, nrB))))));
            }
            default -> {
                return Optional.empty();
            }
        }
    }

    private IsakmpHeader header() {
        return IsakmpHeader.of(sa.cookies().initiator(), sa.cookies().responder(), ExchangeType.QUICK_MODE,
                IsakmpHeader.FLAG_ENCRYPTION, messageId);
    }

    /** Releases the SPI GETSPI reserved if the exchange ends before installing (the larval SA). */
    void abandon() {
        if (ownSpi == 0 || !installed.isEmpty()) {
            return;
        }
        IpsecProtocol protocol = request != null ? request.protocol() : choice.suite().protocol();
        try {
            services.kernel().deleteSa(new SaId(protocol, peer(), local(), ownSpi));
        } catch (KernelException e) {
            LOG.info("{} mid {} reserved SPI not released: {}", sa.cookies(), Integer.toHexString(messageId),
                    e.getMessage());
        }
    }

    /** The selector of QM1's IDs seen from our side, or the two hosts when no IDs came (RFC 2409 section 5.5). */
    private TrafficSelector responderSelector(List<IdPayload> received) throws IsakmpProtocolException {
        if (received.isEmpty()) {
            return TrafficSelector.between(IpPrefix.host(local()), IpPrefix.host(peer()));
        }
        if (received.size() != 2) {
            throw new IsakmpProtocolException(NotifyType.INVALID_ID_INFORMATION, "QM1 carries one ID, needs two");
        }
        // IDci is the initiator's side, IDcr ours
        return Ids.selector(received.get(1), received.get(0));
    }

    /** The UDP-encapsulated modes to propose: those of the NAT-T version in use when a NAT was found. */
    private Optional<NatTraversalVersion> udp() {
        return sa.natDetected() ? sa.natTraversal() : Optional.empty();
    }

    /**
     * NAT-OAi and NAT-OAr (RFC 3947 section 5.2): the initiator's and the responder's addresses
     * as each knows them, so the peer can fix transport-mode checksums; sent only behind a NAT.
     */
    private List<NatOaPayload> originalAddresses() {
        Optional<NatTraversalVersion> version = udp();
        if (version.isEmpty()) {
            return List.of();
        }
        boolean initiator = request != null;
        InetAddress i = initiator ? local() : peer();
        InetAddress r = initiator ? peer() : local();
        boolean draft = version.get().draftPayloads();
        return List.of(NatOaPayload.of(i).withDraft(draft), NatOaPayload.of(r).withDraft(draft));
    }

    /** The peer's own address from its NAT-OA payloads: NAT-OAi (index 0) from an initiator, NAT-OAr (1) from a responder. */
    private static Optional<InetAddress> originalAddress(IsakmpMessage m, int index) {
        List<NatOaPayload> oa = m.payloads(NatOaPayload.class);
        return oa.size() > index ? Optional.of(oa.get(index).inetAddress()) : Optional.empty();
    }

    /**
     * racoon's generated policies (pfkey.c pk_sendspdupdate2): inbound, forward in tunnel mode,
     * and outbound, each requiring the negotiated protocol and mode between the IKE addresses,
     * expiring with the SAs.
     */
    private void generatePolicies() throws KernelException {
        Phase2Proposals.Suite suite = choice.suite();
        IpsecLevel level = sa.policy().generatePolicy().level();
        TrafficSelector inbound = selector.reversed();
        IpsecRequest toUs = request(suite, peer(), local(), level, inboundReqid);
        List<PolicySpec> policies = new ArrayList<>();
        policies.add(generated(inbound, PolicyDirection.IN, toUs));
        if (suite.mode() == IpsecMode.TUNNEL) {
            policies.add(generated(inbound, PolicyDirection.FWD, toUs));
        }
        policies.add(generated(selector, PolicyDirection.OUT, request(suite, local(), peer(), level, outboundReqid)));
        for (PolicySpec p : policies) {
            services.kernel().updatePolicy(p);
            generated.add(p);
        }
        LOG.info("{} mid {} policies generated for {} ({}, {} s)", sa.cookies(), Integer.toHexString(messageId),
                selector, level, lifetime);
    }

    private PolicySpec generated(TrafficSelector s, PolicyDirection direction, IpsecRequest r) {
        return new PolicySpec(s, direction, PolicyAction.IPSEC, List.of(r), 0, Lifetime.seconds(lifetime));
    }

    private static IpsecRequest request(Phase2Proposals.Suite suite, InetAddress from, InetAddress to,
            IpsecLevel level, int reqid) {
        IpsecRequest r = suite.mode() == IpsecMode.TUNNEL ? IpsecRequest.tunnel(suite.protocol(), from, to, level)
                : IpsecRequest.transport(suite.protocol(), level);
        return r.withReqid(reqid);
    }

    /** The reqid of the kernel's policy for this traffic and direction, for its request of {@code protocol}. */
    private OptionalInt policyReqid(TrafficSelector traffic, PolicyDirection direction, IpsecProtocol protocol)
            throws KernelException {
        return services.kernel().getPolicy(traffic, direction).stream()
                .flatMap(p -> p.spec().requests().stream()).filter(r -> r.protocol() == protocol)
                .mapToInt(IpsecRequest::reqid).findFirst();
    }

    /** The peer's PFS public value, which must be there exactly when a PFS group was negotiated. */
    private static byte[] pfsValue(IsakmpMessage m, Optional<ModpGroup> group) throws IsakmpProtocolException {
        Optional<KePayload> ke = m.first(KePayload.class);
        if (group.isEmpty()) {
            if (ke.isPresent()) {
                throw new IsakmpProtocolException(NotifyType.INVALID_KEY_INFORMATION, "KE without a PFS group");
            }
            return null;
        }
        byte[] value = ke.orElseThrow(() -> new IsakmpProtocolException(NotifyType.INVALID_KEY_INFORMATION,
                "PFS group " + group.get() + " but no KE")).data().toByteArray();
        if (value.length != group.get().valueLength()) {
            throw new IsakmpProtocolException(NotifyType.INVALID_KEY_INFORMATION, "PFS KE of " + value.length
                    + " bytes for " + group.get());
        }
        return value;
    }

    /** RESPONDER-LIFETIME (RFC 2407 section 4.6.3.1), taken as the remote policy's proposal_check says. */
    private void takeResponderLifetime(NotifyPayload n) throws IsakmpProtocolException {
        if (n.notifyType() != NotifyType.RESPONDER_LIFETIME) {
            LOG.info("{} mid {} QM2 carried {}", sa.cookies(), Integer.toHexString(messageId), n);
            return;
        }
        OptionalLong announced = Phase2Proposals.announcedLifetime(n.data());
        if (announced.isPresent() && sa.policy().proposalCheck().acceptsResponderLifetime(announced.getAsLong(),
                lifetime)) {
            LOG.info("{} mid {} responder lifetime {} s taken", sa.cookies(), Integer.toHexString(messageId),
                    announced.getAsLong());
            lifetime = announced.getAsLong();
        }
    }

    /** KEYMAT for the inbound SA (our SPI) to the kernel by UPDATE. */
    private void installInbound() throws KernelException {
        services.kernel().updateSa(spec(new SaId(choice.suite().protocol(), peer(), local(), ownSpi), inboundReqid,
                pfsSecret()));
    }

    /** KEYMAT for the outbound SA (the peer's SPI) to the kernel by ADD; the pair is then complete. */
    private void installOutbound(int peerSpi) throws KernelException {
        Phase2Proposals.Suite suite = choice.suite();
        services.kernel().addSa(spec(new SaId(suite.protocol(), local(), peer(), peerSpi), outboundReqid, pfsSecret()));
        IpsecSa pair = new IpsecSa(sa.cookies(), suite.protocol(), suite.mode(), local(), peer(), ownSpi, peerSpi,
                selector, lifetime);
        installed.add(pair);
        LOG.info("{} mid {} IPsec SA installed: {}", sa.cookies(), Integer.toHexString(messageId), pair);
    }

    /** g^xy of the PFS exchange, once both halves are known; null without PFS. */
    private Secret pfsSecret() {
        if (dh != null && gxy == null) {
            gxy = dh.agree(peerKe);
        }
        return gxy;
    }

    private SaSpec spec(SaId id, int reqid, Secret pfsSecret) {
        Phase2Proposals.Suite suite = choice.suite();
        IsakmpKeys keys = sa.keys().orElseThrow();
        byte[] spi = Phase2Proposals.spi(id.spi()).toByteArray();
        int protocolId = suite.protocol() == IpsecProtocol.ESP ? ProtocolId.ESP : ProtocolId.AH;
        Secret keymat = pfsSecret == null ? keys.keymat(protocolId, spi, niB, nrB, suite.keymatLength())
                : keys.keymatWithPfs(pfsSecret, protocolId, spi, niB, nrB, suite.keymatLength());
        byte[] bytes = keymat.extract();
        int encryptionBytes = suite.encryption().map(e -> e.keyBits() / 8).orElse(0);
        try {
            return SaSpec.builder(id).mode(suite.mode()).reqid(reqid).encapsulation(encapsulation(id))
                    .replayWindow(REPLAY_WINDOW)
                    .encryption(suite.encryption().map(e -> e.kernel()).orElse(SaEncryption.NONE),
                            KeyMaterial.of(Arrays.copyOf(bytes, encryptionBytes)))
                    .integrity(suite.authentication().kernel(),
                            KeyMaterial.of(Arrays.copyOfRange(bytes, encryptionBytes, bytes.length)))
                    .soft(Lifetime.seconds(lifetime * SOFT_PERCENT / 100)).hard(Lifetime.seconds(lifetime))
                    .build();
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    /**
     * ESP in UDP between the ISAKMP SA's ports, source to destination of this SA, with the
     * peer's original address for an inbound transport-mode SA; null without UDP encapsulation.
     */
    private UdpEncapsulation encapsulation(SaId id) {
        if (!choice.suite().udp()) {
            return null;
        }
        boolean inbound = id.destination().equals(local());
        int localPort = sa.local().getPort();
        int peerPort = sa.remote().getPort();
        return new UdpEncapsulation(UdpEncapsulation.Type.ESP_IN_UDP, inbound ? peerPort : localPort,
                inbound ? localPort : peerPort, inbound ? peerOriginalAddress : Optional.empty());
    }

    private InetAddress local() {
        return sa.local().getAddress();
    }

    private InetAddress peer() {
        return sa.remote().getAddress();
    }
}
