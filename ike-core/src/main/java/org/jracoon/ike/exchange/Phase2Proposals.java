package org.jracoon.ike.exchange;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import org.jracoon.ike.crypto.ModpGroup;
import org.jracoon.ike.kernel.IpsecMode;
import org.jracoon.ike.kernel.IpsecProtocol;
import org.jracoon.ike.payload.Attribute;
import org.jracoon.ike.payload.IpsecAttributes;
import org.jracoon.ike.payload.IsakmpProtocolException;
import org.jracoon.ike.payload.NatTraversalVersion;
import org.jracoon.ike.payload.NotifyType;
import org.jracoon.ike.payload.Octets;
import org.jracoon.ike.payload.ProposalPayload;
import org.jracoon.ike.payload.ProtocolId;
import org.jracoon.ike.payload.SaPayload;
import org.jracoon.ike.payload.TransformPayload;
import org.jracoon.ike.policy.IpsecAuthentication;
import org.jracoon.ike.policy.IpsecEncryption;
import org.jracoon.ike.policy.Phase2Policy;
import org.jracoon.ike.policy.ProposalCheck;

/**
 * Quick Mode proposals on the wire (RFC 2407 section 4.5): one proposal for the requested
 * protocol whose transforms are the phase-2 policy's ciphers times integrity algorithms, each
 * with lifetime, PFS group and encapsulation mode; and the responder's choice among them.
 * Behind a NAT the modes are the UDP-encapsulated ones of the NAT-T version in use (RFC 3947
 * section 5.1: 3 and 4, the drafts' 61443 and 61444).
 */
final class Phase2Proposals {

    private Phase2Proposals() {
    }

    /**
     * The values of one phase-2 transform. {@code encryption} is empty for AH; {@code udp} says
     * the mode is a UDP-encapsulated one.
     */
    record Suite(IpsecProtocol protocol, Optional<IpsecEncryption> encryption, IpsecAuthentication authentication,
            IpsecMode mode, boolean udp, Optional<ModpGroup> pfsGroup, long lifetimeSeconds) {

        /** KEYMAT bytes this suite needs per direction: cipher key, then integrity key. */
        int keymatLength() {
            return encryption.map(e -> e.keyBits() / 8).orElse(0) + authentication.keyBits() / 8;
        }

        @Override
        public String toString() {
            return protocol + " " + encryption.map(e -> e + " ").orElse("") + authentication + " " + mode
                    + (udp ? " in UDP" : "") + pfsGroup.map(g -> " PFS " + g).orElse("") + " " + lifetimeSeconds + "s";
        }
    }

    /**
     * What a responder chose: the proposal to echo in QM2 (our SPI, the chosen transform), the
     * values, and whether the lifetime was shortened (RESPONDER-LIFETIME to send).
     */
    record Choice(ProposalPayload proposal, int peerSpi, Suite suite, boolean shortened) {
    }

    /**
     * The initiator's QM1 SA payload.
     *
     * @param udp the NAT-T version whose UDP-encapsulated modes to propose, empty for the plain ones
     */
    static SaPayload offer(IpsecProtocol protocol, IpsecMode mode, Phase2Policy policy, int spi,
            Optional<NatTraversalVersion> udp) {
        List<TransformPayload> transforms = new ArrayList<>();
        List<Optional<IpsecEncryption>> ciphers = new ArrayList<>();
        if (protocol == IpsecProtocol.ESP) {
            policy.encryption().forEach(e -> ciphers.add(Optional.of(e)));
        } else {
            ciphers.add(Optional.empty());
        }
        for (Optional<IpsecEncryption> cipher : ciphers) {
            for (IpsecAuthentication auth : policy.authentication()) {
                Suite suite = new Suite(protocol, cipher, auth, mode, udp.isPresent(), policy.pfsGroup(),
                        policy.lifetimeSeconds());
                transforms.add(transform(transforms.size() + 1, suite, udp));
            }
        }
        return SaPayload.ipsec(List.of(new ProposalPayload(1, protocolId(protocol), spi(spi), transforms)));
    }

