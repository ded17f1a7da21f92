package org.jracoon.ike.engine;

/**
 * A timer the engine asks its runtime to arm; when it fires, the runtime hands it back through
 * {@link IkeEngine#timerExpired}. Timers belong to one ISAKMP SA (by serial) and one exchange
 * (by message ID, 0 for phase 1).
 */
public record EngineTimer(long saSerial, int messageId, Kind kind) {

    public enum Kind {
        /** Send the last message again if no answer came. */
        RETRANSMIT,
        /** Give up on the phase (racoon's {@code timer phase1/phase2}). */
        PHASE_TIMEOUT,
        /** The ISAKMP SA's negotiated lifetime ran out. */
        LIFETIME,
        /** 80 % of the ISAKMP SA's lifetime passed: time to negotiate its successor (racoon's DYING). */
        REKEY,
        /** Dead peer detection: send an R-U-THERE, or count a missing ACK (RFC 3706). */
        DPD,
        /** Time to send the next NAT keepalive (RFC 3948 section 2.3). */
        NATT_KEEPALIVE
    }

    @Override
    public String toString() {
        return kind + " sa#" + saSerial + " mid=" + Integer.toHexString(messageId);
    }
}
