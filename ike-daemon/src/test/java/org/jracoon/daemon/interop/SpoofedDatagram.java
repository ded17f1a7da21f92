package org.jracoon.daemon.interop;

import java.net.Inet4Address;
import java.nio.ByteBuffer;

/**
 * A whole IPv4 + UDP datagram as a raw socket with IP_HDRINCL sends it, so the source address
 * is whatever the caller writes (the flood's spoofed senders).
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |Version|  IHL  |Type of Service|          Total Length         |   RFC 791 3.1
 * |         Identification        |Flags|      Fragment Offset    |
 * |  Time to Live |    Protocol   |         Header Checksum       |
 * |                       Source Address                          |
 * |                    Destination Address                        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |          Source Port          |       Destination Port        |   RFC 768
 * |            Length             |           Checksum            |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                            payload ...                        |
 * </pre>
 *
 * Identification 0 lets the kernel choose one; it would also fill in the total length and the
 * header checksum, but both are written here so the datagram is right on any path.
 */
final class SpoofedDatagram {

    static final int IP_HEADER = 20;
    static final int UDP_HEADER = 8;
    static final int HEADERS = IP_HEADER + UDP_HEADER;
    private static final int PROTOCOL_UDP = 17;
    private static final int TTL = 64;

    private SpoofedDatagram() {
    }

    /**
     * Writes the datagram at {@code out}'s position (which ends after it).
     *
     * @throws IllegalArgumentException when the datagram would exceed an IPv4 total length
     */
    static void write(ByteBuffer out, Inet4Address source, int sourcePort, Inet4Address destination,
            int destinationPort, ByteBuffer payload) {
        int total = HEADERS + payload.remaining();
        if (total > 0xFFFF) {
            throw new IllegalArgumentException("a " + payload.remaining() + "-byte payload does not fit an IPv4 datagram");
        }
        int ip = out.position();
        out.put((byte) 0x45).put((byte) 0).putShort((short) total)
                .putShort((short) 0).putShort((short) 0)
                .put((byte) TTL).put((byte) PROTOCOL_UDP).putShort((short) 0)
                .put(source.getAddress()).put(destination.getAddress());
        out.putShort(ip + 10, (short) ~sum(out, ip, IP_HEADER, 0));

        int udp = out.position();
        int udpLength = UDP_HEADER + payload.remaining();
        out.putShort((short) sourcePort).putShort((short) destinationPort).putShort((short) udpLength)
                .putShort((short) 0).put(payload.duplicate());
        // RFC 768: the sum covers a pseudo header of both addresses, the protocol and the UDP length.
        int pseudo = sum(out, ip + 12, 8, PROTOCOL_UDP + udpLength);
        int checksum = ~sum(out, udp, udpLength, pseudo) & 0xFFFF;
        // A computed zero is sent as all ones: zero means "no checksum" (RFC 768).
        out.putShort(udp + 6, (short) (checksum == 0 ? 0xFFFF : checksum));
    }

    /**
     * The 16-bit one's complement sum (RFC 1071) of {@code length} bytes at {@code offset},
     * added to {@code initial} and folded; an odd last byte is padded with zero.
     */
    static int sum(ByteBuffer b, int offset, int length, int initial) {
        long sum = initial;
        int end = offset + length;
        int i = offset;
        for (; i + 1 < end; i += 2) {
            sum += b.getShort(i) & 0xFFFF;
        }
        if (i < end) {
            sum += (b.get(i) & 0xFF) << 8;
        }
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xFFFF) + (sum >>> 16);
        }
        return (int) sum;
    }
}
