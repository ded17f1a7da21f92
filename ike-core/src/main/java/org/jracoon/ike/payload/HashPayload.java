package org.jracoon.ike.payload;

import java.nio.ByteBuffer;

/**
 * Hash payload, RFC 2408 section 3.11: HASH_I/HASH_R of Main Mode, HASH(1..3) of Quick Mode
 * and the HASH of protected Informational exchanges (RFC 2409 sections 5, 5.5 and 5.7).
 *
 * <pre>
 *                      1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ! Next Payload  !   RESERVED    !         Payload Length        !
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ~                           Hash Data                           ~
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public record HashPayload(Octets hash) implements Payload {

    public HashPayload {
        if (hash.isEmpty()) {
            throw new IllegalArgumentException("empty hash");
        }
    }

    static HashPayload decode(WireReader in) throws IsakmpProtocolException {
        if (in.remaining() == 0) {
            throw IsakmpProtocolException.malformed("empty HASH payload");
        }
        return new HashPayload(in.rest());
    }

    @Override
    public int type() {
        return PayloadType.HASH;
    }

    @Override
    public int bodyLength() {
        return hash.length();
    }

    @Override
    public void encodeBody(ByteBuffer out) {
        hash.writeTo(out);
    }
}
