package org.jracoon.ike.payload;

import java.nio.ByteBuffer;

/**
 * Certificate payload, RFC 2408 section 3.9; the encoding is one of {@link CertEncoding}.
 *
 * <pre>
 *                      1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ! Next Payload  !   RESERVED    !         Payload Length        !
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ! Cert Encoding !                                               !
 * +-+-+-+-+-+-+-+-+                                               !
 * ~                       Certificate Data                        ~
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public record CertPayload(int encoding, Octets certificate) implements Payload {

    public CertPayload {
        if ((encoding & ~0xFF) != 0 || certificate.isEmpty()) {
            throw new IllegalArgumentException("certificate encoding " + encoding + " with "
                    + certificate.length() + " octets");
        }
    }

    static CertPayload decode(WireReader in) throws IsakmpProtocolException {
        int encoding = in.u8();
        if (in.remaining() == 0) {
            throw IsakmpProtocolException.malformed("CERT payload without certificate data");
        }
        return new CertPayload(encoding, in.rest());
    }

    @Override
    public int type() {
        return PayloadType.CERT;
    }

    @Override
    public int bodyLength() {
        return 1 + certificate.length();
    }

    @Override
    public void encodeBody(ByteBuffer out) {
        out.put((byte) encoding);
        certificate.writeTo(out);
    }
}
