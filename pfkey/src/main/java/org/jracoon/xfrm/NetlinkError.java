package org.jracoon.xfrm;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * The body of an NLMSG_ERROR ({@code struct nlmsgerr}): a negative errno, or 0 for an
 * acknowledgement, then the header of the request it answers and, with extended acks
 * ({@code NLM_F_ACK_TLVS} in the flags), attributes such as the kernel's message.
 *
 * <pre>
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                    error (0 or -errno)                        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |           the request's nlmsghdr (16 bytes)                   |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  the request's body, unless NETLINK_CAP_ACK; TLVs (nlmsgerr_attrs)
 * </pre>
 */
public record NetlinkError(int errno, Optional<String> kernelMessage) {
    private static final int NLM_F_CAPPED = 0x100;
    private static final int NLM_F_ACK_TLVS = 0x200;
    private static final int NLMSGERR_ATTR_MSG = 1;

    public static NetlinkError decode(NetlinkMessage m) throws NetlinkDecodeException {
        ByteBuffer b = m.bodyBuffer();
        NetlinkDecodeException.require(b, 4 + NetlinkMessage.HEADER_LENGTH, "nlmsgerr");
        int error = b.getInt();
        if (error > 0) {
            throw new NetlinkDecodeException("nlmsgerr error " + error + " is not 0 or a negative errno");
        }
        int requestLength = b.getInt();
        XfrmWire.skip(b, NetlinkMessage.HEADER_LENGTH - 4);
        if ((m.flags() & NLM_F_CAPPED) == 0) {
            // Without CAP_ACK the whole request is echoed before the TLVs.
            int echoed = NetlinkMessage.align(requestLength) - NetlinkMessage.HEADER_LENGTH;
            NetlinkDecodeException.require(b, echoed, "echoed request");
            XfrmWire.skip(b, echoed);
        }
        Optional<String> text = Optional.empty();
        if ((m.flags() & NLM_F_ACK_TLVS) != 0) {
            List<NetlinkAttribute> tlvs = NetlinkAttribute.decodeAll(b.slice().order(b.order()));
            text = NetlinkAttribute.find(tlvs, NLMSGERR_ATTR_MSG).map(a -> {
                byte[] v = a.value();
                int end = 0;
                while (end < v.length && v[end] != 0) {
                    end++;
                }
                return new String(v, 0, end, StandardCharsets.UTF_8);
            });
        }
        return new NetlinkError(-error, text);
    }
}
