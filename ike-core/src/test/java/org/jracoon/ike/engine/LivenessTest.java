package org.jracoon.ike.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.jracoon.ike.crypto.EncryptionAlgorithm;
import org.jracoon.ike.crypto.HashAlgorithm;
import org.jracoon.ike.crypto.ModpGroup;
import org.jracoon.ike.kernel.IpsecMode;
import org.jracoon.ike.kernel.KernelEvent;
import org.jracoon.ike.kernel.Lifetime;
import org.jracoon.ike.payload.ExchangeType;
import org.jracoon.ike.policy.AuthMethod;
import org.jracoon.ike.policy.Liveness;
import org.jracoon.ike.policy.Phase1Proposal;
import org.jracoon.ike.policy.Policies;
import org.jracoon.ike.policy.RemotePolicy;
import org.jracoon.ike.sa.Cookies;
import org.jracoon.ike.sa.IpsecSa;
import org.jracoon.ike.sa.IsakmpSa;
import org.junit.jupiter.api.Test;

/** Keeping SAs alive: dead peer detection (RFC 3706), phase-1 renewal and phase-2 renewal on soft expiry. */
class LivenessTest {

    private static final Liveness PROBING = new Liveness(true, Duration.ofSeconds(10), Duration.ofSeconds(3), 3,
            Liveness.Rekey.ON);

    private static EnginePair negotiated(Liveness onA, Liveness onB, long phase1Lifetime) {
        Phase1Proposal proposal = new Phase1Proposal(EncryptionAlgorithm.AES_CBC, 128, HashAlgorithm.SHA1,
                AuthMethod.PRE_SHARED_KEY, ModpGroup.MODP_1024, phase1Lifetime);
        EnginePair pair = new EnginePair(policies(EnginePair.ADDRESS_B, proposal, onA, true),
                policies(EnginePair.ADDRESS_A, proposal, onB, false));
        pair.a.engine.acquire(pair.a.request(pair.b, IpsecMode.TUNNEL));
        pair.pump();
        assertEquals(1, pair.a.sink.events(EngineEvent.Phase2Established.class).size());
        return pair;
    }

    private static Policies policies(InetAddress peer, Phase1Proposal proposal, Liveness liveness, boolean sideA) {
        RemotePolicy remote = RemotePolicy.of(Optional.of(peer), List.of(proposal)).withLiveness(liveness);
        return new Policies(List.of(remote), List.of(sideA ? EnginePair.sainfo(EnginePair.NET_A, EnginePair.NET_B)
                : EnginePair.sainfo(EnginePair.NET_B, EnginePair.NET_A)));
    }

    private static Optional<Instant> armed(EnginePair.Peer peer, EngineTimer.Kind kind) {
        return peer.sink.timers.entrySet().stream().filter(e -> e.getKey().kind() == kind).map(e -> e.getValue())
                .findFirst();
    }

    @Test
    void answeredProbesKeepTheSasAndASilentPeerLosesThemWithinDelayTimesMaxfail() {
        EnginePair pair = negotiated(PROBING, PROBING, 28800);
        Instant established = pair.clock.instant();
        assertEquals(Optional.of(established.plus(PROBING.delay())), armed(pair.a, EngineTimer.Kind.DPD));

        // an answered R-U-THERE: the next check is a whole delay after the ACK
        pair.fireNextTimer();
        Instant acked = pair.clock.instant();
        assertEquals(Optional.of(acked.plus(PROBING.delay())), armed(pair.a, EngineTimer.Kind.DPD));
        assertEquals(1, pair.a.engine.ipsecSas().size());
        IpsecSa onA = pair.a.engine.ipsecSas().get(0);

        // B's daemon is killed: it sends nothing, receives nothing, runs no timer
        pair.lose = d -> true;
        pair.b.sink.timers.clear();
        Instant killed = pair.clock.instant();
        int sentBefore = pair.a.sink.sent.size();
        for (int i = 0; i < 10 && pair.a.sink.events(EngineEvent.Phase1Down.class).isEmpty(); i++) {
            pair.fireNextTimer();
        }
        List<EngineEvent.Phase1Down> down = pair.a.sink.events(EngineEvent.Phase1Down.class);
        assertEquals(1, down.size());
        assertTrue(down.get(0).dead());
        Duration noticed = Duration.between(killed, pair.clock.instant());
        assertEquals(PROBING.delay().plus(PROBING.retry().multipliedBy(PROBING.maxFailures())), noticed);
        assertTrue(noticed.compareTo(PROBING.delay().multipliedBy(PROBING.maxFailures())) <= 0);
        assertEquals(PROBING.maxFailures(), pair.a.sink.sent.size() - sentBefore, "one R-U-THERE per try");
        assertTrue(pair.a.kernel.deleted.containsAll(List.of(onA.inbound(), onA.outbound())));
        assertTrue(pair.a.kernel.installed().isEmpty());
        assertTrue(pair.a.engine.isakmpSas().isEmpty());
        assertTrue(pair.a.sink.timers.isEmpty(), "nothing left to time: " + pair.a.sink.timers);

        // the next ACQUIRE (B is back) negotiates from Main Mode on
        pair.lose = d -> false;
        pair.a.engine.acquire(pair.a.request(pair.b, IpsecMode.TUNNEL));
        pair.pump();
        List<EngineEvent.Phase2Established> up = pair.a.sink.events(EngineEvent.Phase2Established.class);
        assertEquals(2, up.size());
        assertNotEquals(up.get(0).cookies(), up.get(1).cookies());
    }

