package org.jracoon.ike.payload;

import java.nio.ByteBuffer;

/**
 * An ISAKMP payload: the body that follows the generic payload header of RFC 2408 section 3.2.
 * The generic header itself (next payload, reserved, length) belongs to the chain the payload
 * sits in and is written by {@link PayloadChain}.
 *
 * <pre>
 *                      1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ! Next Payload  !   RESERVED    !         Payload Length        !
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * Implementations are immutable values; decoding is the static {@code decode} of each class
 * and {@link #encodeBody(ByteBuffer)} writes exactly {@link #bodyLength()} octets back.
 */
public sealed interface Payload permits SaPayload, ProposalPayload, TransformPayload, IdPayload,
        CertPayload, CertRequestPayload, NotifyPayload, DeletePayload, NatOaPayload, FragmentPayload,
        OpaquePayload {

    /** The payload type number ({@link PayloadType}) announced in the preceding header. */
    int type();

    /** Length of the body, without the 4-octet generic header. */
    int bodyLength();

    /** Writes the body ({@link #bodyLength()} octets). */
    void encodeBody(ByteBuffer out);

    /** The body as bytes: what RFC 2409 hashes as SAi_b, IDii_b, Ni_b and so on. */
    default byte[] encodeBody() {
        ByteBuffer out = ByteBuffer.allocate(bodyLength());
        encodeBody(out);
        return out.array();
    }
}
