package org.jracoon.testbeds.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.util.List;

import org.jracoon.ike.crypto.CryptoProvider;
import org.jracoon.ike.crypto.DhKeyPair;
import org.jracoon.ike.crypto.DhKeySource;
import org.jracoon.ike.crypto.ModpGroup;
import org.jracoon.ike.crypto.SecureRandomSource;
import org.junit.jupiter.api.Test;

/** The generator's source addresses and the rows it records, as the report reads them back. */
class BenchFiguresTest {

    @Test
    void sourcesAreConsecutiveAddressesAcrossAByteBoundary() throws IOException {
        List<InetAddress> sources = BenchMain.consecutive(InetAddress.getByName("192.168.7.254"), 3);
        assertEquals(List.of(InetAddress.getByName("192.168.7.254"), InetAddress.getByName("192.168.7.255"),
                InetAddress.getByName("192.168.8.0")), sources);
    }

    @Test
    void sourcesPastTheLastAddressOrFromIpv6AreRefusedInOneLine() {
        IOException past = assertThrows(IOException.class,
                () -> BenchMain.consecutive(InetAddress.getByName("255.255.255.254"), 3));
        assertEquals("3 addresses from 255.255.255.254 run past 255.255.255.255", past.getMessage());
        IOException v6 = assertThrows(IOException.class, () -> BenchMain.consecutive(InetAddress.getByName("::1"), 2));
        assertTrue(v6.getMessage().startsWith("--sources needs an IPv4 --local"), v6.getMessage());
    }

    @Test
    void aRowKeepsTheGeneratorsCpuAndAnOlderRowReadsWithout() {
        Row row = Row.parse("mm\tpsk\tours\t1\t1000\t1000\t0\t25.000\t3450\t100\t200\t10\t20\t5000");
        assertEquals(row, Row.parse(row.tsv()));
        assertEquals(20.0, row.generatorBusyPercent(), 1e-9); // 5 s of CPU over 25 s
        assertEquals(3.45, row.cpuMsPerSa(), 1e-9);
        Row older = Row.parse("mm\tpsk\tours\t1\t1000\t1000\t0\t25.000\t3450\t100\t200\t10\t20");
        assertTrue(Double.isNaN(older.generatorBusyPercent()));
    }

    @Test
    void theGeneratorMakesItsKeyPairOncePerGroup() {
        DhKeySource keys = LoadGenerator.reused(CryptoProvider.JAVA);
        SecureRandomSource random = new SecureRandomSource();
        DhKeyPair first = keys.keyPair(ModpGroup.MODP_1024, random);
        assertSame(first, keys.keyPair(ModpGroup.MODP_1024, random));
        assertNotSame(first, keys.keyPair(ModpGroup.MODP_2048, random));
    }
}
