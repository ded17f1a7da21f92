package org.jracoon.pfkey.message;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import static org.jracoon.pfkey.message.SadbDecodeException.Reason.BAD_LENGTH;
import static org.jracoon.pfkey.message.SadbDecodeException.Reason.TRUNCATED;

/**
 * Field access shared by the SADB values. Buffers are in the host's byte order, as PF_KEY is;
 * the few network-order fields (SPI, NAT-T port, sockaddr port) go through {@link #getBe32} and
 * friends.
 */
final class Wire {
    private Wire() {
    }

    /** PF_KEY lengths count 64-bit words (RFC 2367 section 2). */
    static final int UNIT = 8;

    static int align8(int n) {
        return (n + UNIT - 1) & -UNIT;
    }

    static ByteBuffer nativeBuffer(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.nativeOrder());
    }

    static void require(ByteBuffer b, int n, String what) throws SadbDecodeException {
        if (b.remaining() < n) {
            throw new SadbDecodeException(TRUNCATED, what + " needs " + n + " bytes, " + b.remaining() + " left");
        }
    }

    /** What is left after the content may only be the padding up to the next 8-byte boundary. */
    static void requirePaddingOnly(ByteBuffer b, String what) throws SadbDecodeException {
        if (b.remaining() >= UNIT) {
            throw new SadbDecodeException(BAD_LENGTH, what + " is " + b.remaining() + " bytes longer than its content");
        }
    }

    static int u8(ByteBuffer b) {
        return b.get() & 0xff;
    }

    static int u16(ByteBuffer b) {
        return b.getShort() & 0xffff;
    }

    static int getBe16(ByteBuffer b) {
        return ((b.get() & 0xff) << 8) | (b.get() & 0xff);
    }

    static void putBe16(ByteBuffer b, int v) {
        b.put((byte) (v >>> 8)).put((byte) v);
    }

    static int getBe32(ByteBuffer b) {
        return (getBe16(b) << 16) | getBe16(b);
    }

    static void putBe32(ByteBuffer b, int v) {
        putBe16(b, v >>> 16);
        putBe16(b, v);
    }

    static void pad(ByteBuffer b, int n) {
        for (int i = 0; i < n; i++) {
            b.put((byte) 0);
        }
    }

    static int checkU8(int v, String name) {
        if (v < 0 || v > 0xff) {
            throw new IllegalArgumentException(name + " out of range 0..255: " + v);
        }
        return v;
    }

    static int checkU16(int v, String name) {
        if (v < 0 || v > 0xffff) {
            throw new IllegalArgumentException(name + " out of range 0..65535: " + v);
        }
        return v;
    }

    static SadbExtensionType checkType(SadbExtensionType type, SadbExtensionType... allowed) {
        for (SadbExtensionType a : allowed) {
            if (a == type) {
                return type;
            }
        }
        throw new IllegalArgumentException("extension type " + type + " not one of " + java.util.Arrays.toString(allowed));
    }
}
