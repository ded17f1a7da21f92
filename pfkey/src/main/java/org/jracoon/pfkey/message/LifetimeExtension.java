package org.jracoon.pfkey.message;

import java.nio.ByteBuffer;

import static org.jracoon.pfkey.message.SadbExtensionType.LIFETIME_CURRENT;
import static org.jracoon.pfkey.message.SadbExtensionType.LIFETIME_HARD;
import static org.jracoon.pfkey.message.SadbExtensionType.LIFETIME_SOFT;

/**
 * {@code struct sadb_lifetime} (RFC 2367 section 2.3.2), current, hard or soft. Times are seconds;
 * in the current lifetime they are absolute (epoch), in hard/soft relative; zero means no limit.
 * <pre>
 * +-------------------------------+-------------------------------+
 * |      sadb_lifetime_len        |     sadb_lifetime_exttype     |
 * +-------------------------------+-------------------------------+
 * |                   sadb_lifetime_allocations                   |
 * +---------------------------------------------------------------+
 * |                    sadb_lifetime_bytes (64)                   |
 * |                   sadb_lifetime_addtime (64)                  |
 * |                   sadb_lifetime_usetime (64)                  |
 * +---------------------------------------------------------------+
 * </pre>
 */
public record LifetimeExtension(SadbExtensionType type, int allocations, long bytes, long addTime, long useTime)
        implements SadbExtension {
    static final int BODY = 28;

    public LifetimeExtension {
        Wire.checkType(type, LIFETIME_CURRENT, LIFETIME_HARD, LIFETIME_SOFT);
    }

    @Override
    public int bodyLength() {
        return BODY;
    }

    @Override
    public void encodeBody(ByteBuffer out) {
        out.putInt(allocations).putLong(bytes).putLong(addTime).putLong(useTime);
    }

    static LifetimeExtension decodeBody(SadbExtensionType type, ByteBuffer b) throws SadbDecodeException {
        Wire.require(b, BODY, "sadb_lifetime");
        LifetimeExtension l = new LifetimeExtension(type, b.getInt(), b.getLong(), b.getLong(), b.getLong());
        Wire.requirePaddingOnly(b, "sadb_lifetime");
        return l;
    }
}
