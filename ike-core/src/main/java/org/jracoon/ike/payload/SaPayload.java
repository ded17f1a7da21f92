package org.jracoon.ike.payload;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * Security Association payload, RFC 2408 section 3.4, with the IPsec DOI situation of RFC 2407
 * section 4.6.1. The proposals follow the situation as a chain of Proposal payloads.
 *
 * <pre>
 *                      1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ! Next Payload  !   RESERVED    !         Payload Length        !
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * !              Domain of Interpretation  (DOI)                  !
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * !                           Situation                           ~
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ~                  Proposal payloads ...                        ~
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * Only SIT_IDENTITY_ONLY is supported, as in racoon: the secrecy and integrity situations add
 * labelled-domain fields nobody deploys.
 */
public record SaPayload(int doi, int situation, List<ProposalPayload> proposals) implements Payload {

    /** The IPsec DOI, RFC 2407 section 6. */
    public static final int DOI_IPSEC = 1;
    public static final int SIT_IDENTITY_ONLY = 1;
    public static final int SIT_SECRECY = 2;
    public static final int SIT_INTEGRITY = 4;

    public SaPayload {
        proposals = List.copyOf(proposals);
        if (proposals.isEmpty()) {
            throw new IllegalArgumentException("an SA payload needs a proposal");
        }
    }

    /** An IPsec DOI, identity-only SA payload. */
    public static SaPayload ipsec(List<ProposalPayload> proposals) {
        return new SaPayload(DOI_IPSEC, SIT_IDENTITY_ONLY, proposals);
    }

    static SaPayload decode(WireReader in) throws IsakmpProtocolException {
        int doi = in.u32();
        if (doi != DOI_IPSEC) {
            throw new IsakmpProtocolException(NotifyType.DOI_NOT_SUPPORTED, "SA DOI " + Integer.toUnsignedString(doi));
        }
        int situation = in.u32();
        if (situation != SIT_IDENTITY_ONLY) {
            throw new IsakmpProtocolException(NotifyType.SITUATION_NOT_SUPPORTED,
                    "SA situation 0x" + Integer.toHexString(situation));
        }
        if (in.remaining() == 0) {
            throw IsakmpProtocolException.malformed("SA payload without proposals");
        }
        List<ProposalPayload> proposals = PayloadChain.read(in, PayloadType.PROPOSAL, Integer.MAX_VALUE, false,
                (type, critical, body) -> {
                    if (type != PayloadType.PROPOSAL) {
                        throw IsakmpProtocolException.malformed(PayloadType.name(type) + " in a proposal chain");
                    }
                    return ProposalPayload.decode(body);
                });
        return new SaPayload(doi, situation, proposals);
    }

    @Override
    public int type() {
        return PayloadType.SA;
    }

    @Override
    public int bodyLength() {
        return 8 + PayloadChain.length(proposals);
    }

    @Override
    public void encodeBody(ByteBuffer out) {
        out.putInt(doi);
        out.putInt(situation);
        PayloadChain.encode(proposals, out);
    }
}
