package org.jracoon.xfrm;

import org.jracoon.ike.kernel.Lifetime;

import java.nio.ByteBuffer;

/**
 * {@code struct xfrm_lifetime_cfg} (64 bytes: soft and hard byte limits, packet limits, seconds
 * after adding, seconds after first use) and {@code struct xfrm_lifetime_cur} (32 bytes: bytes,
 * packets, add time, use time). A PF_KEY allocation is an XFRM packet; zero, "no limit", is
 * {@link Xfrm#INF} here.
 */
record XfrmLifetimes(Lifetime soft, Lifetime hard) {
    static final int CONFIG_LENGTH = 64;
    static final int CURRENT_LENGTH = 32;
    static final XfrmLifetimes NONE = new XfrmLifetimes(Lifetime.NONE, Lifetime.NONE);

    void encode(ByteBuffer b) {
        b.putLong(limit(soft.bytes())).putLong(limit(hard.bytes()))
                .putLong(limit(soft.allocations())).putLong(limit(hard.allocations()))
                .putLong(soft.addSeconds()).putLong(hard.addSeconds())
                .putLong(soft.useSeconds()).putLong(hard.useSeconds());
    }

    static XfrmLifetimes decode(ByteBuffer in) throws NetlinkDecodeException {
        ByteBuffer b = XfrmWire.slice(in, CONFIG_LENGTH, "xfrm_lifetime_cfg");
        long[] v = new long[8];
        for (int i = 0; i < v.length; i++) {
            v[i] = b.getLong();
        }
        return new XfrmLifetimes(new Lifetime(unlimit(v[2]), unlimit(v[0]), clamp(v[4]), clamp(v[6])),
                new Lifetime(unlimit(v[3]), unlimit(v[1]), clamp(v[5]), clamp(v[7])));
    }

    static void encodeCurrent(ByteBuffer b, Lifetime current) {
        b.putLong(current.bytes()).putLong(current.allocations()).putLong(current.addSeconds()).putLong(current.useSeconds());
    }

    static Lifetime decodeCurrent(ByteBuffer in) throws NetlinkDecodeException {
        ByteBuffer b = XfrmWire.slice(in, CURRENT_LENGTH, "xfrm_lifetime_cur");
        long bytes = b.getLong();
        long packets = b.getLong();
        return new Lifetime(clamp(packets), clamp(bytes), clamp(b.getLong()), clamp(b.getLong()));
    }

    private static long limit(long v) {
        return v == 0 ? Xfrm.INF : v;
    }

    private static long unlimit(long v) {
        return v == Xfrm.INF ? 0 : clamp(v);
    }

    /** Unsigned 64-bit counters beyond Long.MAX_VALUE are as good as unlimited. */
    private static long clamp(long v) {
        return v < 0 ? Long.MAX_VALUE : v;
    }
}
