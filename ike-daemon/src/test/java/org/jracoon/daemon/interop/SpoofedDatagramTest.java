package org.jracoon.daemon.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

/** The flood generator's packet builder, on the host: lengths and both checksums. */
class SpoofedDatagramTest {

    private static final byte[] PAYLOAD = payload(37);

    @Test
    void headersCarryTheLengthsAddressesAndPorts() throws Exception {
        ByteBuffer out = write(PAYLOAD);
        assertEquals(SpoofedDatagram.HEADERS + 37, out.position());
        assertEquals(0x45, out.get(0));
        assertEquals(65, out.getShort(2), "IPv4 total length");
        assertEquals(17, out.get(9), "protocol UDP");
        assertArrayEquals(new byte[] {10, 99, 1, 2}, Arrays.copyOfRange(out.array(), 12, 16));
        assertArrayEquals(new byte[] {(byte) 192, (byte) 168, 1, 11}, Arrays.copyOfRange(out.array(), 16, 20));
        assertEquals(500, out.getShort(20));
        assertEquals(4500, out.getShort(22));
        assertEquals(45, out.getShort(24), "UDP length");
        assertArrayEquals(PAYLOAD, Arrays.copyOfRange(out.array(), 28, 65));
    }

    /** The expected sums come from an independent implementation (Python's struct over RFC 1071). */
    @Test
    void checksumsMatchAnIndependentComputation() throws Exception {
        ByteBuffer out = write(PAYLOAD);
        assertEquals(0xad94, out.getShort(10) & 0xFFFF, "IPv4 header checksum");
        assertEquals(0xc7ae, out.getShort(26) & 0xFFFF, "UDP checksum");
    }

    @Test
    void aPayloadBeyondAnIpv4DatagramIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> write(new byte[0xFFFF - 27]));
    }

    private static ByteBuffer write(byte[] payload) throws Exception {
        ByteBuffer out = ByteBuffer.allocate(SpoofedDatagram.HEADERS + payload.length + 16);
        SpoofedDatagram.write(out, (Inet4Address) InetAddress.getByName("10.99.1.2"), 500,
                (Inet4Address) InetAddress.getByName("192.168.1.11"), 4500, ByteBuffer.wrap(payload));
        return out;
    }

    private static byte[] payload(int length) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = (byte) i;
        }
        return b;
    }
}
