package org.jracoon.ike.payload;

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
public record HashPayload(Octets data) implements OpaquePayload {

    public HashPayload {
        if (data.isEmpty()) {
            throw new IllegalArgumentException("empty hash");
        }
    }

    static HashPayload decode(WireReader in) throws IsakmpProtocolException {
        return new HashPayload(in.nonEmptyRest("HASH payload"));
    }

    @Override
    public int type() {
        return PayloadType.HASH;
    }
}
