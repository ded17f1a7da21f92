package org.jracoon.ike.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.jracoon.ike.crypto.ModpGroup;
import org.jracoon.ike.engine.EnginePair.Peer;
import org.jracoon.ike.kernel.IpPrefix;
import org.jracoon.ike.kernel.IpsecMode;
import org.jracoon.ike.payload.ExchangeType;
import org.jracoon.ike.payload.IsakmpHeader;
import org.jracoon.ike.payload.IsakmpProtocolException;
import org.jracoon.ike.policy.IpsecAuthentication;
import org.jracoon.ike.policy.IpsecEncryption;
import org.jracoon.ike.policy.Policies;
import org.jracoon.ike.policy.RemotePolicy;
import org.jracoon.ike.policy.Timers;
import org.junit.jupiter.api.Test;

/** Lost and repeated messages: the timer resends, a duplicate gets the stored reply, nothing is done twice. */
class RetransmissionTest {

    private static EnginePair pair() {
        return EnginePair.symmetric(EnginePair.MM_3DES_SHA1_MODP1024, List.of(IpsecEncryption.TRIPLE_DES),
                List.of(IpsecAuthentication.HMAC_MD5), Optional.of(ModpGroup.MODP_768));
    }

    @Test
    void lostMm2IsRecoveredByTheInitiatorsTimer() throws IsakmpProtocolException {
        EnginePair pair = pair();
        int[] fromB = {0};
        pair.lose = d -> d.local().equals(pair.b.endpoint()) && fromB[0]++ == 0;
        pair.a.engine.acquire(pair.a.request(pair.b, IpsecMode.TUNNEL));
        pair.pump();
        assertTrue(pair.a.sink.events.isEmpty(), "nothing established while MM2 is lost");
        assertEquals(1, pair.a.sink.sent.size());

        pair.fireNextTimer(); // A's retransmission timer
        assertArrayEquals(pair.a.sink.sent.get(0).data(), pair.a.sink.sent.get(1).data(), "MM1 sent again");
        assertArrayEquals(pair.b.sink.sent.get(0).data(), pair.b.sink.sent.get(1).data(),
                "B answered the repeated MM1 with its stored MM2");
        for (Peer p : List.of(pair.a, pair.b)) {
            assertEquals(1, p.engine.isakmpSas().size());
            assertEquals(1, p.sink.events(EngineEvent.Phase2Established.class).size());
            assertEquals(1, p.kernel.updated.size());
            assertEquals(1, p.kernel.added.size());
        }
        assertEquals(ExchangeType.IDENTITY_PROTECTION,
                IsakmpHeader.decode(pair.b.sink.sent.get(1).data()).exchangeType());
    }

    @Test
    void everyMessageLostOnceStillNegotiates() {
        // each loss costs one 10 s interval, more than racoon's default 30 s per phase allows
        Timers patient = new Timers(5, Duration.ofSeconds(10), 1, Duration.ofSeconds(120), Duration.ofSeconds(120));
        EnginePair pair = new EnginePair(
                new Policies(List.of(RemotePolicy.of(Optional.of(EnginePair.ADDRESS_B),
                        List.of(EnginePair.MM_3DES_SHA1_MODP1024)).withTimers(patient)),
                        List.of(EnginePair.sainfo(EnginePair.NET_A, EnginePair.NET_B))),
                new Policies(List.of(RemotePolicy.of(Optional.of(EnginePair.ADDRESS_A),
                        List.of(EnginePair.MM_3DES_SHA1_MODP1024)).withTimers(patient)),
                        List.of(EnginePair.sainfo(EnginePair.NET_B, EnginePair.NET_A))));
        Set<String> seen = new HashSet<>();
        pair.lose = d -> seen.add(HexFormat.of().formatHex(d.data()));
        pair.a.engine.acquire(pair.a.request(pair.b, IpsecMode.TUNNEL));
        pair.pump();
        while (pair.a.sink.events(EngineEvent.Phase2Established.class).isEmpty()
                || pair.b.sink.events(EngineEvent.Phase2Established.class).isEmpty()) {
            assertTrue(pair.fireNextTimer(), "a timer is left to recover with");
        }
        for (Peer p : List.of(pair.a, pair.b)) {
            assertEquals(1, p.engine.isakmpSas().size());
            assertEquals(1, p.kernel.updated.size());
            assertEquals(1, p.kernel.added.size());
            assertTrue(p.sink.events(EngineEvent.Phase1Failed.class).isEmpty());
        }
        TwoEngineNegotiationTest.sameSa(pair.a.kernel.added.get(0), pair.b.kernel.updated.get(0));
        TwoEngineNegotiationTest.sameSa(pair.b.kernel.added.get(0), pair.a.kernel.updated.get(0));
    }

