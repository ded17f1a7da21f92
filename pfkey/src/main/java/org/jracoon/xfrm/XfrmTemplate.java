package org.jracoon.xfrm;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * {@code struct xfrm_user_tmpl} (64 bytes): one SA a policy requires, as PF_KEY's ipsec request.
 *
 * <pre>
 *  0 id: daddr (16), spi, proto   24 family   28 saddr (16)   44 reqid
 * 48 mode   49 share   50 optional   52 aalgos   56 ealgos   60 calgos
 * </pre>
 *
 * Transport templates leave the addresses zero; {@code optional} is PF_KEY's level "use".
 */
public record XfrmTemplate(InetAddress destination, int protocol, int family, InetAddress source, int reqid,
                           int mode, boolean optional) {
    /** Every algorithm allowed: the SA found or negotiated decides, as with PF_KEY. */
    private static final int ANY_ALGORITHMS = -1;

    public XfrmTemplate {
        Objects.requireNonNull(destination);
        Objects.requireNonNull(source);
    }

    void encode(ByteBuffer b) {
        XfrmWire.putAddress(b, destination);
        b.putInt(0).put((byte) protocol).put(new byte[3]);
        b.putShort((short) family).putShort((short) 0);
        XfrmWire.putAddress(b, source);
        b.putInt(reqid).put((byte) mode).put((byte) 0).put((byte) (optional ? 1 : 0)).put((byte) 0);
        b.putInt(ANY_ALGORITHMS).putInt(ANY_ALGORITHMS).putInt(ANY_ALGORITHMS);
    }

    static byte[] encodeAll(List<XfrmTemplate> templates) {
        ByteBuffer b = XfrmWire.buffer(Xfrm.SIZEOF_USER_TMPL * templates.size());
        templates.forEach(t -> t.encode(b));
        return b.array();
    }

    /** The templates of an {@code XFRMA_TMPL} attribute: a whole number of structures. */
    static List<XfrmTemplate> decodeAll(ByteBuffer b) throws NetlinkDecodeException {
        if (b.remaining() % Xfrm.SIZEOF_USER_TMPL != 0) {
            throw new NetlinkDecodeException("XFRMA_TMPL of " + b.remaining() + " bytes is not a whole number of templates");
        }
        List<XfrmTemplate> out = new ArrayList<>();
        while (b.hasRemaining()) {
            ByteBuffer t = XfrmWire.slice(b, Xfrm.SIZEOF_USER_TMPL, "xfrm_user_tmpl");
            int family = t.getShort(24) & 0xffff;
            InetAddress daddr = XfrmWire.getAddress(t, family);
            XfrmWire.skip(t, 4);
            int protocol = XfrmWire.u8(t);
            XfrmWire.skip(t, 7);
            InetAddress saddr = XfrmWire.getAddress(t, family);
            int reqid = t.getInt();
            int mode = XfrmWire.u8(t);
            XfrmWire.skip(t, 1);
            out.add(new XfrmTemplate(daddr, protocol, family, saddr, reqid, mode, XfrmWire.u8(t) != 0));
        }
        return out;
    }
}
