package org.jracoon.xfrm;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * {@code struct xfrm_selector} (56 bytes): the traffic a policy or SA applies to.
 *
 * <pre>
 *  0 daddr (16)  16 saddr (16)  32 dport, dport_mask, sport, sport_mask (network order)
 * 40 family  42 prefixlen_d  43 prefixlen_s  44 proto  48 ifindex  52 user
 * </pre>
 *
 * Protocol 0 is any protocol; a port mask of 0 any port.
 */
public record XfrmSelector(int family, InetAddress destination, int destinationPrefix, int destinationPort,
                           InetAddress source, int sourcePrefix, int sourcePort, int protocol) {
    public XfrmSelector {
        Objects.requireNonNull(destination);
        Objects.requireNonNull(source);
    }

    /** All zero, without a family: what a lookup by policy index carries. */
    static final XfrmSelector NONE = new XfrmSelector(Xfrm.AF_UNSPEC, XfrmWire.ANY4, 0, 0, XfrmWire.ANY4, 0, 0, 0);

    void encode(ByteBuffer b) {
        XfrmWire.putAddress(b, destination);
        XfrmWire.putAddress(b, source);
        XfrmWire.putNet16(b, destinationPort);
        XfrmWire.putNet16(b, destinationPort == 0 ? 0 : 0xffff);
        XfrmWire.putNet16(b, sourcePort);
        XfrmWire.putNet16(b, sourcePort == 0 ? 0 : 0xffff);
        b.putShort((short) family).put((byte) destinationPrefix).put((byte) sourcePrefix).put((byte) protocol);
        b.put(new byte[3]).putInt(0).putInt(0);
    }

    static XfrmSelector decode(ByteBuffer in) throws NetlinkDecodeException {
        ByteBuffer b = XfrmWire.slice(in, Xfrm.SIZEOF_SELECTOR, "xfrm_selector");
        int family = b.getShort(40) & 0xffff;
        InetAddress daddr = XfrmWire.getAddress(b, family);
        InetAddress saddr = XfrmWire.getAddress(b, family);
        int dport = XfrmWire.getNet16(b);
        int dmask = XfrmWire.getNet16(b);
        int sport = XfrmWire.getNet16(b);
        int smask = XfrmWire.getNet16(b);
        XfrmWire.skip(b, 2);
        int prefixD = XfrmWire.u8(b);
        int prefixS = XfrmWire.u8(b);
        int protocol = XfrmWire.u8(b);
        return new XfrmSelector(family, daddr, prefixD, dmask == 0 ? 0 : dport, saddr, prefixS, smask == 0 ? 0 : sport,
                protocol);
    }
}
