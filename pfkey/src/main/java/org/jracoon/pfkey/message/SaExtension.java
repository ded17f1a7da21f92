package org.jracoon.pfkey.message;

import java.nio.ByteBuffer;

/**
 * {@code struct sadb_sa} (RFC 2367 section 2.3.1): which SA, its state and algorithms.
 * <pre>
 * +---------------+---------------+---------------+---------------+
 * |          sadb_sa_len          |        sadb_sa_exttype        |
 * +---------------+---------------+---------------+---------------+
 * |                   sadb_sa_spi (network order)                 |
 * +---------------+---------------+---------------+---------------+
 * |    replay     |     state     |     auth      |    encrypt    |
 * +---------------+---------------+---------------+---------------+
 * |                         sadb_sa_flags                         |
 * +---------------+---------------+---------------+---------------+
 * </pre>
 * For IPComp the compression algorithm travels in {@code encrypt} and the CPI in the SPI's low
 * 16 bits.
 */
public record SaExtension(int spi, int replay, int state, int auth, int encrypt, int flags) implements SadbExtension {
    static final int BODY = 12;

    public SaExtension {
        Wire.checkU8(replay, "replay window");
        Wire.checkU8(state, "state");
        Wire.checkU8(auth, "auth algorithm");
        Wire.checkU8(encrypt, "encrypt algorithm");
    }

    /** Only the SPI, as DELETE and GET need. */
    public static SaExtension ofSpi(int spi) {
        return new SaExtension(spi, 0, 0, 0, 0, 0);
    }

    @Override
    public SadbExtensionType type() {
        return SadbExtensionType.SA;
    }

    @Override
    public int bodyLength() {
        return BODY;
    }

    @Override
    public void encodeBody(ByteBuffer out) {
        Wire.putBe32(out, spi);
        out.put((byte) replay).put((byte) state).put((byte) auth).put((byte) encrypt);
        out.putInt(flags);
    }

    static SaExtension decodeBody(ByteBuffer b) throws SadbDecodeException {
        Wire.require(b, BODY, "sadb_sa");
        SaExtension sa = new SaExtension(Wire.getBe32(b), Wire.u8(b), Wire.u8(b), Wire.u8(b), Wire.u8(b), b.getInt());
        Wire.requirePaddingOnly(b, "sadb_sa");
        return sa;
    }

    @Override
    public String toString() {
        return String.format("SA[spi=0x%08x replay=%d state=%d auth=%d enc=%d flags=0x%x]",
                spi, replay, state, auth, encrypt, flags);
    }
}
