package org.jracoon.ike.exchange;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import org.jracoon.ike.crypto.RandomSource;
import org.jracoon.ike.kernel.SaId;
import org.jracoon.ike.payload.NotifyPayload;
import org.jracoon.ike.payload.NotifyType;
import org.jracoon.ike.payload.Octets;
import org.jracoon.ike.policy.Liveness;
import org.jracoon.ike.sa.Cookies;

/**
 * Dead peer detection for one ISAKMP SA (RFC 3706): every {@code dpd_delay} the inbound IPsec
 * SAs' byte counts are compared with the last check's, and only when nothing arrived from the
 * peer in between does an R-U-THERE go out in a protected Informational (section 5.5: traffic
 * proves liveness, probes are for idle peers). A missing ACK is counted after {@code dpd_retry}
 * and the next R-U-THERE sent, and after {@code dpd_maxfail} misses the peer is dead. Each
 * R-U-THERE carries the next sequence number; an ACK counts only if it answers one sent since
 * the last ACK (racoon isakmp_inf.c isakmp_info_recv_r_u_ack).
 *
 * <pre>
 *   R-U-THERE / R-U-THERE-ACK (RFC 3706 section 5.1): a Notify payload with
 *     Protocol ID = ISAKMP, SPI size 16, SPI = CKY-I | CKY-R,
 *     Notify type 36136 / 36137, Notification data = 32-bit sequence number
 * </pre>
 */
final class Dpd {

    /** What the DPD timer asks for when it fires. */
    sealed interface Step {
    }

    /** Send an R-U-THERE with this sequence number; check again after {@code nextCheck}. */
    record Probe(int sequence, int failures, Duration nextCheck) implements Step {
    }

    /** The peer missed too many; its SAs go. */
    record Dead(int failures) implements Step {
    }

    /** Traffic from the peer arrived since the last check: no probe; check again after {@code nextCheck}. */
    record Alive(Duration nextCheck) implements Step {
    }

    private final Liveness liveness;
    private int sequence;
    private int lastAck;
    private boolean awaiting;
    private int failures;
    /** The bytes each inbound SA had counted at the last check. */
    private Map<SaId, Long> inboundBytes = Map.of();

    /** racoon starts at a random value below 0x1000, leaving room to count up (isakmp_info_send_r_u). */
    Dpd(Liveness liveness, RandomSource random) {
        this.liveness = liveness;
        this.sequence = ByteBuffer.wrap(random.bytes(2)).getShort() & 0x0fff;
        this.lastAck = sequence;
    }

    /** How long after phase 1 the first check comes. */
    Duration firstCheck() {
        return liveness.delay();
    }

    /**
     * The DPD timer fired: traffic since the last check (an inbound SA counted more bytes, or a
     * new one counted any) keeps the peer alive; otherwise a missing ACK counts as a failure,
     * then probe again or give up.
     *
     * @param inboundBytes the bytes the kernel counted on each inbound SA with the peer now
     */
    Step due(Map<SaId, Long> inboundBytes) {
        Map<SaId, Long> before = this.inboundBytes;
        this.inboundBytes = Map.copyOf(inboundBytes);
        if (inboundBytes.entrySet().stream().anyMatch(e -> e.getValue() > before.getOrDefault(e.getKey(), 0L))) {
            awaiting = false;
            failures = 0;
            return new Alive(liveness.delay());
        }
        if (awaiting) {
            failures++;
            if (failures >= liveness.maxFailures()) {
                return new Dead(failures);
            }
        }
        awaiting = true;
        sequence++;
        return new Probe(sequence, failures, liveness.retry());
    }

    /**
     * An authentic R-U-THERE-ACK: the time to the next check if it answers an outstanding
     * R-U-THERE, empty if it is stale or unsolicited.
     */
    Optional<Duration> acknowledged(int ackSequence) {
        // lastAck < seq <= current, compared as unsigned distances so the counter may wrap
        int ahead = sequence - ackSequence;
        int sinceLast = ackSequence - lastAck;
        if (!awaiting || ahead < 0 || sinceLast <= 0) {
            return Optional.empty();
        }
        lastAck = ackSequence;
        awaiting = false;
        failures = 0;
        return Optional.of(liveness.delay());
    }

    static NotifyPayload rUThere(Cookies cookies, int sequence) {
        return Informational.aboutIsakmpSa(cookies, NotifyType.R_U_THERE, sequenceData(sequence));
    }

    /** The ACK of an R-U-THERE carries its sequence number back (RFC 3706 section 5.3). */
    static NotifyPayload ack(Cookies cookies, NotifyPayload rUThere) {
        return Informational.aboutIsakmpSa(cookies, NotifyType.R_U_THERE_ACK, rUThere.data());
    }

    /** The sequence number of an R-U-THERE or ACK; empty if its data is not the 4 octets RFC 3706 asks for. */
    static OptionalInt sequenceOf(NotifyPayload notify) {
        if (notify.data().length() != 4) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(ByteBuffer.wrap(notify.data().toByteArray()).getInt());
    }

    private static Octets sequenceData(int sequence) {
        return Octets.of(ByteBuffer.allocate(4).putInt(sequence).array());
    }
}
