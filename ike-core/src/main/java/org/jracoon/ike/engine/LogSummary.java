package org.jracoon.ike.engine;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import org.slf4j.Logger;

/**
 * Warnings a flood of first messages would otherwise write once per datagram: in each period
 * the first of each kind is written at once, the rest of that kind are counted, and the counts
 * of a period are written as one line when the next warning comes after it. The kinds are few
 * (why an MM1 was dropped, the NOTIFY type it was refused with), so the memory is bounded.
 */
public final class LogSummary {

    private final Logger log;
    private final String counted;
    private final Duration period;
    private final InstantSource clock;
    /** Per kind seen in this period, how many were not written (0 for the one that was). */
    private final Map<String, Long> unwritten = new LinkedHashMap<>();
    private Instant since;

    /**
     * @param counted what the summary line counts, e.g. "Main Mode requests refused"
     * @param period  how long the first warning of a kind stands for the others
     */
    public LogSummary(Logger log, String counted, Duration period, InstantSource clock) {
        this.log = log;
        this.counted = counted;
        this.period = period;
        this.clock = clock;
    }

    /** A warning of {@code kind}: {@code line} is made and written only if it is the first of its kind this period. */
    public void warn(String kind, Supplier<String> line) {
        Instant now = clock.instant();
        if (since == null || !now.isBefore(since.plus(period))) {
            summarize();
            since = now;
        }
        Long before = unwritten.putIfAbsent(kind, 0L);
        if (before == null) {
            log.warn("{}; more like it are counted for {} s", line.get(), period.toSeconds());
        } else {
            unwritten.put(kind, before + 1);
        }
    }

    /** The counts of the period that ended, if any were not written. */
    private void summarize() {
        StringBuilder counts = new StringBuilder();
        unwritten.forEach((kind, n) -> {
            if (n > 0) {
                counts.append(counts.isEmpty() ? "" : ", ").append(n).append(' ').append(kind);
            }
        });
        if (!counts.isEmpty()) {
            log.warn("{} since {} and not logged one by one: {}", counted, since, counts);
        }
        unwritten.clear();
    }
}
