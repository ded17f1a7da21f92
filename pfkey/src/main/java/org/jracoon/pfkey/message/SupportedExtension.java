package org.jracoon.pfkey.message;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import static org.jracoon.pfkey.message.SadbDecodeException.Reason.BAD_LENGTH;
import static org.jracoon.pfkey.message.SadbExtensionType.SUPPORTED_AUTH;
import static org.jracoon.pfkey.message.SadbExtensionType.SUPPORTED_ENCRYPT;

/**
 * {@code struct sadb_supported} (RFC 2367 section 2.3.7) followed by {@code sadb_alg} entries: the
 * algorithms the kernel offers, in the REGISTER reply.
 * <pre>
 * +-------------------------------+-------------------------------+
 * |      sadb_supported_len       |    sadb_supported_exttype     |
 * +-------------------------------+-------------------------------+
 * |                          reserved                             |
 * +---------------+---------------+-------------------------------+
 * |    alg id     |     ivlen     |   minbits     |   maxbits     | reserved (16) ...
 * </pre>
 */
public record SupportedExtension(SadbExtensionType type, List<Algorithm> algorithms) implements SadbExtension {
    static final int ALG = 8;

    /** {@code struct sadb_alg}. */
    public record Algorithm(int id, int ivLength, int minBits, int maxBits) {
        public Algorithm {
            Wire.checkU8(id, "algorithm id");
            Wire.checkU8(ivLength, "iv length");
            Wire.checkU16(minBits, "min bits");
            Wire.checkU16(maxBits, "max bits");
        }
    }

    public SupportedExtension {
        Wire.checkType(type, SUPPORTED_AUTH, SUPPORTED_ENCRYPT);
        algorithms = List.copyOf(algorithms);
    }

    @Override
    public int bodyLength() {
        return 4 + ALG * algorithms.size();
    }

    @Override
    public void encodeBody(ByteBuffer out) {
        out.putInt(0);
        for (Algorithm a : algorithms) {
            out.put((byte) a.id()).put((byte) a.ivLength()).putShort((short) a.minBits())
                    .putShort((short) a.maxBits()).putShort((short) 0);
        }
    }

    static SupportedExtension decodeBody(SadbExtensionType type, ByteBuffer b) throws SadbDecodeException {
        Wire.require(b, 4, "sadb_supported");
        b.getInt();
        if (b.remaining() % ALG != 0) {
            throw new SadbDecodeException(BAD_LENGTH, "sadb_supported holds " + b.remaining() + " bytes, not whole sadb_alg");
        }
        List<Algorithm> algs = new ArrayList<>();
        while (b.hasRemaining()) {
            Algorithm a = new Algorithm(Wire.u8(b), Wire.u8(b), Wire.u16(b), Wire.u16(b));
            b.getShort();
            algs.add(a);
        }
        return new SupportedExtension(type, algs);
    }
}
