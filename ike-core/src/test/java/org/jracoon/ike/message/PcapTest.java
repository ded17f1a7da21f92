package org.jracoon.ike.message;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The test pcap reader keeps ISAKMP and drops the rest of the NAT-T port's traffic. */
class PcapTest {

    @Test
    void natTraversalPortYieldsOnlyMarkedIsakmp(@TempDir Path dir) throws Exception {
        byte[] mm1 = SharedFiles.katPackets().get(0);
        byte[] marked = new byte[4 + mm1.length];
        System.arraycopy(mm1, 0, marked, 4, mm1.length);
        byte[] esp = Arrays.copyOf(new byte[] {0x01, 0x00, 0x11, 0x11, 0, 0, 0, 1}, 40);
        byte[] keepalive = {(byte) 0xFF};
        Path file = dir.resolve("natt.pcap");
        Pcap.writeUdp(file, Pcap.NATT_PORT, List.of(keepalive, esp, marked));

        List<Pcap.Datagram> read = Pcap.readIsakmp(file);
        assertEquals(1, read.size());
        assertEquals(3, read.get(0).frame());
        assertArrayEquals(mm1, read.get(0).isakmp());
    }
}