    @Test
    void noProbesWhileThePeerSendsTrafficAndProbesOnceItIsIdle() {
        // B does not probe, so whatever A sends is its own R-U-THERE
        EnginePair pair = negotiated(PROBING, Liveness.DEFAULT, 28800);
        IpsecSa onA = pair.a.engine.ipsecSas().get(0);
        int sentBefore = pair.a.sink.sent.size();
        // ESP from B arrives on A's inbound SA between each two checks
        for (int i = 0; i < 3; i++) {
            pair.a.kernel.traffic(onA.inbound(), 1500);
            Instant check = pair.a.sink.timers.get(dpdTimer(pair));
            pair.fireNextTimer();
            assertEquals(check, pair.clock.instant(), "the DPD check fired");
            assertEquals(sentBefore, pair.a.sink.sent.size(), "no R-U-THERE while traffic flows");
            assertEquals(Optional.of(check.plus(PROBING.delay())), armed(pair.a, EngineTimer.Kind.DPD));
        }
        // outbound traffic alone proves nothing about the peer
        pair.a.kernel.traffic(onA.outbound(), 1500);
        pair.lose = d -> true;
        pair.fireNextTimer();
        assertEquals(sentBefore + 1, pair.a.sink.sent.size(), "an idle peer gets an R-U-THERE");
        assertEquals(Optional.of(pair.clock.instant().plus(PROBING.retry())), armed(pair.a, EngineTimer.Kind.DPD));
        // traffic while the ACK is outstanding is proof enough: the misses start over
        pair.a.kernel.traffic(onA.inbound(), 100);
        pair.fireNextTimer();
        assertEquals(sentBefore + 1, pair.a.sink.sent.size());
        assertEquals(Optional.of(pair.clock.instant().plus(PROBING.delay())), armed(pair.a, EngineTimer.Kind.DPD));
        assertEquals(1, pair.a.engine.isakmpSas().size());
    }

    private static EngineTimer dpdTimer(EnginePair pair) {
        return pair.a.sink.timers.keySet().stream().filter(t -> t.kind() == EngineTimer.Kind.DPD).findFirst()
                .orElseThrow();
    }

    @Test
    void noProbesToAPeerWithoutTheVendorId() {
        Liveness silent = new Liveness(false, Duration.ZERO, Duration.ofSeconds(5), 5, Liveness.Rekey.ON);
        EnginePair pair = negotiated(PROBING, silent, 28800);
        assertFalse(pair.a.engine.isakmpSas().get(0).peerDpd());
        assertEquals(Optional.empty(), armed(pair.a, EngineTimer.Kind.DPD));
        assertEquals(Optional.empty(), armed(pair.a, EngineTimer.Kind.REKEY), "rekey on renews only with DPD");
    }

    @Test
    void theRenewedIsakmpSaTakesOverThePairsAndRenewsThem() {
        Liveness force = new Liveness(true, Duration.ZERO, Duration.ofSeconds(5), 5, Liveness.Rekey.FORCE);
        EnginePair pair = negotiated(force, Liveness.DEFAULT, 100);
        Cookies first = pair.a.engine.isakmpSas().get(0).cookies();
        assertEquals(Optional.of(pair.clock.instant().plusSeconds(80)), armed(pair.a, EngineTimer.Kind.REKEY));
        assertEquals(Optional.empty(), armed(pair.b, EngineTimer.Kind.REKEY), "only the initiator renews");

        pair.fireNextTimer();
        assertEquals(2, pair.a.sink.events(EngineEvent.Phase1Established.class).size());
        assertEquals(2, pair.a.engine.isakmpSas().stream().filter(IsakmpSa::established).count());

        pair.fireNextTimer();
        assertEquals(1, pair.a.engine.isakmpSas().size(), "the old one expired");
        assertEquals(1, pair.b.engine.isakmpSas().size(), "and the peer took its DELETE");
        Cookies second = pair.a.engine.isakmpSas().get(0).cookies();
        assertNotEquals(first, second);
        assertEquals(1, pair.a.engine.ipsecSas().size(), "the pair lives on under the new ISAKMP SA");
        assertEquals(1, pair.b.engine.ipsecSas().size());
        assertEquals(2, pair.a.kernel.installed().size());
        assertEquals(1, pair.a.sink.events(EngineEvent.Phase1Down.class).size());

        IpsecSa onA = pair.a.engine.ipsecSas().get(0);
        pair.a.engine.expire(new KernelEvent.Expire(onA.outbound(), false, Lifetime.NONE));
        pair.pump();
        List<EngineEvent.Phase2Established> up = pair.a.sink.events(EngineEvent.Phase2Established.class);
        assertEquals(2, up.size());
        assertEquals(second, up.get(1).cookies(), "Quick Mode on the renewed ISAKMP SA");
    }

