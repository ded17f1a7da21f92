package org.jracoon.ike.payload;

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
public record NoncePayload(Octets data) implements OpaquePayload {

    /** RFC 2409 section 5: the data is 8 to 256 octets long. */
    public static final int MIN_LENGTH = 8;
    public static final int MAX_LENGTH = 256;

    public NoncePayload {
        if (data.length() < MIN_LENGTH || data.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("data of " + data.length() + " octets");
        }
    }

    static NoncePayload decode(WireReader in) throws IsakmpProtocolException {
        if (in.remaining() < MIN_LENGTH || in.remaining() > MAX_LENGTH) {
            throw IsakmpProtocolException.malformed("data of " + in.remaining() + " octets, RFC 2409 wants "
                    + MIN_LENGTH + ".." + MAX_LENGTH);
        }
        return new NoncePayload(in.rest());
    }

    @Override
    public int type() {
        return PayloadType.NONCE;
    }
}
