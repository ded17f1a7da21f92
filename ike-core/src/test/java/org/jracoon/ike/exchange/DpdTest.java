package org.jracoon.ike.exchange;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalInt;

import org.jracoon.ike.payload.NotifyPayload;
import org.jracoon.ike.payload.NotifyType;
import org.jracoon.ike.payload.Octets;
import org.jracoon.ike.payload.ProtocolId;
import org.jracoon.ike.policy.Liveness;
import org.jracoon.ike.sa.Cookies;
import org.junit.jupiter.api.Test;

/** RFC 3706 sequence numbers: which ACKs count, and when the peer is dead. */
class DpdTest {

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
        Dpd.Probe first = (Dpd.Probe) dpd.due();
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
        assertEquals(0, ((Dpd.Probe) dpd.due()).failures());
        Dpd.Probe second = (Dpd.Probe) dpd.due();
        assertEquals(1, second.failures());
        // a late ACK of the first probe still proves the peer alive
        assertTrue(dpd.acknowledged(second.sequence() - 1).isPresent());
        assertEquals(0, ((Dpd.Probe) dpd.due()).failures());
        dpd.due();
        assertInstanceOf(Dpd.Dead.class, dpd.due());
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
