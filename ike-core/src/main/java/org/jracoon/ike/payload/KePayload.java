package org.jracoon.ike.payload;

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
public record KePayload(Octets data) implements OpaquePayload {

    public KePayload {
        if (data.isEmpty()) {
            throw new IllegalArgumentException("empty key exchange data");
        }
    }

    static KePayload decode(WireReader in) throws IsakmpProtocolException {
        return new KePayload(in.nonEmptyRest("KE payload"));
    }

    @Override
    public int type() {
        return PayloadType.KE;
    }
}
