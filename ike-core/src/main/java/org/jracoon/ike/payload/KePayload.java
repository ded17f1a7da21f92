package org.jracoon.ike.payload;

import java.nio.ByteBuffer;

/**
 * Key Exchange payload, RFC 2408 section 3.7: the sender's Diffie-Hellman public value g^x,
 * padded with leading zeros to the length of the group's prime (RFC 2409 section 5).
 *
 * <pre>
 *                      1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ! Next Payload  !   RESERVED    !         Payload Length        !
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ~                       Key Exchange Data                       ~
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * Whether the length suits the negotiated group is the exchange's check, not the decoder's.
 */
public record KePayload(Octets keyData) implements Payload {

    public KePayload {
        if (keyData.isEmpty()) {
            throw new IllegalArgumentException("empty key exchange data");
        }
    }

    static KePayload decode(WireReader in) throws IsakmpProtocolException {
        if (in.remaining() == 0) {
            throw IsakmpProtocolException.malformed("empty KE payload");
        }
        return new KePayload(in.rest());
    }

    @Override
    public int type() {
        return PayloadType.KE;
    }

    @Override
    public int bodyLength() {
        return keyData.length();
    }

    @Override
    public void encodeBody(ByteBuffer out) {
        keyData.writeTo(out);
    }
}
