package org.jracoon.ike.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.jracoon.ike.crypto.EncryptionAlgorithm;
import org.jracoon.ike.crypto.HashAlgorithm;
import org.jracoon.ike.crypto.ModpGroup;
import org.jracoon.ike.kernel.IpsecMode;
import org.jracoon.ike.keymat.KatRecord;
import org.jracoon.ike.message.IsakmpMessage;
import org.jracoon.ike.payload.ExchangeType;
import org.jracoon.ike.payload.IsakmpHeader;
import org.jracoon.ike.payload.IsakmpProtocolException;
import org.jracoon.ike.payload.NotifyPayload;
import org.jracoon.ike.payload.NotifyType;
import org.jracoon.ike.payload.Octets;
import org.jracoon.ike.payload.Payload;
import org.jracoon.ike.payload.VendorIdPayload;
import org.jracoon.ike.policy.AuthMethod;
import org.jracoon.ike.policy.Phase1Proposal;
import org.jracoon.ike.policy.Policies;
import org.jracoon.ike.policy.RemotePolicy;
import org.jracoon.ike.sa.IsakmpSa;
import org.jracoon.ike.sa.Role;
import org.junit.jupiter.api.Test;

/**
 * Floods of MM1 through the sans-I/O responder B: half-open SAs stay within the limits in all
 * and per address, B answers each admitted MM1 once and nothing more, a peer with its own
 * remote block still negotiates, and what B keeps is bounded by the limits.
 */
class AdmissionTest {

    /** The proposal of the recorded MM1 (3DES, SHA1, PSK, MODP1024). */
    private static final Phase1Proposal KAT_PROPOSAL = new Phase1Proposal(EncryptionAlgorithm.TRIPLE_DES_CBC, 0,
            HashAlgorithm.SHA1, AuthMethod.PRE_SHARED_KEY, ModpGroup.MODP_1024, 28800);

    private static final Limits SMALL = new Limits(100, 3, 8192, Duration.ofSeconds(1), 4096, Duration.ofSeconds(10));

    /** B: {@code remote anonymous} with a proposal the recorded MM1 does not offer, so every MM1 is refused. */
    private static EnginePair refusingEveryMm1() {
        Phase1Proposal other = new Phase1Proposal(EncryptionAlgorithm.AES_CBC, 128, HashAlgorithm.SHA1,
                AuthMethod.PRE_SHARED_KEY, ModpGroup.MODP_2048, 28800);
        return new EnginePair(new Policies(List.of(), List.of()),
                new Policies(List.of(RemotePolicy.of(Optional.empty(), List.of(other))), List.of()), SMALL);
    }

    /** B: a remote block for A and {@code remote anonymous}, both with the recorded MM1's proposal. */
    private static EnginePair pair(Limits limitsB) {
        Policies a = EnginePair.policies(EnginePair.ADDRESS_B, KAT_PROPOSAL,
                EnginePair.sainfo(EnginePair.NET_A, EnginePair.NET_B));
        Policies b = new Policies(List.of(RemotePolicy.of(Optional.of(EnginePair.ADDRESS_A), List.of(KAT_PROPOSAL)),
                RemotePolicy.of(Optional.empty(), List.of(KAT_PROPOSAL))),
                List.of(EnginePair.sainfo(EnginePair.NET_B, EnginePair.NET_A)));
        return new EnginePair(a, b, limitsB);
    }

    @Test
    void floodFromManyAddressesKeepsHalfOpenSasWithinTheLimitAndAPeerStillNegotiates() throws Exception {
        EnginePair pair = pair(SMALL);
        byte[] recorded = KatRecord.load().packet(1);
        for (int i = 0; i < 5000; i++) {
            pair.b.engine.receive(from(spoofed(i % 1000), mm1(recorded, 0x1000 + i, 0, 0)));
        }
        assertEquals(100, halfOpen(pair.b, 3).size(), "the limit in all");
        assertEquals(100, pair.b.sink.sent.size(), "one MM2 per admitted MM1, no answer to the dropped ones");
        pair.b.sink.outbox.clear();

        // A has its own remote block: the anonymous limit does not shut it out
        pair.a.engine.acquire(pair.a.request(pair.b, IpsecMode.TUNNEL));
        pair.pump();
        assertEquals(1, pair.b.sink.events(EngineEvent.Phase2Established.class).size());
        assertEquals(1, pair.b.kernel.added.size());

        // no MM2 is resent to the spoofed addresses; their SAs end with racoon's 30 s phase-1 timer
        int sentBefore = pair.b.sink.sent.size();
        while (pair.b.sink.timers.keySet().stream().anyMatch(t -> t.kind() != EngineTimer.Kind.LIFETIME)) {
            assertTrue(pair.fireNextTimer());
        }
        assertEquals(sentBefore, pair.b.sink.sent.size());
        assertEquals(List.of(), halfOpen(pair.b, 3));
        assertEquals(1, pair.b.engine.isakmpSas().size(), "only A's ISAKMP SA is left");
        assertEquals(100, pair.b.sink.events(EngineEvent.Phase1Failed.class).size());

        // and room is made again
        pair.b.engine.receive(from(spoofed(7), mm1(recorded, 0x9999, 0, 0)));
        assertEquals(1, halfOpen(pair.b, 3).size());
    }