    @Test
    void aPairOutlivingItsIsakmpSaIsRenewedFromANewPhase1() {
        EnginePair pair = negotiated(Liveness.DEFAULT, Liveness.DEFAULT, 100);
        assertEquals(Optional.empty(), armed(pair.a, EngineTimer.Kind.REKEY), "rekey on without DPD");
        pair.fireNextTimer();
        assertTrue(pair.a.engine.isakmpSas().isEmpty());
        assertTrue(pair.a.engine.ipsecSas().isEmpty());
        assertEquals(2, pair.a.kernel.installed().size(), "the pair lives on in the kernel");

        IpsecSa orphan = pair.a.sink.events(EngineEvent.Phase2Established.class).get(0).sas().get(0);
        pair.a.engine.expire(new KernelEvent.Expire(orphan.outbound(), false, Lifetime.NONE));
        pair.pump();
        assertEquals(2, pair.a.sink.events(EngineEvent.Phase1Established.class).size(), "a new phase 1");
        assertEquals(2, pair.a.sink.events(EngineEvent.Phase2Established.class).size());
        pair.a.engine.expire(new KernelEvent.Expire(orphan.inbound(), false, Lifetime.NONE));
        pair.pump();
        assertEquals(2, pair.a.sink.events(EngineEvent.Phase2Established.class).size(), "renewed once");
    }

    @Test
    void theResponderIgnoresAnAcquireForThePairItIsAnsweringOrHasJustInstalled() {
        Phase1Proposal proposal = new Phase1Proposal(EncryptionAlgorithm.AES_CBC, 128, HashAlgorithm.SHA1,
                AuthMethod.PRE_SHARED_KEY, ModpGroup.MODP_1024, 28800);
        EnginePair pair = new EnginePair(policies(EnginePair.ADDRESS_B, proposal, Liveness.DEFAULT, true),
                policies(EnginePair.ADDRESS_A, proposal, Liveness.DEFAULT, false));
        // QM3 held back: B has put in its inbound SA, not yet its outbound one
        int[] quickModeFromA = {0};
        List<Datagram> qm3 = pair.holdBack(d -> EnginePair.sent(d, pair.a, ExchangeType.QUICK_MODE)
                && ++quickModeFromA[0] == 2);
        pair.a.engine.acquire(pair.a.request(pair.b, IpsecMode.TUNNEL));
        pair.pump();
        assertEquals(1, qm3.size());
        assertEquals(1, pair.b.kernel.updated.size());
        assertTrue(pair.b.kernel.added.isEmpty());
        int sent = pair.b.sink.sent.size();
        // a reply to A's first packet through its new outbound SA: ACQUIRE on B, while Quick Mode runs
        pair.b.engine.acquire(pair.b.request(pair.a, IpsecMode.TUNNEL));
        pair.pump();
        assertEquals(sent, pair.b.sink.sent.size(), "no Quick Mode of B's own");

        pair.lose = d -> false;
        pair.inject(pair.a, pair.b, qm3.get(0).data());
        assertEquals(1, pair.b.kernel.added.size());
        // the same ACQUIRE read only after QM3: the outbound SA is there by now
        pair.b.engine.acquire(pair.b.request(pair.a, IpsecMode.TUNNEL));
        pair.pump();
        assertEquals(sent, pair.b.sink.sent.size(), "still no Quick Mode of B's own");
        assertEquals(1, pair.b.engine.ipsecSas().size());

        // once the kernel no longer has the outbound SA, an ACQUIRE negotiates again
        IpsecSa onB = pair.b.engine.ipsecSas().get(0);
        pair.b.kernel.deleteSa(onB.outbound());
        pair.b.engine.acquire(pair.b.request(pair.a, IpsecMode.TUNNEL));
        pair.pump();
        assertEquals(2, pair.b.sink.events(EngineEvent.Phase2Established.class).size());
    }

    @Test
    void softExpiryOfBothSasOfAPairRenewsItOnce() {
        EnginePair pair = negotiated(Liveness.DEFAULT, Liveness.DEFAULT, 28800);
        IpsecSa onA = pair.a.engine.ipsecSas().get(0);
        pair.a.engine.expire(new KernelEvent.Expire(onA.outbound(), false, Lifetime.NONE));
        pair.pump();
        pair.a.engine.expire(new KernelEvent.Expire(onA.inbound(), false, Lifetime.NONE));
        pair.pump();
        assertEquals(2, pair.a.sink.events(EngineEvent.Phase2Established.class).size());
        assertEquals(2, pair.b.engine.ipsecSas().size());

        // the hard expiry of the old pair leaves the new one on both sides
        pair.a.engine.expire(new KernelEvent.Expire(onA.inbound(), true, Lifetime.NONE));
        pair.pump();
        assertEquals(1, pair.a.engine.ipsecSas().size());
        assertEquals(1, pair.b.engine.ipsecSas().size(), "B took A's DELETE of the old pair");
        assertNotEquals(onA, pair.a.engine.ipsecSas().get(0));
        assertEquals(2, pair.b.kernel.installed().size());
    }
}
