package org.jracoon.xfrm;

import org.jracoon.ike.kernel.Lifetime;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * {@code struct xfrm_usersa_info} (224 bytes): an SA's fixed part.
 *
 * <pre>
 *   0 sel (xfrm_selector, 56)   56 id: daddr (16), spi (network order), proto
 *  80 saddr (16)   96 lft (xfrm_lifetime_cfg, 64)   160 curlft (32)   192 stats (12)
 * 204 seq   208 reqid   212 family   214 mode   215 replay_window   216 flags   217..223 padding
 * </pre>
 */
public record XfrmSaInfo(XfrmSelector selector, InetAddress destination, int spi, int protocol, InetAddress source,
                         XfrmLifetimes lifetimes, Lifetime current, int sequence, int reqid, int family, int mode,
                         int replayWindow, int flags) {
    public XfrmSaInfo {
        Objects.requireNonNull(selector);
        Objects.requireNonNull(destination);
        Objects.requireNonNull(source);
        Objects.requireNonNull(lifetimes);
        Objects.requireNonNull(current);
    }

    void encode(ByteBuffer b) {
        selector.encode(b);
        XfrmWire.putAddress(b, destination);
        XfrmWire.putNet32(b, spi);
        b.put((byte) protocol).put(new byte[3]);
        XfrmWire.putAddress(b, source);
        lifetimes.encode(b);
        XfrmLifetimes.encodeCurrent(b, current);
        b.put(new byte[12]);
        b.putInt(sequence).putInt(reqid).putShort((short) family).put((byte) mode).put((byte) replayWindow)
                .put((byte) flags).put(new byte[7]);
    }

    byte[] encode() {
        ByteBuffer b = XfrmWire.buffer(Xfrm.SIZEOF_USERSA_INFO);
        encode(b);
        return b.array();
    }

    static XfrmSaInfo decode(ByteBuffer in) throws NetlinkDecodeException {
        ByteBuffer b = XfrmWire.slice(in, Xfrm.SIZEOF_USERSA_INFO, "xfrm_usersa_info");
        int family = b.getShort(212) & 0xffff;
        XfrmSelector selector = XfrmSelector.decode(b);
        InetAddress daddr = XfrmWire.getAddress(b, family);
        int spi = XfrmWire.getNet32(b);
        int protocol = XfrmWire.u8(b);
        XfrmWire.skip(b, 3);
        InetAddress saddr = XfrmWire.getAddress(b, family);
        XfrmLifetimes lifetimes = XfrmLifetimes.decode(b);
        Lifetime current = XfrmLifetimes.decodeCurrent(b);
        XfrmWire.skip(b, 12);
        int sequence = b.getInt();
        int reqid = b.getInt();
        XfrmWire.skip(b, 2);
        int mode = XfrmWire.u8(b);
        int replayWindow = XfrmWire.u8(b);
        int flags = XfrmWire.u8(b);
        return new XfrmSaInfo(selector, daddr, spi, protocol, saddr, lifetimes, current, sequence, reqid, family,
                mode, replayWindow, flags);
    }
}
