package org.jracoon.pfkey.message;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import static org.jracoon.pfkey.message.SadbDecodeException.Reason.BAD_LENGTH;

/**
 * {@code struct sadb_prop} (RFC 2367 section 2.3.6) followed by {@code sadb_comb} entries: the
 * algorithm combinations the kernel asks for in an ACQUIRE, most preferred first.
 * <pre>
 * +-------------------------------+-------------------------------+
 * |         sadb_prop_len         |       sadb_prop_exttype       |
 * +---------------+---------------+-------------------------------+
 * |    replay     |               reserved                        |
 * +---------------+-----------------------------------------------+
 * |                  sadb_comb (72 bytes) ...                     |
 * </pre>
 */
public record ProposalExtension(int replay, List<Combination> combinations) implements SadbExtension {
    static final int COMB = 72;

    /**
     * {@code struct sadb_comb}: one acceptable algorithm pair with key sizes and lifetimes.
     * <pre>
     * | auth | encrypt |  flags  | auth_minbits | auth_maxbits | encrypt_minbits | encrypt_maxbits |
     * | reserved (32) | soft_allocations (32) | hard_allocations (32) |
     * | soft_bytes | hard_bytes | soft_addtime | hard_addtime | soft_usetime | hard_usetime (64 each) |
     * </pre>
     */
    public record Combination(int auth, int encrypt, int flags, int authMinBits, int authMaxBits,
                              int encryptMinBits, int encryptMaxBits, int softAllocations, int hardAllocations,
                              long softBytes, long hardBytes, long softAddTime, long hardAddTime,
                              long softUseTime, long hardUseTime) {
        public Combination {
            Wire.checkU8(auth, "auth");
            Wire.checkU8(encrypt, "encrypt");
            Wire.checkU16(flags, "flags");
            Wire.checkU16(authMinBits, "auth min bits");
            Wire.checkU16(authMaxBits, "auth max bits");
            Wire.checkU16(encryptMinBits, "encrypt min bits");
            Wire.checkU16(encryptMaxBits, "encrypt max bits");
        }

        void encode(ByteBuffer out) {
            out.put((byte) auth).put((byte) encrypt).putShort((short) flags)
                    .putShort((short) authMinBits).putShort((short) authMaxBits)
                    .putShort((short) encryptMinBits).putShort((short) encryptMaxBits)
                    .putInt(0).putInt(softAllocations).putInt(hardAllocations)
                    .putLong(softBytes).putLong(hardBytes).putLong(softAddTime).putLong(hardAddTime)
                    .putLong(softUseTime).putLong(hardUseTime);
        }

        static Combination decode(ByteBuffer b) {
            int auth = Wire.u8(b);
            int encrypt = Wire.u8(b);
            int flags = Wire.u16(b);
            int aMin = Wire.u16(b);
            int aMax = Wire.u16(b);
            int eMin = Wire.u16(b);
            int eMax = Wire.u16(b);
            b.getInt();
            return new Combination(auth, encrypt, flags, aMin, aMax, eMin, eMax, b.getInt(), b.getInt(),
                    b.getLong(), b.getLong(), b.getLong(), b.getLong(), b.getLong(), b.getLong());
        }
    }

    public ProposalExtension {
        Wire.checkU8(replay, "replay window");
        combinations = List.copyOf(combinations);
    }

    @Override
    public SadbExtensionType type() {
        return SadbExtensionType.PROPOSAL;
    }

    @Override
    public int bodyLength() {
        return 4 + COMB * combinations.size();
    }

    @Override
    public void encodeBody(ByteBuffer out) {
        out.put((byte) replay).put((byte) 0).putShort((short) 0);
        combinations.forEach(c -> c.encode(out));
    }

    static ProposalExtension decodeBody(ByteBuffer b) throws SadbDecodeException {
        Wire.require(b, 4, "sadb_prop");
        int replay = Wire.u8(b);
        b.get();
        b.getShort();
        if (b.remaining() % COMB != 0) {
            throw new SadbDecodeException(BAD_LENGTH, "sadb_prop holds " + b.remaining() + " bytes, not whole sadb_comb");
        }
        List<Combination> combs = new ArrayList<>();
        while (b.hasRemaining()) {
            combs.add(Combination.decode(b));
        }
        return new ProposalExtension(replay, combs);
    }
}
