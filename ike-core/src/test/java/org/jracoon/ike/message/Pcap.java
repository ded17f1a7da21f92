package org.jracoon.ike.message;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Just enough of the classic pcap format for tests: read the ISAKMP datagrams out of a capture
 * and write datagrams into one (Ethernet / IPv4 / UDP) for tshark.
 */
final class Pcap {

    static final int IKE_PORT = 500;
    static final int NATT_PORT = 4500;

    private static final int LINKTYPE_ETHERNET = 1;
    private static final int LINKTYPE_RAW = 101;
    private static final int LINKTYPE_LINUX_SLL = 113;
    private static final int ETHERTYPE_IPV4 = 0x0800;
    private static final int ETHERTYPE_VLAN = 0x8100;
    private static final int PROTO_UDP = 17;

    /** An ISAKMP message with the UDP ports it travelled between. */
    record Datagram(int frame, int sourcePort, int destinationPort, byte[] isakmp) {
    }

    private Pcap() {
    }

    /**
     * The ISAKMP messages of a capture: UDP to or from port 500, and port 4500 datagrams that
     * start with the 4-octet non-ESP marker (which is stripped). ESP, NAT-T keepalives and
     * anything else are skipped.
     */
    static List<Datagram> readIsakmp(Path file) throws IOException {
        ByteBuffer in = ByteBuffer.wrap(Files.readAllBytes(file));
        int magic = in.order(ByteOrder.LITTLE_ENDIAN).getInt(0);
        if (magic == 0xa1b2c3d4 || magic == 0xa1b23c4d) {
            in.order(ByteOrder.LITTLE_ENDIAN);
        } else if (Integer.reverseBytes(magic) == 0xa1b2c3d4 || Integer.reverseBytes(magic) == 0xa1b23c4d) {
            in.order(ByteOrder.BIG_ENDIAN);
        } else {
            throw new IOException(file + ": not a classic pcap file");
        }
        in.position(20);
        int linkType = in.getInt() & 0xFFFF;
        List<Datagram> out = new ArrayList<>();
        int frame = 0;
        while (in.remaining() >= 16) {
            frame++;
            in.getInt();
            in.getInt();
            int captured = in.getInt();
            in.getInt();
            byte[] data = new byte[captured];
            in.get(data);
            Datagram d = udpOf(frame, ByteBuffer.wrap(data), linkType);
            if (d != null) {
                out.add(d);
            }
        }
        return out;
    }

    private static Datagram udpOf(int frame, ByteBuffer pkt, int linkType) throws IOException {
        switch (linkType) {
            case LINKTYPE_ETHERNET -> {
                pkt.position(12);
                int etherType = pkt.getShort() & 0xFFFF;
                if (etherType == ETHERTYPE_VLAN) {
                    pkt.getShort();
                    etherType = pkt.getShort() & 0xFFFF;
                }
                if (etherType != ETHERTYPE_IPV4) {
                    return null;
                }
            }
            case LINKTYPE_LINUX_SLL -> {
                pkt.position(14);
                if ((pkt.getShort() & 0xFFFF) != ETHERTYPE_IPV4) {
                    return null;
                }
            }
            case LINKTYPE_RAW -> pkt.position(0);
            default -> throw new IOException("unsupported pcap link type " + linkType);
        }
        int ip = pkt.position();
        int versionIhl = pkt.get(ip) & 0xFF;
        if (versionIhl >> 4 != 4) {
            return null;
        }
        int totalLength = pkt.getShort(ip + 2) & 0xFFFF;
        int fragment = pkt.getShort(ip + 6) & 0x3FFF;
        if (pkt.get(ip + 9) != PROTO_UDP || fragment != 0) {
            return null;
        }
        int udp = ip + (versionIhl & 0xF) * 4;
        int sport = pkt.getShort(udp) & 0xFFFF;
        int dport = pkt.getShort(udp + 2) & 0xFFFF;
        int udpLength = Math.min(pkt.getShort(udp + 4) & 0xFFFF, ip + totalLength - udp);
        int start = udp + 8;
        int end = udp + udpLength;
        if (sport == NATT_PORT || dport == NATT_PORT) {
            boolean marker = end - start >= 4 && pkt.getInt(start) == 0;
            if (!marker) {
                return null; // ESP in UDP or a keepalive
            }
            start += 4;
        } else if (sport != IKE_PORT && dport != IKE_PORT) {
            return null;
        }
        byte[] payload = new byte[end - start];
        pkt.get(start, payload);
        return new Datagram(frame, sport, dport, payload);
    }

    /** Writes {@code messages} as UDP 500 -> 500 datagrams between 192.0.2.1 and 192.0.2.2. */
    static void writeIsakmp(Path file, List<byte[]> messages) throws IOException {
        writeUdp(file, IKE_PORT, messages);
    }

    /** Writes {@code payloads} as UDP datagrams from and to {@code port}, verbatim. */
    static void writeUdp(Path file, int port, List<byte[]> messages) throws IOException {
        int size = 24;
        for (byte[] m : messages) {
            size += 16 + 14 + 20 + 8 + m.length;
        }
        ByteBuffer out = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        out.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(65535)
                .putInt(LINKTYPE_ETHERNET);
        int second = 0;
        for (byte[] m : messages) {
            int frameLength = 14 + 20 + 8 + m.length;
            out.order(ByteOrder.LITTLE_ENDIAN).putInt(++second).putInt(0).putInt(frameLength).putInt(frameLength);
            out.order(ByteOrder.BIG_ENDIAN);
            out.put(new byte[] {2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1}).putShort((short) ETHERTYPE_IPV4);
            int ip = out.position();
            out.put((byte) 0x45).put((byte) 0).putShort((short) (20 + 8 + m.length)).putShort((short) second)
                    .putShort((short) 0x4000).put((byte) 64).put((byte) PROTO_UDP).putShort((short) 0)
                    .put(new byte[] {(byte) 192, 0, 2, 1}).put(new byte[] {(byte) 192, 0, 2, 2});
            out.putShort(ip + 10, ipChecksum(out, ip));
            // UDP checksum 0: "not computed", allowed over IPv4 (RFC 768).
            out.putShort((short) port).putShort((short) port).putShort((short) (8 + m.length))
                    .putShort((short) 0);
            out.put(m);
        }
        Files.write(file, out.array());
    }

    private static short ipChecksum(ByteBuffer buf, int ip) {
        int sum = 0;
        for (int i = 0; i < 20; i += 2) {
            sum += buf.getShort(ip + i) & 0xFFFF;
        }
        while (sum >> 16 != 0) {
            sum = (sum & 0xFFFF) + (sum >> 16);
        }
        return (short) ~sum;
    }
}
