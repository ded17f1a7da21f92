package org.jracoon.ike.payload;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads and writes chains of payloads linked by the generic header's Next Payload field
 * (RFC 2408 section 3.2): the top-level chain of a message, and the Proposal and Transform
 * chains nested in SA and Proposal payloads.
 */
public final class PayloadChain {

    /** Octets of the generic payload header. */
    public static final int HEADER_LENGTH = 4;

    /** Bit of the generic header's RESERVED octet that marks a payload the receiver must understand. */
    static final int CRITICAL = 0x80;

    /**
     * Sees each payload's type before its body is read, so a caller can refuse a payload (for
     * instance the 21st notify) without decoding it.
     */
    @FunctionalInterface
    public interface Admission {
        void admit(int type) throws IsakmpProtocolException;
    }

    @FunctionalInterface
    interface BodyDecoder<P> {
        P decode(int type, boolean critical, WireReader body) throws IsakmpProtocolException;
    }

    private PayloadChain() {
    }

    /** Encoded length of {@code chain}, generic headers included. */
    public static int length(List<? extends Payload> chain) {
        int n = 0;
        for (Payload p : chain) {
            n += HEADER_LENGTH + p.bodyLength();
        }
        return n;
    }

    /** Writes {@code chain}, each header naming the type of the payload after it (NONE for the last). */
    public static void encode(List<? extends Payload> chain, ByteBuffer out) {
        for (int i = 0; i < chain.size(); i++) {
            Payload p = chain.get(i);
            int next = i + 1 < chain.size() ? chain.get(i + 1).type() : PayloadType.NONE;
            int length = HEADER_LENGTH + p.bodyLength();
            if (length > 0xFFFF) {
                throw new IllegalArgumentException(PayloadType.name(p.type()) + " payload of " + length
                        + " octets exceeds the 16-bit length field");
            }
            out.put((byte) next);
            out.put((byte) 0);
            out.putShort((short) length);
            p.encodeBody(out);
        }
    }

    /**
     * Decodes the top-level chain of a message body.
     *
     * @param firstType the header's Next Payload field
     * @param padded    whether octets may follow the last payload (the padding of a decrypted
     *                  body, RFC 2409 appendix B); otherwise they are an error
     * @param admission called with every payload type before its body is read
     */
    public static List<Payload> decode(byte[] buf, int offset, int length, int firstType, boolean padded,
            Admission admission) throws IsakmpProtocolException {
        return read(new WireReader(buf, offset, length), firstType, Integer.MAX_VALUE, padded,
                (type, critical, body) -> {
                    admission.admit(type);
                    return decodeTopLevel(type, critical, body);
                });
    }

    /**
     * The shared loop: checks each generic header's length against what is left before
     * handing the body to {@code decoder}, and stops after {@code maxCount} payloads.
     */
    static <P> List<P> read(WireReader in, int firstType, int maxCount, boolean padded, BodyDecoder<P> decoder)
            throws IsakmpProtocolException {
        List<P> out = new ArrayList<>();
        int type = firstType;
        while (type != PayloadType.NONE) {
            if (out.size() == maxCount) {
                throw IsakmpProtocolException.malformed("more than " + maxCount + " "
                        + PayloadType.name(type) + " payloads");
            }
            if (in.remaining() < HEADER_LENGTH) {
                throw IsakmpProtocolException.malformed(PayloadType.name(type) + " payload header truncated");
            }
            int next = in.u8();
            int reserved = in.u8();
            int length = in.u16();
            if (length < HEADER_LENGTH || length - HEADER_LENGTH > in.remaining()) {
                throw IsakmpProtocolException.malformed(PayloadType.name(type) + " payload length " + length
                        + " but " + (in.remaining() + HEADER_LENGTH) + " octets left");
            }
            out.add(decoder.decode(type, (reserved & CRITICAL) != 0, in.split(length - HEADER_LENGTH)));
            type = next;
        }
        if (!padded && in.remaining() != 0) {
            throw IsakmpProtocolException.malformed(in.remaining() + " octets after the last payload");
        }
        return out;
    }

    private static Payload decodeTopLevel(int type, boolean critical, WireReader body)
            throws IsakmpProtocolException {
        return switch (type) {
            case PayloadType.SA -> SaPayload.decode(body);
            case PayloadType.KE -> KePayload.decode(body);
            case PayloadType.ID -> IdPayload.decode(body);
            case PayloadType.CERT -> CertPayload.decode(body);
            case PayloadType.CR -> CertRequestPayload.decode(body);
            case PayloadType.HASH -> HashPayload.decode(body);
            case PayloadType.SIG -> SignaturePayload.decode(body);
            case PayloadType.NONCE -> NoncePayload.decode(body);
            case PayloadType.NOTIFY -> NotifyPayload.decode(body);
            case PayloadType.DELETE -> DeletePayload.decode(body);
            case PayloadType.VENDOR_ID -> VendorIdPayload.decode(body);
            case PayloadType.NAT_D, PayloadType.NAT_D_DRAFT -> NatDPayload.decode(type, body);
            case PayloadType.NAT_OA, PayloadType.NAT_OA_DRAFT -> NatOaPayload.decode(type, body);
            case PayloadType.FRAGMENT -> FragmentPayload.decode(body);
            case PayloadType.PROPOSAL, PayloadType.TRANSFORM -> throw new IsakmpProtocolException(
                    NotifyType.INVALID_PAYLOAD_TYPE, PayloadType.name(type) + " payload outside an SA payload");
            default -> {
                // Unknown payloads are kept so the message re-encodes as received and the
                // exchange can skip them; one flagged critical must be understood, so refuse it.
                if (critical) {
                    throw new IsakmpProtocolException(NotifyType.INVALID_PAYLOAD_TYPE,
                            "unknown critical payload type " + type);
                }
                yield new UnknownPayload(type, body.rest());
            }
        };
    }
}