    /**
     * The responder's choice: the first transform of a single-protocol proposal that the policy
     * allows, with a PFS group and lifetime {@code check} accepts.
     *
     * @throws IsakmpProtocolException NO-PROPOSAL-CHOSEN if there is none
     */
    static Choice choose(SaPayload offered, Phase2Policy policy, ProposalCheck check) throws IsakmpProtocolException {
        List<String> refused = new ArrayList<>();
        for (ProposalPayload p : offered.proposals()) {
            if (offered.proposals().stream().filter(q -> q.number() == p.number()).count() > 1) {
                refused.add("proposal #" + p.number() + " bundles protocols");
                continue;
            }
            if (p.protocolId() != ProtocolId.ESP && p.protocolId() != ProtocolId.AH || p.spi().length() != 4) {
                refused.add("proposal #" + p.number() + " " + ProtocolId.name(p.protocolId()));
                continue;
            }
            for (TransformPayload t : p.transforms()) {
                Optional<Suite> theirs = decode(p.protocolId(), t);
                if (theirs.isEmpty()) {
                    refused.add("#" + t.number() + " unsupported");
                    continue;
                }
                Suite s = theirs.get();
                boolean allowed = policy.authentication().contains(s.authentication())
                        && (s.encryption().isEmpty() || policy.encryption().contains(s.encryption().get()));
                if (!allowed) {
                    refused.add("#" + t.number() + " " + s + " not in " + policy);
                    continue;
                }
                if (!pfsAcceptable(s.pfsGroup(), policy.pfsGroup(), check)) {
                    refused.add("#" + t.number() + " PFS " + s.pfsGroup().map(ModpGroup::toString).orElse("none")
                            + " vs our " + policy.pfsGroup().map(ModpGroup::toString).orElse("none"));
                    continue;
                }
                OptionalLong lifetime = check.phase2Lifetime(s.lifetimeSeconds(), policy.lifetimeSeconds());
                if (lifetime.isEmpty()) {
                    refused.add("#" + t.number() + " lifetime " + s.lifetimeSeconds() + " s vs our "
                            + policy.lifetimeSeconds() + " s (" + check + ")");
                    continue;
                }
                Suite chosen = new Suite(s.protocol(), s.encryption(), s.authentication(), s.mode(), s.udp(),
                        s.pfsGroup(), lifetime.getAsLong());
                ProposalPayload echo = new ProposalPayload(p.number(), p.protocolId(), p.spi(), List.of(t));
                return new Choice(echo, ByteBuffer.wrap(p.spi().toByteArray()).getInt(), chosen,
                        lifetime.getAsLong() < s.lifetimeSeconds());
            }
        }
        throw new IsakmpProtocolException(NotifyType.NO_PROPOSAL_CHOSEN, "no phase-2 proposal acceptable: "
                + String.join(", ", refused));
    }

    /**
     * The initiator's check of QM2: one proposal with one transform, equal (attributes in any
     * order) to one we offered.
     *
     * @throws IsakmpProtocolException NO-PROPOSAL-CHOSEN if it names none of ours
     */
    static Choice accept(SaPayload answer, SaPayload offer) throws IsakmpProtocolException {
        if (answer.proposals().size() != 1 || answer.proposals().get(0).transforms().size() != 1) {
            throw new IsakmpProtocolException(NotifyType.BAD_PROPOSAL_SYNTAX,
                    "QM2 must carry one proposal with one transform");
        }
        ProposalPayload p = answer.proposals().get(0);
        TransformPayload t = p.transforms().get(0);
        ProposalPayload ours = offer.proposals().get(0);
        if (p.protocolId() != ours.protocolId() || p.spi().length() != 4) {
            throw new IsakmpProtocolException(NotifyType.NO_PROPOSAL_CHOSEN, "QM2 answers with "
                    + ProtocolId.name(p.protocolId()));
        }
        for (TransformPayload mine : ours.transforms()) {
            if (mine.transformId() == t.transformId()
                    && new HashSet<>(mine.attributes()).equals(new HashSet<>(t.attributes()))) {
                Suite suite = decode(p.protocolId(), t).orElseThrow();
                return new Choice(p, ByteBuffer.wrap(p.spi().toByteArray()).getInt(), suite, false);
            }
        }
        throw new IsakmpProtocolException(NotifyType.NO_PROPOSAL_CHOSEN, "QM2 chose a transform we did not offer");
    }

    /** The attributes of a RESPONDER-LIFETIME notification (RFC 2407 section 4.6.3.1). */
    static Octets lifetimeAttributes(long seconds) {
        List<Attribute> attributes = List.of(
                Attribute.basic(IpsecAttributes.SA_LIFE_TYPE, IpsecAttributes.LIFE_SECONDS),
                Attribute.number(IpsecAttributes.SA_LIFE_DURATION, seconds));
        // a transform payload body is 4 octets of header followed by exactly these attributes
        byte[] body = new TransformPayload(0, 0, attributes).encodeBody();
        return Octets.copyOf(body, 4, body.length - 4);
    }

    /** The lifetime in seconds a RESPONDER-LIFETIME notification announces, if it announces one. */
    static OptionalLong announcedLifetime(Octets data) throws IsakmpProtocolException {
        boolean seconds = false;
        OptionalLong duration = OptionalLong.empty();
        for (Attribute a : Attribute.decodeAll(data)) {
            if (a.type() == IpsecAttributes.SA_LIFE_TYPE) {
                seconds = a.longValue() == IpsecAttributes.LIFE_SECONDS;
            } else if (a.type() == IpsecAttributes.SA_LIFE_DURATION && seconds) {
                duration = OptionalLong.of(a.longValue());
            }
        }
        return duration;
    }

