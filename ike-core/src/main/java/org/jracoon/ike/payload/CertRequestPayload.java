package org.jracoon.ike.payload;

import java.nio.ByteBuffer;

/**
 * Certificate Request payload, RFC 2408 section 3.10. An empty authority asks for any
 * certificate of the given type.
 *
 * <pre>
 *                      1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ! Next Payload  !   RESERVED    !         Payload Length        !
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * !  Cert. Type   !                                               !
 * +-+-+-+-+-+-+-+-+                                               !
 * ~                    Certificate Authority                      ~
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public record CertRequestPayload(int certType, Octets authority) implements Payload {

    public CertRequestPayload {
        if ((certType & ~0xFF) != 0) {
            throw new IllegalArgumentException("certificate type " + certType);
        }
    }

    static CertRequestPayload decode(WireReader in) throws IsakmpProtocolException {
        int certType = in.u8();
        return new CertRequestPayload(certType, in.rest());
    }

    @Override
    public int type() {
        return PayloadType.CR;
    }

    @Override
    public int bodyLength() {
        return 1 + authority.length();
    }

    @Override
    public void encodeBody(ByteBuffer out) {
        out.put((byte) certType);
        authority.writeTo(out);
    }
}