    @Test
    void retransmittedRefusedQuickModeGetsTheStoredNotification() {
        EnginePair pair = new EnginePair(
                EnginePair.policies(EnginePair.ADDRESS_B, EnginePair.MM_3DES_SHA1_MODP1024,
                        EnginePair.sainfo(EnginePair.NET_A, EnginePair.NET_B)),
                EnginePair.policies(EnginePair.ADDRESS_A, EnginePair.MM_3DES_SHA1_MODP1024,
                        EnginePair.sainfo(EnginePair.NET_B, new IpPrefix(EnginePair.NET_A.address(), 16))));
        try (LogCapture log = new LogCapture()) {
            pair.a.engine.acquire(pair.a.request(pair.b, IpsecMode.TUNNEL));
            pair.pump();
            byte[] qm1 = pair.a.sink.sent.stream().map(Datagram::data)
                    .filter(d -> (d[18] & 0xff) == ExchangeType.QUICK_MODE).findFirst().orElseThrow();
            byte[] notification = pair.b.sink.sent.get(pair.b.sink.sent.size() - 1).data();
            pair.b.sink.outbox.clear();
            pair.b.engine.receive(new Datagram(qm1, pair.b.endpoint(), pair.a.endpoint()));
            assertEquals(1, pair.b.sink.outbox.size());
            assertArrayEquals(notification, pair.b.sink.outbox.poll().data());
            List<String> refusal = log.warnings("192.168.1.11[500]");
            assertEquals(1, refusal.size(), refusal.toString());
            assertTrue(refusal.get(0).contains("no phase-2 policy for 10.2.0.0/24[any] 10.1.0.0/24[any] any"),
                    refusal.get(0));
            assertTrue(refusal.get(0).contains("INVALID-ID-INFORMATION"), refusal.get(0));
        }
    }

    @Test
    void initiatorGivesUpAfterTheConfiguredRetransmissions() {
        Timers quick = new Timers(2, Duration.ofSeconds(3), 2, Duration.ofSeconds(60), Duration.ofSeconds(60));
        EnginePair pair = new EnginePair(new Policies(List.of(RemotePolicy.of(Optional.of(EnginePair.ADDRESS_B),
                List.of(EnginePair.MM_3DES_SHA1_MODP1024)).withTimers(quick)), List.of()),
                new Policies(List.of(), List.of()));
        pair.a.engine.acquire(pair.a.request(pair.b, IpsecMode.TUNNEL));
        pair.pump();
        pair.runTimersOut();
        // persend 2: every transmission goes out twice; the first and two retransmissions
        assertEquals(6, pair.a.sink.sent.size());
        assertTrue(pair.a.sink.sent.stream().allMatch(d -> Arrays.equals(d.data(), pair.a.sink.sent.get(0).data())));
        assertEquals(Instant.parse("2026-01-01T00:00:09Z"), pair.clock.instant(), "3 intervals of 3 s");
        EngineEvent.Phase1Failed failed = pair.a.sink.events(EngineEvent.Phase1Failed.class).get(0);
        assertEquals("no answer after 2 retransmissions", failed.reason());
        assertTrue(pair.a.engine.isakmpSas().isEmpty());
        assertTrue(pair.a.sink.timers.isEmpty());
        assertTrue(pair.b.sink.sent.isEmpty(), "B has no remote policy for A and stays silent");
    }

    @Test
    void duplicateMm3LateMm5AndDuplicateQm1GetTheStoredReplies() throws IsakmpProtocolException {
        EnginePair pair = pair();
        pair.a.engine.acquire(pair.a.request(pair.b, IpsecMode.TUNNEL));
        pair.pump();
        List<Datagram> initiatorMainMode = ofExchange(pair.a, ExchangeType.IDENTITY_PROTECTION);
        List<Datagram> responderMainMode = ofExchange(pair.b, ExchangeType.IDENTITY_PROTECTION);
        List<Datagram> qm1AndQm3 = ofExchange(pair.a, ExchangeType.QUICK_MODE);
        List<Datagram> qm2 = ofExchange(pair.b, ExchangeType.QUICK_MODE);
        assertEquals(3, initiatorMainMode.size());
        assertEquals(3, responderMainMode.size());
        assertEquals(2, qm1AndQm3.size());
        assertEquals(1, qm2.size());

        assertArrayEquals(responderMainMode.get(1).data(), replyOfB(pair, initiatorMainMode.get(1)), "MM3 -> MM4");
        assertArrayEquals(responderMainMode.get(2).data(), replyOfB(pair, initiatorMainMode.get(2)), "MM5 -> MM6");
        assertArrayEquals(qm2.get(0).data(), replyOfB(pair, qm1AndQm3.get(0)), "QM1 -> QM2");
        pair.b.engine.receive(swap(qm1AndQm3.get(1)));
        assertTrue(pair.b.sink.outbox.isEmpty(), "a repeated QM3 is not answered");

        assertEquals(1, pair.b.engine.isakmpSas().size());
        assertEquals(1, pair.b.sink.events(EngineEvent.Phase1Established.class).size());
        assertEquals(1, pair.b.sink.events(EngineEvent.Phase2Established.class).size());
        assertEquals(1, pair.b.kernel.reserved.size(), "no second GETSPI");
        assertEquals(1, pair.b.kernel.updated.size());
        assertEquals(1, pair.b.kernel.added.size());
    }

    /** What B sends when handed {@code fromA} again. */
    private static byte[] replyOfB(EnginePair pair, Datagram fromA) {
        pair.b.sink.outbox.clear();
        pair.b.engine.receive(swap(fromA));
        assertEquals(1, pair.b.sink.outbox.size());
        return pair.b.sink.outbox.poll().data();
    }

    /** A datagram as the other side receives it. */
    private static Datagram swap(Datagram sent) {
        return new Datagram(sent.data(), sent.remote(), sent.local());
    }

    private static List<Datagram> ofExchange(Peer peer, int exchangeType) throws IsakmpProtocolException {
        List<Datagram> out = new ArrayList<>();
        for (Datagram d : peer.sink.sent) {
            if (IsakmpHeader.decode(d.data()).exchangeType() == exchangeType) {
                out.add(d);
            }
        }
        return out;
    }
}