    private static boolean pfsAcceptable(Optional<ModpGroup> theirs, Optional<ModpGroup> ours, ProposalCheck check) {
        if (check == ProposalCheck.OBEY) {
            return true;
        }
        // racoon (proposal.c): with a PFS group of our own, the peer must propose the same one
        return ours.isEmpty() || ours.equals(theirs);
    }

    private static TransformPayload transform(int number, Suite s, Optional<NatTraversalVersion> udp) {
        List<Attribute> attributes = new ArrayList<>();
        attributes.add(Attribute.basic(IpsecAttributes.SA_LIFE_TYPE, IpsecAttributes.LIFE_SECONDS));
        attributes.add(Attribute.number(IpsecAttributes.SA_LIFE_DURATION, s.lifetimeSeconds()));
        s.pfsGroup().ifPresent(g -> attributes.add(Attribute.basic(IpsecAttributes.GROUP_DESCRIPTION, g.id())));
        boolean tunnel = s.mode() == IpsecMode.TUNNEL;
        int mode = udp.map(v -> tunnel ? v.udpTunnelMode() : v.udpTransportMode())
                .orElse(tunnel ? IpsecAttributes.MODE_TUNNEL : IpsecAttributes.MODE_TRANSPORT);
        attributes.add(Attribute.basic(IpsecAttributes.ENCAPSULATION_MODE, mode));
        attributes.add(Attribute.basic(IpsecAttributes.AUTHENTICATION_ALGORITHM, s.authentication().attribute()));
        s.encryption().filter(IpsecEncryption::keyLengthAttribute)
                .ifPresent(e -> attributes.add(Attribute.basic(IpsecAttributes.KEY_LENGTH, e.keyBits())));
        int id = s.encryption().map(IpsecEncryption::transformId).orElse(s.authentication().ahTransformId());
        return new TransformPayload(number, id, attributes);
    }

    /** A transform's values, or empty if it names something we do not implement. */
    private static Optional<Suite> decode(int protocolId, TransformPayload t) throws IsakmpProtocolException {
        long lifetime = 28800; // RFC 2407 section 4.5: the default when no duration is given
        int mode = -1;
        int auth = -1;
        int keyBits = 0;
        Optional<ModpGroup> group = Optional.empty();
        boolean seconds = true;
        for (Attribute a : t.attributes()) {
            long v = a.longValue();
            switch (a.type()) {
                case IpsecAttributes.SA_LIFE_TYPE -> seconds = v == IpsecAttributes.LIFE_SECONDS;
                case IpsecAttributes.SA_LIFE_DURATION -> {
                    if (!seconds) {
                        return Optional.empty(); // kilobyte lifetimes are not negotiated
                    }
                    lifetime = v;
                }
                case IpsecAttributes.GROUP_DESCRIPTION -> {
                    group = ModpGroup.fromId((int) v);
                    if (group.isEmpty()) {
                        return Optional.empty();
                    }
                }
                case IpsecAttributes.ENCAPSULATION_MODE -> mode = (int) v;
                case IpsecAttributes.AUTHENTICATION_ALGORITHM -> auth = (int) v;
                case IpsecAttributes.KEY_LENGTH -> keyBits = (int) v;
                default -> {
                    return Optional.empty();
                }
            }
        }
        Optional<IpsecAuthentication> authentication = IpsecAuthentication.ofAttribute(auth);
        IpsecMode ipsecMode = switch (mode) {
            case IpsecAttributes.MODE_TUNNEL, IpsecAttributes.MODE_UDP_TUNNEL, IpsecAttributes.MODE_UDP_TUNNEL_DRAFT ->
                IpsecMode.TUNNEL;
            case IpsecAttributes.MODE_TRANSPORT, IpsecAttributes.MODE_UDP_TRANSPORT,
                    IpsecAttributes.MODE_UDP_TRANSPORT_DRAFT -> IpsecMode.TRANSPORT;
            default -> null;
        };
        if (authentication.isEmpty() || ipsecMode == null || lifetime <= 0) {
            return Optional.empty();
        }
        boolean udp = mode != IpsecAttributes.MODE_TUNNEL && mode != IpsecAttributes.MODE_TRANSPORT;
        if (protocolId == ProtocolId.AH) {
            if (t.transformId() != authentication.get().ahTransformId()) {
                return Optional.empty();
            }
            if (udp) {
                return Optional.empty(); // RFC 3948 encapsulates ESP only
            }
            return Optional.of(new Suite(IpsecProtocol.AH, Optional.empty(), authentication.get(), ipsecMode, false,
                    group, lifetime));
        }
        Optional<IpsecEncryption> encryption = IpsecEncryption.of(t.transformId(), keyBits);
        if (encryption.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Suite(IpsecProtocol.ESP, encryption, authentication.get(), ipsecMode, udp, group,
                lifetime));
    }

    private static int protocolId(IpsecProtocol protocol) {
        return protocol == IpsecProtocol.ESP ? ProtocolId.ESP : ProtocolId.AH;
    }

    static Octets spi(int spi) {
        return Octets.of(ByteBuffer.allocate(4).putInt(spi).array());
    }
}
