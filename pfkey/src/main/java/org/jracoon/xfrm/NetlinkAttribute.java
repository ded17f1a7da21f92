package org.jracoon.xfrm;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * One netlink attribute ({@code struct rtattr} / {@code nlattr}): a 4-byte header and a value,
 * the next attribute starting at the following 4-byte boundary.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |     rta_len (header + value)  |           rta_type            |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                   value, padded to 4 bytes                    |
 * </pre>
 */
public record NetlinkAttribute(int type, byte[] value) {
    static final int HEADER_LENGTH = 4;

    public NetlinkAttribute {
        if (type < 0 || type > 0xffff || value.length > 0xffff - HEADER_LENGTH) {
            throw new IllegalArgumentException("attribute type " + type + " of " + value.length + " bytes");
        }
        value = value.clone();
    }

    @Override
    public byte[] value() {
        return value.clone();
    }

    public ByteBuffer valueBuffer() {
        return ByteBuffer.wrap(value).asReadOnlyBuffer().order(ByteOrder.nativeOrder());
    }

    public static int encodedLength(List<NetlinkAttribute> attributes) {
        return attributes.stream().mapToInt(a -> NetlinkMessage.align(HEADER_LENGTH + a.value.length)).sum();
    }

    public static void encodeAll(ByteBuffer b, List<NetlinkAttribute> attributes) {
        for (NetlinkAttribute a : attributes) {
            b.putShort((short) (HEADER_LENGTH + a.value.length)).putShort((short) a.type).put(a.value);
            b.put(new byte[NetlinkMessage.align(a.value.length) - a.value.length]);
        }
    }

    /** Reads attributes up to the end of the buffer; every {@code rta_len} is checked against what is left. */
    public static List<NetlinkAttribute> decodeAll(ByteBuffer b) throws NetlinkDecodeException {
        List<NetlinkAttribute> out = new ArrayList<>();
        while (b.remaining() >= HEADER_LENGTH) {
            int length = b.getShort() & 0xffff;
            // The top bits of rta_type are the NESTED and NET_BYTEORDER flags, not the type.
            int type = b.getShort() & 0x3fff;
            if (length < HEADER_LENGTH || length - HEADER_LENGTH > b.remaining()) {
                throw new NetlinkDecodeException("attribute " + type + " rta_len " + length + " with "
                        + (b.remaining() + HEADER_LENGTH) + " bytes left");
            }
            byte[] value = new byte[length - HEADER_LENGTH];
            b.get(value);
            b.position(Math.min(b.limit(), b.position() + NetlinkMessage.align(length) - length));
            out.add(new NetlinkAttribute(type, value));
        }
        if (b.hasRemaining()) {
            throw new NetlinkDecodeException(b.remaining() + " bytes after the last attribute");
        }
        return out;
    }

    public static Optional<NetlinkAttribute> find(List<NetlinkAttribute> attributes, int type) {
        return attributes.stream().filter(a -> a.type == type).findFirst();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NetlinkAttribute a && a.type == type && Arrays.equals(a.value, value);
    }

    @Override
    public int hashCode() {
        return type * 31 + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return "rtattr " + type + " " + HexFormat.of().formatHex(value);
    }
}
