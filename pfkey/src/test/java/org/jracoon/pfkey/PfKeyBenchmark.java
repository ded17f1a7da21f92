package org.jracoon.pfkey;

import org.jracoon.ike.kernel.IpsecMode;
import org.jracoon.ike.kernel.IpsecProtocol;
import org.jracoon.ike.kernel.KernelSa;
import org.jracoon.ike.kernel.KeyMaterial;
import org.jracoon.ike.kernel.Lifetime;
import org.jracoon.ike.kernel.SaEncryption;
import org.jracoon.ike.kernel.SaId;
import org.jracoon.ike.kernel.SaIntegrity;
import org.jracoon.ike.kernel.SaSpec;
import org.jracoon.pfkey.message.Sadb;
import org.jracoon.pfkey.message.SadbMessage;
import org.jracoon.pfkey.message.SadbMessageType;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * SAs added per second through PF_KEY and the time to dump them. Figures only, nothing timed is
 * asserted; run inside run-in-kernel with the bench group, e.g.
 * {@code run-in-kernel -- mvn -B -o -q -Pkernel -Dtest.groups=bench -Dtest.excludedGroups=none -pl pfkey -am test -Dtest=PfKeyBenchmark}.
 */
@Tag("bench")
@Tag("kernel")
class PfKeyBenchmark {
    private static final int PAIRS = 1000;

    private static SaSpec sa(InetAddress src, InetAddress dst, int spi) {
        return SaSpec.builder(new SaId(IpsecProtocol.ESP, src, dst, spi)).mode(IpsecMode.TUNNEL).replayWindow(4)
                .encryption(SaEncryption.AES_CBC, KeyMaterial.of(new byte[16]))
                .integrity(SaIntegrity.HMAC_SHA1, KeyMaterial.of(new byte[20]))
                .soft(Lifetime.seconds(2880)).hard(Lifetime.seconds(3600)).build();
    }

    /** Adds {@code pairs} inbound/outbound pairs; returns the elapsed nanoseconds. */
    private static long addPairs(PfKeyKernel kernel, int pairs, int spiBase) throws Exception {
        InetAddress a = InetAddress.getByName("10.90.0.1");
        InetAddress b = InetAddress.getByName("10.90.0.2");
        long start = System.nanoTime();
        for (int i = 0; i < pairs; i++) {
            kernel.addSa(sa(a, b, spiBase + 2 * i));
            kernel.addSa(sa(b, a, spiBase + 2 * i + 1));
        }
        return System.nanoTime() - start;
    }

    /** The same ADDs over a bare socket, send then receive on one thread: the floor the client adds to. */
    private static long addPairsRaw(int pairs, int spiBase) throws Exception {
        InetAddress a = InetAddress.getByName("10.90.0.1");
        InetAddress b = InetAddress.getByName("10.90.0.2");
        int pid = (int) ProcessHandle.current().pid();
        try (PfKeySocket socket = PfKeySocket.open()) {
            long start = System.nanoTime();
            for (int i = 0; i < 2 * pairs; i++) {
                SaSpec sa = i % 2 == 0 ? sa(a, b, spiBase + i) : sa(b, a, spiBase + i);
                socket.send(SadbMessage.request(SadbMessageType.ADD, Sadb.SATYPE_ESP, SadbMapping.saExtensions(sa))
                        .withSequence(i + 1, pid));
                SadbMessage reply = socket.receive(10_000).orElseThrow();
                assertEquals(0, reply.errno());
            }
            return System.nanoTime() - start;
        }
    }

    @Test
    void addAndDumpAThousandPairs() throws Exception {
        try (PfKeyKernel kernel = PfKeyKernel.open()) {
            kernel.flushSa();
            addPairs(kernel, 100, 0x100000);   // warm-up: JIT, kernel caches
            kernel.flushSa();

            long addNanos = addPairs(kernel, PAIRS, 0x200000);
            long dumpStart = System.nanoTime();
            List<KernelSa> dumped = kernel.dumpSa();
            long dumpNanos = System.nanoTime() - dumpStart;
            kernel.flushSa();

            long rawNanos = addPairsRaw(PAIRS, 0x300000);
            kernel.flushSa();

            assertEquals(2 * PAIRS, dumped.size());
            System.out.printf("PF_KEY ADD: %d SAs (%d pairs) in %.1f ms = %.0f SAs/s%n",
                    2 * PAIRS, PAIRS, addNanos / 1e6, 2 * PAIRS / (addNanos / 1e9));
            System.out.printf("PF_KEY DUMP: %d SAs in %.1f ms%n", dumped.size(), dumpNanos / 1e6);
            System.out.printf("PF_KEY ADD, bare socket on one thread (no reader thread, no matching): %.0f SAs/s%n",
                    2 * PAIRS / (rawNanos / 1e9));
        }
    }
}
