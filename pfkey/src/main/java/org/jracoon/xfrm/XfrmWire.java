package org.jracoon.xfrm;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Field access for the XFRM structures: the buffers are in the host's byte order, as netlink is;
 * addresses, SPIs and ports are in network order inside them.
 */
final class XfrmWire {
    private XfrmWire() {
    }

    static final int ADDRESS_LENGTH = 16;
    static final InetAddress ANY4 = zero(4);
    private static final boolean NATIVE_BIG = ByteOrder.nativeOrder() == ByteOrder.BIG_ENDIAN;

    static ByteBuffer buffer(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.nativeOrder());
    }

    static int family(InetAddress a) {
        return a.getAddress().length == 4 ? Xfrm.AF_INET : Xfrm.AF_INET6;
    }

    /** An {@code xfrm_address_t}: 16 bytes, an IPv4 address in the first four. */
    static void putAddress(ByteBuffer b, InetAddress a) {
        byte[] bytes = a.getAddress();
        b.put(bytes).put(new byte[ADDRESS_LENGTH - bytes.length]);
    }

    static InetAddress getAddress(ByteBuffer b, int family) throws NetlinkDecodeException {
        byte[] raw = new byte[ADDRESS_LENGTH];
        b.get(raw);
        int length = switch (family) {
            case Xfrm.AF_INET, Xfrm.AF_UNSPEC -> 4;
            case Xfrm.AF_INET6 -> 16;
            default -> throw new NetlinkDecodeException("address family " + family);
        };
        try {
            return InetAddress.getByAddress(Arrays.copyOf(raw, length));
        } catch (UnknownHostException e) {
            throw new IllegalStateException(length + " bytes are always an address", e);
        }
    }

    /** 0.0.0.0 or ::, by length. */
    static InetAddress zero(int length) {
        try {
            return InetAddress.getByAddress(new byte[length]);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("4 or 16 bytes are always an address", e);
        }
    }

    static void putNet16(ByteBuffer b, int v) {
        short s = (short) v;
        b.putShort(NATIVE_BIG ? s : Short.reverseBytes(s));
    }

    static int getNet16(ByteBuffer b) {
        short s = b.getShort();
        return (NATIVE_BIG ? s : Short.reverseBytes(s)) & 0xffff;
    }

    static void putNet32(ByteBuffer b, int v) {
        b.putInt(NATIVE_BIG ? v : Integer.reverseBytes(v));
    }

    static int getNet32(ByteBuffer b) {
        int v = b.getInt();
        return NATIVE_BIG ? v : Integer.reverseBytes(v);
    }

    static int u8(ByteBuffer b) {
        return b.get() & 0xff;
    }

    static int u16(ByteBuffer b) {
        return b.getShort() & 0xffff;
    }

    static void skip(ByteBuffer b, int n) {
        b.position(b.position() + n);
    }

    /** Reads a fixed-size structure, checking that the body holds it. */
    static ByteBuffer slice(ByteBuffer b, int size, String what) throws NetlinkDecodeException {
        NetlinkDecodeException.require(b, size, what);
        ByteBuffer s = b.slice(b.position(), size).order(ByteOrder.nativeOrder());
        skip(b, size);
        return s;
    }
}
