package org.jracoon.ike.policy;

import java.time.Duration;
import java.util.Objects;

/**
 * racoon's {@code timer { counter; interval; persend; phase1; phase2; }}: how often and how
 * far apart an unanswered message is sent again, how many copies go out each time, and how
 * long a phase may take in all.
 */
public record Timers(int counter, Duration interval, int persend, Duration phase1Timeout, Duration phase2Timeout) {

    /** racoon's defaults (localconf.h): 5 retries 10 s apart, one copy, 30 s per phase. */
    public static final Timers DEFAULT = new Timers(5, Duration.ofSeconds(10), 1, Duration.ofSeconds(30),
            Duration.ofSeconds(30));

    public Timers {
        Objects.requireNonNull(interval);
        Objects.requireNonNull(phase1Timeout);
        Objects.requireNonNull(phase2Timeout);
        if (counter < 0 || persend < 1 || interval.isNegative() || interval.isZero()
                || phase1Timeout.isNegative() || phase2Timeout.isNegative()) {
            throw new IllegalArgumentException("timer counter " + counter + " interval " + interval + " persend "
                    + persend);
        }
    }
}
