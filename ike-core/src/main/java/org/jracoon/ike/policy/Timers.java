package org.jracoon.ike.policy;

import java.time.Duration;
import java.util.Objects;

/**
 * racoon's {@code timer { counter; interval; persend; phase1; phase2; natt_keepalive; }}: how
 * often and how far apart an unanswered message is sent again, how many copies go out each
 * time, how long a phase may take in all, and how far apart NAT keepalives go (zero: none).
 */
public record Timers(int counter, Duration interval, int persend, Duration phase1Timeout, Duration phase2Timeout,
        Duration nattKeepalive) {

    /** racoon's NAT keepalive interval (localconf.h LC_DEFAULT_NATT_KA_INTERVAL). */
    public static final Duration DEFAULT_NATT_KEEPALIVE = Duration.ofSeconds(20);

    /** racoon's defaults (localconf.h): 5 retries 10 s apart, one copy, 30 s per phase, keepalives every 20 s. */
    public static final Timers DEFAULT = new Timers(5, Duration.ofSeconds(10), 1, Duration.ofSeconds(30),
            Duration.ofSeconds(30));

    /** Timers with racoon's NAT keepalive interval. */
    public Timers(int counter, Duration interval, int persend, Duration phase1Timeout, Duration phase2Timeout) {
        this(counter, interval, persend, phase1Timeout, phase2Timeout, DEFAULT_NATT_KEEPALIVE);
    }

    public Timers {
        Objects.requireNonNull(interval);
        Objects.requireNonNull(phase1Timeout);
        Objects.requireNonNull(phase2Timeout);
        Objects.requireNonNull(nattKeepalive);
        if (counter < 0 || persend < 1 || interval.isNegative() || interval.isZero()
                || phase1Timeout.isNegative() || phase2Timeout.isNegative() || nattKeepalive.isNegative()) {
            throw new IllegalArgumentException("timer counter " + counter + " interval " + interval + " persend "
                    + persend);
        }
    }
}