    @Test
    void anAddressAtItsLimitGivesItsOldestUnprovenSaToTheNewestMm1() throws Exception {
        EnginePair pair = pair(SMALL);
        byte[] recorded = KatRecord.load().packet(1);
        // MM1s forged with A's own address, then A's real negotiation
        for (int i = 0; i < 10; i++) {
            pair.b.engine.receive(new Datagram(mm1(recorded, 0x2000 + i, 0, 0), pair.b.endpoint(), pair.a.endpoint()));
        }
        List<IsakmpSa> left = halfOpen(pair.b, 3);
        assertEquals(3, left.size());
        assertEquals(List.of(0x2007L, 0x2008L, 0x2009L), left.stream().map(sa -> sa.cookies().initiator()).toList());
        pair.a.engine.acquire(pair.a.request(pair.b, IpsecMode.TUNNEL));
        pair.pump();
        assertEquals(1, pair.b.sink.events(EngineEvent.Phase2Established.class).size(),
                "A's MM1 took the place of a forged one and A negotiated");
        assertEquals(List.of(), halfOpen(pair.b, 3), "A's INITIAL-CONTACT ended the forged ones");
    }

    @Test
    void addressWhosePeersAllSentMm3KeepsItsSasAndTheNewMm1IsDropped() throws Exception {
        Limits onePerPeer = new Limits(100, 1, 8192, Duration.ofSeconds(1), 4096, Duration.ofSeconds(10));
        EnginePair pair = pair(onePerPeer);
        // A gets as far as MM3 (B now waits for MM5): its SA is no longer unproven
        pair.lose = d -> d.data().length > 18 && (d.data()[19] & IsakmpHeader.FLAG_ENCRYPTION) != 0;
        pair.a.engine.acquire(pair.a.request(pair.b, IpsecMode.TUNNEL));
        pair.pump();
        assertEquals(IsakmpSa.State.MM_AUTH, halfOpen(pair.b, 1).get(0).state());
        int sent = pair.b.sink.sent.size();
        pair.b.engine.receive(new Datagram(mm1(KatRecord.load().packet(1), 0x3000, 0, 0), pair.b.endpoint(),
                pair.a.endpoint()));
        assertEquals(sent, pair.b.sink.sent.size());
        assertEquals(1, halfOpen(pair.b, 1).size());
        assertEquals(IsakmpSa.State.MM_AUTH, halfOpen(pair.b, 1).get(0).state());
    }

    @Test
    void aRepeatedMm1GetsOneStoredReplyPerCopyAndAtMostCounterTimes() throws Exception {
        EnginePair pair = pair(SMALL);
        byte[] mm1 = mm1(KatRecord.load().packet(1), 0x4000, 0, 0);
        Datagram datagram = from(spoofed(1), mm1);
        pair.b.engine.receive(datagram);
        assertEquals(1, pair.b.sink.sent.size());
        for (int i = 1; i <= 10; i++) {
            pair.b.engine.receive(datagram);
            assertEquals(1 + Math.min(i, 5), pair.b.sink.sent.size(), "after copy " + i);
        }
        assertTrue(pair.b.sink.sent.stream().allMatch(d -> d.data().length == pair.b.sink.sent.get(0).data().length));
        assertEquals(1, pair.b.engine.isakmpSas().size());
    }

