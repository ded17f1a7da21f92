package org.jracoon.ike.exchange;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import org.jracoon.ike.kernel.IpsecProtocol;
import org.jracoon.ike.kernel.SaId;
import org.jracoon.ike.payload.NotifyPayload;
import org.jracoon.ike.payload.NotifyType;
import org.jracoon.ike.payload.Octets;
import org.jracoon.ike.payload.ProtocolId;
import org.jracoon.ike.policy.Liveness;
import org.jracoon.ike.sa.Cookies;
import org.junit.jupiter.api.Test;

/** RFC 3706 sequence numbers: which ACKs count, and when the peer is dead. */
class DpdTest {

    private static final Map<SaId, Long> IDLE = Map.of();
    private static final Liveness LIVENESS = new Liveness(true, Duration.ofSeconds(20), Duration.ofSeconds(2), 2,
            Liveness.Rekey.ON);

    /** Random bytes 0x12 0x12: counting starts at 0x212 (racoon keeps 12 bits), the first probe is 0x213. */
    private static Dpd dpd() {
        return new Dpd(LIVENESS, out -> Arrays.fill(out, (byte) 0x12));
    }

    @Test
    void onlyAnAckOfAnOutstandingProbeCounts() {
        Dpd dpd = dpd();
        assertEquals(Optional.empty(), dpd.acknowledged(0x213), "nothing sent yet");
        Dpd.Probe first = (Dpd.Probe) dpd.due(IDLE);
        assertEquals(0x213, first.sequence());
        assertEquals(LIVENESS.retry(), first.nextCheck());
        assertEquals(Optional.empty(), dpd.acknowledged(0x214), "ahead of what was sent");
        assertEquals(Optional.empty(), dpd.acknowledged(0x212), "older than the first");
        assertEquals(Optional.of(LIVENESS.delay()), dpd.acknowledged(0x213));
        assertEquals(Optional.empty(), dpd.acknowledged(0x213), "the same ACK twice");
    }

    @Test
    void maxfailUnansweredProbesMeanDead() {
        Dpd dpd = dpd();
        assertEquals(0, ((Dpd.Probe) dpd.due(IDLE)).failures());
        Dpd.Probe second = (Dpd.Probe) dpd.due(IDLE);
        assertEquals(1, second.failures());
        // a late ACK of the first probe still proves the peer alive
        assertTrue(dpd.acknowledged(second.sequence() - 1).isPresent());
        assertEquals(0, ((Dpd.Probe) dpd.due(IDLE)).failures());
        dpd.due(IDLE);
        assertInstanceOf(Dpd.Dead.class, dpd.due(IDLE));
    }

    @Test
    void inboundBytesSinceTheLastCheckSkipTheProbeAndClearTheMisses() throws Exception {
        InetAddress us = InetAddress.getByName("192.0.2.1");
        InetAddress peer = InetAddress.getByName("192.0.2.2");
        Dpd dpd = dpd();
        SaId older = new SaId(IpsecProtocol.ESP, peer, us, 0x1001);
        SaId renewed = new SaId(IpsecProtocol.ESP, peer, us, 0x1002);
        assertEquals(new Dpd.Alive(LIVENESS.delay()), dpd.due(Map.of(older, 100L)));
        assertInstanceOf(Dpd.Probe.class, dpd.due(Map.of(older, 100L)), "the same count: idle");
        // a renewed pair's inbound SA that counted anything is traffic, while its predecessor went quiet
        assertEquals(new Dpd.Alive(LIVENESS.delay()), dpd.due(Map.of(older, 100L, renewed, 52L)));
        Dpd.Probe probe = (Dpd.Probe) dpd.due(Map.of(renewed, 52L));
        assertEquals(0, probe.failures(), "traffic answered for the probe outstanding before");
        assertEquals(1, ((Dpd.Probe) dpd.due(Map.of(renewed, 52L))).failures());
        assertInstanceOf(Dpd.Dead.class, dpd.due(Map.of()), "an SA gone counts nothing");
    }

    @Test
    void notificationsCarryTheSequenceNumber() {
        Cookies cookies = new Cookies(0x0102030405060708L, 0x1112131415161718L);
        NotifyPayload probe = Dpd.rUThere(cookies, 0x213);
        assertEquals(NotifyType.R_U_THERE, probe.notifyType());
        assertEquals(ProtocolId.ISAKMP, probe.protocolId());
        assertEquals(16, probe.spi().length());
        NotifyPayload ack = Dpd.ack(cookies, probe);
        assertEquals(NotifyType.R_U_THERE_ACK, ack.notifyType());
        assertEquals(OptionalInt.of(0x213), Dpd.sequenceOf(ack));
        assertEquals(OptionalInt.empty(), Dpd.sequenceOf(NotifyPayload.of(ProtocolId.ISAKMP, probe.spi(),
                NotifyType.R_U_THERE, Octets.of((byte) 1))));
    }
}
