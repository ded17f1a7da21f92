package org.jracoon.ike.payload;

import java.nio.ByteBuffer;

/**
 * Signature payload, RFC 2408 section 3.12: SIG_I/SIG_R of signature-authenticated Main Mode.
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
public record SignaturePayload(Octets signature) implements Payload {

    public SignaturePayload {
        if (signature.isEmpty()) {
            throw new IllegalArgumentException("empty signature");
        }
    }

    static SignaturePayload decode(WireReader in) throws IsakmpProtocolException {
        if (in.remaining() == 0) {
            throw IsakmpProtocolException.malformed("empty SIG payload");
        }
        return new SignaturePayload(in.rest());
    }

    @Override
    public int type() {
        return PayloadType.SIG;
    }

    @Override
    public int bodyLength() {
        return signature.length();
    }

    @Override
    public void encodeBody(ByteBuffer out) {
        signature.writeTo(out);
    }
}
