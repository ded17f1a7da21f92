package org.jracoon.ike.payload;

import java.nio.ByteBuffer;

/**
 * The fixed ISAKMP header, RFC 2408 section 3.1.
 *
 * <pre>
 *                      1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * !                          Initiator                            !
 * !                            Cookie                             !
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * !                          Responder                            !
 * !                            Cookie                             !
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * !  Next Payload ! MjVer ! MnVer ! Exchange Type !     Flags     !
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * !                          Message ID                           !
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * !                            Length                             !
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * The Length field is not kept: it is always that of the datagram (checked on decode) and is
 * computed from the body on encode, so a header can never disagree with its message.
 *
 * @param messageId an unsigned 32-bit value kept in an int
 */
public record IsakmpHeader(long initiatorCookie, long responderCookie, int nextPayload, int majorVersion,
        int minorVersion, int exchangeType, int flags, int messageId) {

    public static final int LENGTH = 28;
    public static final int MAJOR_VERSION = 1;
    public static final int MINOR_VERSION = 0;

    /** E: the payloads after the header are encrypted (RFC 2408 section 3.1). */
    public static final int FLAG_ENCRYPTION = 0x01;
    /** C: commit bit, used for key exchange synchronisation. */
    public static final int FLAG_COMMIT = 0x02;
    /** A: authentication only (Informational exchanges with a hash but no encryption). */
    public static final int FLAG_AUTHENTICATION_ONLY = 0x04;

    private static final int DEFINED_FLAGS = FLAG_ENCRYPTION | FLAG_COMMIT | FLAG_AUTHENTICATION_ONLY;

    public IsakmpHeader {
        if ((nextPayload & ~0xFF) != 0 || (majorVersion & ~0xF) != 0 || (minorVersion & ~0xF) != 0
                || (exchangeType & ~0xFF) != 0 || (flags & ~0xFF) != 0) {
            throw new IllegalArgumentException("header field out of range");
        }
    }

    /** A version 1.0 header. */
    public static IsakmpHeader of(long initiatorCookie, long responderCookie, int exchangeType, int flags,
            int messageId) {
        return new IsakmpHeader(initiatorCookie, responderCookie, PayloadType.NONE, MAJOR_VERSION, MINOR_VERSION,
                exchangeType, flags, messageId);
    }

    /**
     * Decodes the header of a received datagram and checks it against the datagram (RFC 2408
     * sections 5.1 and 5.2): the Length field must equal the datagram length, the version must
     * be 1.0, and no undefined flag may be set.
     */
    public static IsakmpHeader decode(byte[] datagram) throws IsakmpProtocolException {
        if (datagram.length < LENGTH) {
            throw IsakmpProtocolException.malformed("datagram of " + datagram.length
                    + " octets is shorter than the ISAKMP header");
        }
        ByteBuffer in = ByteBuffer.wrap(datagram);
        long icookie = in.getLong();
        long rcookie = in.getLong();
        int next = in.get() & 0xFF;
        int version = in.get() & 0xFF;
        int exchange = in.get() & 0xFF;
        int flags = in.get() & 0xFF;
        int messageId = in.getInt();
        long length = in.getInt() & 0xFFFFFFFFL;
        if (length != datagram.length) {
            throw new IsakmpProtocolException(NotifyType.UNEQUAL_PAYLOAD_LENGTHS, "header length " + length
                    + " but datagram of " + datagram.length + " octets");
        }
        if (version >>> 4 != MAJOR_VERSION) {
            throw new IsakmpProtocolException(NotifyType.INVALID_MAJOR_VERSION, "major version " + (version >>> 4));
        }
        if ((version & 0xF) != MINOR_VERSION) {
            throw new IsakmpProtocolException(NotifyType.INVALID_MINOR_VERSION, "minor version " + (version & 0xF));
        }
        if ((flags & ~DEFINED_FLAGS) != 0) {
            throw new IsakmpProtocolException(NotifyType.INVALID_FLAGS, "undefined flags 0x"
                    + Integer.toHexString(flags));
        }
        return new IsakmpHeader(icookie, rcookie, next, version >>> 4, version & 0xF, exchange, flags, messageId);
    }

    /** Writes the header with Length = 28 + {@code bodyLength}. */
    public void encode(ByteBuffer out, int bodyLength) {
        out.putLong(initiatorCookie);
        out.putLong(responderCookie);
        out.put((byte) nextPayload);
        out.put((byte) (majorVersion << 4 | minorVersion));
        out.put((byte) exchangeType);
        out.put((byte) flags);
        out.putInt(messageId);
        out.putInt(LENGTH + bodyLength);
    }

    /**
     * This header followed by {@code body}, for instance a ciphertext: the Length field is set
     * from the body, the rest of the header is written as is.
     */
    public byte[] encodeWith(byte[] body) {
        ByteBuffer out = ByteBuffer.allocate(LENGTH + body.length);
        encode(out, body.length);
        out.put(body);
        return out.array();
    }

    public boolean encrypted() {
        return (flags & FLAG_ENCRYPTION) != 0;
    }

    public boolean commit() {
        return (flags & FLAG_COMMIT) != 0;
    }

    public IsakmpHeader withNextPayload(int next) {
        return next == nextPayload ? this : new IsakmpHeader(initiatorCookie, responderCookie, next, majorVersion,
                minorVersion, exchangeType, flags, messageId);
    }

    public IsakmpHeader withFlags(int newFlags) {
        return new IsakmpHeader(initiatorCookie, responderCookie, nextPayload, majorVersion, minorVersion,
                exchangeType, newFlags, messageId);
    }

    /** The cookie pair as racoon prints it: 16 hex digits each, "initiator:responder". */
    public String cookies() {
        return String.format("%016x:%016x", initiatorCookie, responderCookie);
    }

    @Override
    public String toString() {
        return cookies() + " " + ExchangeType.name(exchangeType) + " mid=" + Integer.toHexString(messageId)
                + (encrypted() ? " E" : "") + (commit() ? " C" : "");
    }
}
