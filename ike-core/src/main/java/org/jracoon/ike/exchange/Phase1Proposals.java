package org.jracoon.ike.exchange;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import org.jracoon.ike.crypto.EncryptionAlgorithm;
import org.jracoon.ike.crypto.HashAlgorithm;
import org.jracoon.ike.crypto.ModpGroup;
import org.jracoon.ike.payload.Attribute;
import org.jracoon.ike.payload.IkeAttributes;
import org.jracoon.ike.payload.IsakmpProtocolException;
import org.jracoon.ike.payload.NotifyType;
import org.jracoon.ike.payload.Octets;
import org.jracoon.ike.payload.ProposalPayload;
import org.jracoon.ike.payload.ProtocolId;
import org.jracoon.ike.payload.SaPayload;
import org.jracoon.ike.payload.TransformId;
import org.jracoon.ike.payload.TransformPayload;
import org.jracoon.ike.policy.AuthMethod;
import org.jracoon.ike.policy.Phase1Proposal;
import org.jracoon.ike.policy.ProposalCheck;

/**
 * Phase-1 proposals on the wire (RFC 2409 section 5 and appendix A): one ISAKMP proposal whose
 * transforms are our proposals in order, and the responder's choice among them.
 */
final class Phase1Proposals {

    private Phase1Proposals() {
    }

    /** What a responder chose: the transform to echo in MM2 and the values it stands for. */
    record Choice(TransformPayload transform, Phase1Proposal proposal) {
    }

    /** Our proposals as the SA payload of MM1, one transform each in order. */
    static SaPayload offer(List<Phase1Proposal> proposals) {
        List<TransformPayload> transforms = new ArrayList<>();
        for (Phase1Proposal p : proposals) {
            List<Attribute> attributes = new ArrayList<>();
            attributes.add(Attribute.basic(IkeAttributes.ENCRYPTION_ALGORITHM, p.encryption().ikeId()));
            if (p.keyBits() != 0) {
                attributes.add(Attribute.basic(IkeAttributes.KEY_LENGTH, p.keyBits()));
            }
            attributes.add(Attribute.basic(IkeAttributes.HASH_ALGORITHM, p.hash().ikeId()));
            attributes.add(Attribute.basic(IkeAttributes.AUTHENTICATION_METHOD, p.authMethod().ikeId()));
            attributes.add(Attribute.basic(IkeAttributes.GROUP_DESCRIPTION, p.group().id()));
            attributes.add(Attribute.basic(IkeAttributes.LIFE_TYPE, IkeAttributes.LIFE_SECONDS));
            // racoon (setph1attr): basic when it fits 16 bits, else a 4-byte variable attribute
            attributes.add(Attribute.number(IkeAttributes.LIFE_DURATION, p.lifetimeSeconds()));
            transforms.add(new TransformPayload(transforms.size() + 1, TransformId.KEY_IKE, attributes));
        }
        return SaPayload.ipsec(List.of(new ProposalPayload(1, ProtocolId.ISAKMP, Octets.EMPTY, transforms)));
    }

    /**
     * The responder's choice: the first transform of the initiator's that equals one of our
     * proposals in its algorithms and whose lifetime {@code check} accepts.
     *
     * @throws IsakmpProtocolException NO-PROPOSAL-CHOSEN if there is none
     */
    static Choice choose(SaPayload offered, List<Phase1Proposal> ours, ProposalCheck check)
            throws IsakmpProtocolException {
        if (offered.proposals().size() != 1 || offered.proposals().get(0).protocolId() != ProtocolId.ISAKMP) {
            throw new IsakmpProtocolException(NotifyType.BAD_PROPOSAL_SYNTAX,
                    "phase 1 wants exactly one ISAKMP proposal");
        }
        List<String> refused = new ArrayList<>();
        for (TransformPayload t : offered.proposals().get(0).transforms()) {
            Optional<Phase1Proposal> theirs = decode(t);
            if (theirs.isEmpty()) {
                refused.add("#" + t.number() + " unsupported");
                continue;
            }
            String why = "not among ours";
            for (Phase1Proposal mine : ours) {
                if (!mine.sameAlgorithms(theirs.get())) {
                    continue;
                }
                OptionalLong lifetime = check.phase1Lifetime(theirs.get().lifetimeSeconds(), mine.lifetimeSeconds());
                if (lifetime.isPresent()) {
                    return new Choice(t, theirs.get().withLifetime(lifetime.getAsLong()));
                }
                why = "lifetime differs from our " + mine.lifetimeSeconds() + " s (" + check + ")";
            }
            refused.add("#" + t.number() + " " + theirs.get() + " " + why);
        }
        throw new IsakmpProtocolException(NotifyType.NO_PROPOSAL_CHOSEN, "no phase-1 proposal acceptable: "
                + String.join(", ", refused));
    }

