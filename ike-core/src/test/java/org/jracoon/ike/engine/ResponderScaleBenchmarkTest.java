package org.jracoon.ike.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Random;

import org.jracoon.ike.crypto.DhKeyPair;
import org.jracoon.ike.crypto.DhKeySource;
import org.jracoon.ike.crypto.ModpGroup;
import org.jracoon.ike.crypto.RandomSource;
import org.jracoon.ike.kernel.IpsecMode;
import org.jracoon.ike.kernel.IpsecProtocol;
import org.jracoon.ike.kernel.TrafficSelector;
import org.jracoon.ike.keymat.Padding;
import org.jracoon.ike.policy.Policies;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The scale run of issue 8: one responder engine holding 100 000 established ISAKMP SAs (Main
 * Mode with a pre-shared key, 3DES-SHA1-MODP1024), each from its own initiator engine and
 * source port. At 1k, 10k and 100k it prints the heap per SA (after a full collection) and the
 * cost of one packet that must find its SA: a retransmitted MM5, answered from the stored MM6.
 *
 * <p>What is measured is the table, not the crypto: every initiator and the responder use one
 * fixed DH key pair each (the agreement is still computed per SA). A benchmark, not a test:
 * {@code mvn -B -q -Pbench -pl ike-core -am test -Dtest=ResponderScaleBenchmarkTest}.
 */
@Tag("bench")
class ResponderScaleBenchmarkTest {

    private static final int[] CHECKPOINTS = {1_000, 10_000, 100_000};
    private static final int PROBES = 20_000;

    /** An engine's outputs, without keeping them: datagrams wait to be delivered, timers never fire. */
    private static final class Outbox implements EngineSink {
        final Deque<Datagram> datagrams = new ArrayDeque<>();
        boolean established;

        @Override
        public void send(Datagram datagram) {
            datagrams.add(datagram);
        }

        @Override
        public void arm(EngineTimer timer, Duration delay) {
        }

        @Override
        public void cancel(EngineTimer timer) {
        }

        @Override
        public void event(EngineEvent event) {
            established |= event instanceof EngineEvent.Phase1Established;
        }
    }

    @Test
    void heapAndLookupCostAsTheTableGrows() {
        Random seeded = new Random(8);
        RandomSource random = seeded::nextBytes;
        DhKeyPair initiatorKeys = ModpGroup.MODP_1024.generateShortKeyPair(random);
        DhKeyPair responderKeys = ModpGroup.MODP_1024.generateShortKeyPair(random);
        DhKeySource initiatorSource = (g, r) -> initiatorKeys;
        Policies initiatorPolicies = EnginePair.policies(EnginePair.ADDRESS_B, EnginePair.MM_3DES_SHA1_MODP1024,
                EnginePair.sainfo(EnginePair.NET_A, EnginePair.NET_B));
        Policies responderPolicies = EnginePair.policies(EnginePair.ADDRESS_A, EnginePair.MM_3DES_SHA1_MODP1024,
                EnginePair.sainfo(EnginePair.NET_B, EnginePair.NET_A));
        Outbox responderOut = new Outbox();
        IkeEngine responder = new IkeEngine(responderPolicies, EnginePair.psk(EnginePair.PSK), new FakeKernel(1),
                random, (g, r) -> responderKeys, new VirtualClock(), Padding.RACOON_DEFAULT, responderOut, Limits.DEFAULT);
        SaRequest request = new SaRequest(EnginePair.ADDRESS_A, EnginePair.ADDRESS_B,
                TrafficSelector.between(EnginePair.NET_A, EnginePair.NET_B), IpsecProtocol.ESP, IpsecMode.TUNNEL, 0, 1);
        List<Datagram> mm5s = new ArrayList<>();

        System.gc();
        long baseline = usedHeap();
        System.out.println("jracoon responder scale run (one engine, PSK Main Mode, established ISAKMP SAs):");
        System.out.printf("  %8s %14s %12s %22s%n", "SAs", "heap used MiB", "bytes / SA", "lookup ns / packet");
        int established = 0;
        for (int checkpoint : CHECKPOINTS) {
            while (established < checkpoint) {
                int port = 1024 + established % 64_000;
                InetSocketAddress from = new InetSocketAddress(EnginePair.ADDRESS_A, port);
                Outbox initiatorOut = new Outbox();
                IkeEngine initiator = new IkeEngine(initiatorPolicies, EnginePair.psk(EnginePair.PSK),
                        new FakeKernel(2), random, initiatorSource, new VirtualClock(), Padding.RACOON_DEFAULT,
                        initiatorOut, Limits.DEFAULT);
                initiator.acquire(request);
                Datagram mm5 = null;
                for (int step = 0; step < 3; step++) {
                    Datagram out = initiatorOut.datagrams.poll();
                    if (out == null) {
                        throw new AssertionError("negotiation " + established + ": no message " + (2 * step + 1));
                    }
                    if (step == 2) {
                        mm5 = out;
                    }
                    responder.receive(new Datagram(out.data(), out.remote(), from));
                    Datagram back = responderOut.datagrams.poll();
                    if (back == null) {
                        throw new AssertionError("negotiation " + established + ": no message " + (2 * step + 2));
                    }
                    initiator.receive(new Datagram(back.data(), new InetSocketAddress(EnginePair.ADDRESS_A, 500),
                            back.local()));
                }
                assertEquals(true, initiatorOut.established, "negotiation " + established + " established");
                // after its first MM6 the responder also sends INITIAL-CONTACT: not wanted here
                responderOut.datagrams.clear();
                if (mm5s.size() < PROBES) {
                    mm5s.add(new Datagram(mm5.data(), mm5.remote(), from));
                }
                established++;
            }
            System.gc();
            long heap = usedHeap() - baseline;
            long start = System.nanoTime();
            for (int i = 0; i < PROBES; i++) {
                responder.receive(mm5s.get(i % mm5s.size()));
                responderOut.datagrams.clear();
            }
            long perPacket = (System.nanoTime() - start) / PROBES;
            System.out.printf("  %8d %14.1f %12d %22d%n", checkpoint, heap / 1048576.0, heap / checkpoint,
                    perPacket);
            assertEquals(checkpoint, responder.isakmpSas().size(), "every SA is held");
        }
        System.out.println("  (the lookup is a retransmitted MM5: find by cookies, hash the datagram, resend MM6)");
    }

    private static long usedHeap() {
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }
}
