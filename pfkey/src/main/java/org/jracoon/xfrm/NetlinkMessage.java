package org.jracoon.xfrm;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * One netlink message (netlink(7)): a 16-byte header and a body, in the host's byte order.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                      nlmsg_len (header + body)                |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |          nlmsg_type           |          nlmsg_flags          |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                           nlmsg_seq                           |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                  nlmsg_pid (sender's port id)                 |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |          body, padded to a 4-byte boundary in a datagram      |
 * </pre>
 *
 * A datagram may carry several messages (the parts of a dump); {@link #decodeAll} splits it.
 */
public record NetlinkMessage(int type, int flags, int sequence, int portId, byte[] body) {
    public static final int HEADER_LENGTH = 16;
    static final int ALIGN = 4;

    public static final int NLMSG_ERROR = 2;
    public static final int NLMSG_DONE = 3;

    public static final int NLM_F_REQUEST = 0x01;
    public static final int NLM_F_MULTI = 0x02;
    public static final int NLM_F_ACK = 0x04;
    public static final int NLM_F_DUMP = 0x300;

    public NetlinkMessage {
        if (type < 0 || type > 0xffff || flags < 0 || flags > 0xffff) {
            throw new IllegalArgumentException("netlink type " + type + " flags " + flags);
        }
        body = body.clone();
    }

    /** A request to the kernel: the client fills in its sequence and our port id when it sends it. */
    public static NetlinkMessage request(int type, int flags, byte[] body) {
        return new NetlinkMessage(type, NLM_F_REQUEST | flags, 0, 0, body);
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    /** The body for reading, in the host's byte order. */
    public ByteBuffer bodyBuffer() {
        return ByteBuffer.wrap(body).asReadOnlyBuffer().order(ByteOrder.nativeOrder());
    }

    static int align(int n) {
        return (n + ALIGN - 1) & -ALIGN;
    }

    public byte[] encode() {
        ByteBuffer b = ByteBuffer.allocate(align(HEADER_LENGTH + body.length)).order(ByteOrder.nativeOrder());
        b.putInt(HEADER_LENGTH + body.length).putShort((short) type).putShort((short) flags)
                .putInt(sequence).putInt(portId).put(body);
        return b.array();
    }

    /** Splits a datagram into its messages; every {@code nlmsg_len} is checked against what is left. */
    public static List<NetlinkMessage> decodeAll(byte[] datagram) throws NetlinkDecodeException {
        ByteBuffer b = ByteBuffer.wrap(datagram).order(ByteOrder.nativeOrder());
        List<NetlinkMessage> out = new ArrayList<>();
        while (b.hasRemaining()) {
            NetlinkDecodeException.require(b, HEADER_LENGTH, "netlink header");
            int start = b.position();
            int length = b.getInt();
            if (length < HEADER_LENGTH || length > datagram.length - start) {
                throw new NetlinkDecodeException("nlmsg_len " + Integer.toUnsignedString(length) + " with "
                        + (datagram.length - start) + " bytes in the datagram");
            }
            int type = b.getShort() & 0xffff;
            int flags = b.getShort() & 0xffff;
            int sequence = b.getInt();
            int portId = b.getInt();
            byte[] body = Arrays.copyOfRange(datagram, start + HEADER_LENGTH, start + length);
            out.add(new NetlinkMessage(type, flags, sequence, portId, body));
            b.position(Math.min(datagram.length, start + align(length)));
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NetlinkMessage m && m.type == type && m.flags == flags && m.sequence == sequence
                && m.portId == portId && Arrays.equals(m.body, body);
    }

    @Override
    public int hashCode() {
        return ((type * 31 + sequence) * 31 + portId) * 31 + Arrays.hashCode(body);
    }

    @Override
    public String toString() {
        return "nlmsg type " + type + " flags 0x" + Integer.toHexString(flags) + " seq " + Integer.toUnsignedString(sequence)
                + " pid " + Integer.toUnsignedString(portId) + " body " + HexFormat.of().formatHex(body);
    }
}