    @Test
    void refusedMm1sAreAnsweredOncePerAddressPerInterval() throws Exception {
        EnginePair pair = refusingEveryMm1();
        byte[] recorded = KatRecord.load().packet(1);
        for (int i = 0; i < 50; i++) {
            pair.b.engine.receive(from(spoofed(i % 5), mm1(recorded, 0x5000 + i, 0, 0)));
        }
        assertEquals(5, pair.b.sink.sent.size(), "one NO-PROPOSAL-CHOSEN per address");
        for (Datagram d : pair.b.sink.sent) {
            NotifyPayload n = IsakmpMessage.decode(d.data()).first(NotifyPayload.class).orElseThrow();
            assertEquals(NotifyType.NO_PROPOSAL_CHOSEN, n.notifyType());
        }
        assertEquals(50, pair.b.sink.events(EngineEvent.Phase1Failed.class).size(), "each refused all the same");
        assertEquals(List.of(), pair.b.engine.isakmpSas());

        pair.clock.advanceTo(pair.clock.instant().plusSeconds(1));
        pair.b.engine.receive(from(spoofed(0), mm1(recorded, 0x6000, 0, 0)));
        assertEquals(6, pair.b.sink.sent.size(), "a second later the address may hear again");
    }

    @Test
    void aFloodOfRefusedMm1sWritesOneLinePerReasonThenCounts() throws Exception {
        EnginePair pair = refusingEveryMm1();
        byte[] recorded = KatRecord.load().packet(1);
        IsakmpMessage withoutSa = new IsakmpMessage(IsakmpHeader.of(0, 0, ExchangeType.IDENTITY_PROTECTION, 0, 0),
                List.of(new VendorIdPayload(Octets.of(new byte[16]))));
        try (LogCapture log = new LogCapture()) {
            // three reasons: no proposal in common, no SA payload (both refused), too long (dropped)
            for (int i = 0; i < 300; i++) {
                pair.b.engine.receive(from(spoofed(i), mm1(recorded, 0x5000 + i, 0, 0)));
                pair.b.engine.receive(from(spoofed(1000 + i), withCookie(withoutSa.encode(), 0x6000 + i)));
                pair.b.engine.receive(from(spoofed(i), mm1(recorded, 0x7000 + i, 20, 400)));
            }
            assertEquals(600, pair.b.sink.events(EngineEvent.Phase1Failed.class).size(), "each refused MM1 ended");
            List<String> warnings = log.warnings("");
            assertEquals(3, warnings.size(), warnings.toString());
            assertTrue(warnings.get(0).contains("phase 1 with 10.99.0.0[500] refused: no phase-1 proposal "
                    + "acceptable"), warnings.get(0));
            assertTrue(warnings.get(1).contains("phase 1 with 10.99.3.232[500] refused: "), warnings.get(1));
            assertTrue(warnings.get(2).contains("Main Mode from /10.99.0.0:500 dropped: longer than the limit"),
                    warnings.get(2));
            assertTrue(warnings.stream().allMatch(w -> w.endsWith("; more like it are counted for 10 s")),
                    warnings.toString());
            assertEquals(3, log.lines().size(), "nothing at INFO per MM1 either: " + log.lines());

            // ten seconds on, the next of each kind brings the count of those not logged
            log.clear();
            pair.clock.advanceTo(pair.clock.instant().plusSeconds(10));
            pair.b.engine.receive(from(spoofed(2000), mm1(recorded, 0x8000, 0, 0)));
            pair.b.engine.receive(from(spoofed(2000), mm1(recorded, 0x9000, 20, 400)));
            List<String> counts = log.warnings("not logged one by one");
            assertEquals(2, counts.size(), counts.toString());
            assertTrue(counts.get(0).startsWith("Main Mode requests refused since "), counts.get(0));
            assertTrue(counts.get(0).endsWith(": 299 NO-PROPOSAL-CHOSEN, 299 "
                    + NotifyType.name(refusedWithoutSa(pair))), counts.get(0));
            assertTrue(counts.get(1).startsWith("Main Mode requests dropped since "), counts.get(1));
            assertTrue(counts.get(1).endsWith(": 299 longer than the limit"), counts.get(1));
            assertEquals(4, log.warnings("").size(), log.warnings("").toString());
        }
    }

    /** The NOTIFY type B answered the first MM1 without an SA payload with (the second message B sent). */
    private static int refusedWithoutSa(EnginePair pair) throws IsakmpProtocolException {
        return IsakmpMessage.decode(pair.b.sink.sent.get(1).data()).first(NotifyPayload.class).orElseThrow()
                .notifyType();
    }

    private static byte[] withCookie(byte[] message, long cookie) {
        byte[] copy = message.clone();
        ByteBuffer.wrap(copy).putLong(cookie);
        return copy;
    }

