package org.jracoon.ike.policy;

import java.time.Duration;
import java.util.Objects;

/**
 * How an ISAKMP SA with one peer is kept alive and renewed: dead peer detection (RFC 3706,
 * racoon's {@code dpd}, {@code dpd_delay}, {@code dpd_retry}, {@code dpd_maxfail}) and the
 * phase-1 renewal before its lifetime ends (racoon's {@code rekey}).
 *
 * @param dpd whether the DPD vendor ID is sent (and echoed), so the peer may probe us
 * @param delay idle time before a first R-U-THERE; zero: we never probe
 * @param retry time an R-U-THERE waits for its ACK before the next one
 * @param maxFailures unanswered R-U-THEREs after which the peer is dead
 */
public record Liveness(boolean dpd, Duration delay, Duration retry, int maxFailures, Rekey rekey) {

    /** racoon's {@code rekey}: renew phase 1 at 80 % of its lifetime never, with DPD only, or always. */
    public enum Rekey {
        OFF, ON, FORCE
    }

    /** racoon's defaults (remoteconf.c): vendor ID sent, no probing, 5 s retry, 5 failures, rekey on. */
    public static final Liveness DEFAULT = new Liveness(true, Duration.ZERO, Duration.ofSeconds(5), 5, Rekey.ON);

    public Liveness {
        Objects.requireNonNull(delay);
        Objects.requireNonNull(retry);
        Objects.requireNonNull(rekey);
        if (delay.isNegative() || retry.isNegative() || maxFailures < 0) {
            throw new IllegalArgumentException("dpd delay " + delay + " retry " + retry + " maxfail " + maxFailures);
        }
    }

    /** Whether we send R-U-THEREs to a peer that announced DPD support. */
    public boolean probes() {
        return dpd && !delay.isZero();
    }

    /**
     * Whether an ISAKMP SA is renewed before it expires: always with {@code force}; with
     * {@code on} only when DPD runs on it, as racoon does (isakmp.c isakmp_ph1dying).
     */
    public boolean renews(boolean dpdRunning) {
        return rekey == Rekey.FORCE || rekey == Rekey.ON && dpdRunning;
    }
}
