package org.jracoon.xfrm;

import org.jracoon.ike.kernel.Lifetime;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * {@code struct xfrm_userpolicy_info} (168 bytes): a policy's fixed part with its hard lifetime
 * (the policy expires by it); its SA templates follow in an {@code XFRMA_TMPL} attribute.
 *
 * <pre>
 *   0 sel (56)   56 lft (64)   120 curlft (32)   152 priority   156 index
 * 160 dir   161 action (ALLOW, BLOCK)   162 flags   163 share   164..167 padding
 * </pre>
 */
public record XfrmPolicyInfo(XfrmSelector selector, Lifetime hard, int priority, int index, int direction,
        int action) {
    public XfrmPolicyInfo {
        Objects.requireNonNull(selector);
        Objects.requireNonNull(hard);
    }

    void encode(ByteBuffer b) {
        selector.encode(b);
        new XfrmLifetimes(Lifetime.NONE, hard).encode(b);
        XfrmLifetimes.encodeCurrent(b, Lifetime.NONE);
        b.putInt(priority).putInt(index).put((byte) direction).put((byte) action).put(new byte[6]);
    }

    byte[] encode() {
        ByteBuffer b = XfrmWire.buffer(Xfrm.SIZEOF_USERPOLICY_INFO);
        encode(b);
        return b.array();
    }

    static XfrmPolicyInfo decode(ByteBuffer in) throws NetlinkDecodeException {
        ByteBuffer b = XfrmWire.slice(in, Xfrm.SIZEOF_USERPOLICY_INFO, "xfrm_userpolicy_info");
        XfrmSelector selector = XfrmSelector.decode(b);
        Lifetime hard = XfrmLifetimes.decode(b).hard();
        XfrmWire.skip(b, XfrmLifetimes.CURRENT_LENGTH);
        int priority = b.getInt();
        int index = b.getInt();
        int direction = XfrmWire.u8(b);
        return new XfrmPolicyInfo(selector, hard, priority, index, direction, XfrmWire.u8(b));
    }
}
