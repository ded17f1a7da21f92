package org.jracoon.ike.payload;

import java.nio.ByteBuffer;

/**
 * Nonce payload, RFC 2408 section 3.13.
 *
 * <pre>
 *                      1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ! Next Payload  !   RESERVED    !         Payload Length        !
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ~                            Nonce Data                         ~
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public record NoncePayload(Octets nonce) implements Payload {

    /** RFC 2409 section 5: the nonce is 8 to 256 octets long. */
    public static final int MIN_LENGTH = 8;
    public static final int MAX_LENGTH = 256;

    public NoncePayload {
        if (nonce.length() < MIN_LENGTH || nonce.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("nonce of " + nonce.length() + " octets");
        }
    }

    static NoncePayload decode(WireReader in) throws IsakmpProtocolException {
        if (in.remaining() < MIN_LENGTH || in.remaining() > MAX_LENGTH) {
            throw IsakmpProtocolException.malformed("nonce of " + in.remaining() + " octets, RFC 2409 wants "
                    + MIN_LENGTH + ".." + MAX_LENGTH);
        }
        return new NoncePayload(in.rest());
    }

    @Override
    public int type() {
        return PayloadType.NONCE;
    }

    @Override
    public int bodyLength() {
        return nonce.length();
    }

    @Override
    public void encodeBody(ByteBuffer out) {
        nonce.writeTo(out);
    }
}
