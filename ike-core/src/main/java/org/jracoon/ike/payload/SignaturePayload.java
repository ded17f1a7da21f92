package org.jracoon.ike.payload;

/**
 * Signature payload, RFC 2408 section 3.12: SIG_I/SIG_R of data-authenticated Main Mode.
 *
 * <pre>
 *                      1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ! Next Payload  !   RESERVED    !         Payload Length        !
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ~                         Signature Data                        ~
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public record SignaturePayload(Octets data) implements OpaquePayload {

    public SignaturePayload {
        if (data.isEmpty()) {
            throw new IllegalArgumentException("empty data");
        }
    }

    static SignaturePayload decode(WireReader in) throws IsakmpProtocolException {
        return new SignaturePayload(in.nonEmptyRest("SIG payload"));
    }

    @Override
    public int type() {
        return PayloadType.SIG;
    }
}