    /**
     * The initiator's check of MM2: one transform, naming one of our proposals.
     *
     * @throws IsakmpProtocolException NO-PROPOSAL-CHOSEN if it names none of ours
     */
    static Phase1Proposal accept(SaPayload answer, List<Phase1Proposal> ours) throws IsakmpProtocolException {
        if (answer.proposals().size() != 1 || answer.proposals().get(0).transforms().size() != 1) {
            throw new IsakmpProtocolException(NotifyType.BAD_PROPOSAL_SYNTAX,
                    "MM2 must carry exactly one proposal with one transform");
        }
        TransformPayload t = answer.proposals().get(0).transforms().get(0);
        Phase1Proposal theirs = decode(t).orElseThrow(() -> new IsakmpProtocolException(
                NotifyType.NO_PROPOSAL_CHOSEN, "responder chose an unsupported transform"));
        for (Phase1Proposal mine : ours) {
            if (mine.sameAlgorithms(theirs)) {
                return mine;
            }
        }
        throw new IsakmpProtocolException(NotifyType.NO_PROPOSAL_CHOSEN, "responder chose " + theirs
                + ", which we did not offer");
    }

    /** A transform's values, or empty if it names something we do not implement. */
    private static Optional<Phase1Proposal> decode(TransformPayload t) throws IsakmpProtocolException {
        if (t.transformId() != TransformId.KEY_IKE) {
            return Optional.empty();
        }
        int enc = -1;
        int keyBits = 0;
        int hash = -1;
        int auth = -1;
        int group = -1;
        long lifetime = 28800; // RFC 2407 section 4.5: the default when no duration is given
        for (Attribute a : t.attributes()) {
            long v = a.longValue();
            switch (a.type()) {
                case IkeAttributes.ENCRYPTION_ALGORITHM -> enc = (int) v;
                case IkeAttributes.KEY_LENGTH -> keyBits = (int) v;
                case IkeAttributes.HASH_ALGORITHM -> hash = (int) v;
                case IkeAttributes.AUTHENTICATION_METHOD -> auth = (int) v;
                case IkeAttributes.GROUP_DESCRIPTION -> group = (int) v;
                case IkeAttributes.LIFE_TYPE -> {
                    if (v != IkeAttributes.LIFE_SECONDS) {
                        return Optional.empty(); // racoon refuses kilobyte lifetimes too
                    }
                }
                case IkeAttributes.LIFE_DURATION -> lifetime = v;
                default -> {
                    return Optional.empty();
                }
            }
        }
        Optional<EncryptionAlgorithm> e = EncryptionAlgorithm.fromIkeId(enc);
        Optional<HashAlgorithm> h = HashAlgorithm.fromIkeId(hash);
        Optional<AuthMethod> m = AuthMethod.fromIkeId(auth);
        Optional<ModpGroup> g = ModpGroup.fromId(group);
        if (e.isEmpty() || h.isEmpty() || m.isEmpty() || g.isEmpty() || !e.get().supportsKeyBits(keyBits)
                || lifetime <= 0 || lifetime > 0xFFFFFFFFL) {
            return Optional.empty();
        }
        return Optional.of(new Phase1Proposal(e.get(), keyBits, h.get(), m.get(), g.get(), lifetime));
    }
}