    @Test
    void anMm1LongerThanTheLimitCreatesNothing() throws Exception {
        EnginePair pair = pair(SMALL);
        byte[] long1 = mm1(KatRecord.load().packet(1), 0x7000, 20, 400);
        assertTrue(long1.length > SMALL.firstMessageBytes(), long1.length + " bytes");
        pair.b.engine.receive(from(spoofed(1), long1));
        assertEquals(List.of(), pair.b.engine.isakmpSas());
        assertTrue(pair.b.sink.sent.isEmpty());
        assertTrue(pair.b.sink.timers.isEmpty());
    }

    /**
     * 20 000 MM1s of nearly 8 KiB (20 vendor IDs, the most one message may carry) from
     * 20 000 addresses: with the default limits B keeps 1024 half-open SAs, and the heap they
     * hold stays under the bound the limits give (an MM1's SA payload, its MM2 and the SA's
     * bookkeeping, a few KiB each), far below what one SA per MM1 would take.
     */
    @Test
    void whatAFloodLeavesInMemoryIsBoundedByTheLimits() throws Exception {
        EnginePair pair = pair(Limits.DEFAULT);
        byte[] recorded = KatRecord.load().packet(1);
        int vendorIds = 20 - IsakmpMessage.decode(recorded).payloads(VendorIdPayload.class).size();
        byte[] large = mm1(recorded, 0, vendorIds, 7600 / vendorIds);
        assertTrue(large.length > 7500 && large.length <= Limits.DEFAULT.firstMessageBytes(), large.length + " bytes");
        long before = usedHeapAfterGc();
        for (int i = 0; i < 20_000; i++) {
            byte[] copy = large.clone();
            ByteBuffer.wrap(copy).putLong(0x10000 + i);
            pair.b.engine.receive(from(spoofed(i), copy));
        }
        pair.b.sink.outbox.clear();
        long retained = usedHeapAfterGc() - before;
        assertEquals(Limits.DEFAULT.halfOpen(), halfOpen(pair.b, Limits.DEFAULT.halfOpenPerPeer()).size());
        assertEquals(Limits.DEFAULT.halfOpen(), pair.b.sink.sent.size());
        long bound = (long) Limits.DEFAULT.halfOpen() * 16 * 1024;
        System.out.printf("flood of 20000 MM1 (%d bytes each): %d half-open SAs, %d KiB retained, bound %d KiB%n",
                large.length, halfOpen(pair.b, Limits.DEFAULT.halfOpenPerPeer()).size(), retained / 1024, bound / 1024);
        assertTrue(retained < bound, retained + " bytes retained");
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        Runtime runtime = Runtime.getRuntime();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50);
            used = Math.min(used, runtime.totalMemory() - runtime.freeMemory());
        }
        return used;
    }

    /** B's responder SAs that are not established, checked against the per-address limit. */
    private static List<IsakmpSa> halfOpen(EnginePair.Peer b, int perPeer) {
        List<IsakmpSa> out = new ArrayList<>(b.engine.isakmpSas().stream()
                .filter(sa -> sa.role() == Role.RESPONDER && !sa.established()).toList());
        Map<InetAddress, Long> perAddress = out.stream()
                .collect(Collectors.groupingBy(sa -> sa.remote().getAddress(), Collectors.counting()));
        perAddress.forEach((address, n) -> assertTrue(n <= perPeer, n + " half-open SAs with " + address));
        return out;
    }

    /** The recorded MM1 with another initiator cookie and, if asked, vendor IDs of {@code vidBytes} each. */
    private static byte[] mm1(byte[] recorded, long cookie, int vendorIds, int vidBytes)
            throws IsakmpProtocolException {
        List<Payload> payloads = new ArrayList<>(IsakmpMessage.decode(recorded).payloads());
        for (int i = 0; i < vendorIds; i++) {
            byte[] id = new byte[vidBytes];
            id[0] = (byte) i;
            payloads.add(new VendorIdPayload(Octets.of(id)));
        }
        return new IsakmpMessage(IsakmpHeader.of(cookie, 0, ExchangeType.IDENTITY_PROTECTION, 0, 0), payloads)
                .encode();
    }

    private static InetSocketAddress spoofed(int n) throws UnknownHostException {
        return new InetSocketAddress(InetAddress.getByAddress(new byte[] {10, 99, (byte) (n >> 8), (byte) n}), 500);
    }

    private static Datagram from(InetSocketAddress source, byte[] data) {
        return new Datagram(data, new InetSocketAddress(EnginePair.ADDRESS_B, 500), source);
    }
}
