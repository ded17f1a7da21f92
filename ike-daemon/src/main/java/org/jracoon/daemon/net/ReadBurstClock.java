package org.jracoon.daemon.net;

import java.time.Instant;
import java.time.InstantSource;

/**
 * The engine's clock, read once per burst of datagrams that {@link UdpTransport} reads in one
 * go rather than once per datagram. Under a flood of forged MM1s most
 * datagrams are dropped after a look at their header, and the one clock read of such a drop
 * (to count it for the drop log) cost more than the rest of it: in the one-CPU User-Mode Linux
 * guest of the flood test a clock read is a trapped system call of 60-190 microseconds.
 *
 * <p>Outside a burst (timers, kernel events, the admin socket) every read is the underlying
 * clock's. Within a burst all reads see the instant of its first one, which is late by at most
 * the time the burst takes: milliseconds, against timers of seconds.
 */
public final class ReadBurstClock implements InstantSource {
    private final InstantSource clock;
    /** Set and cleared on the event loop; volatile for a reader on another thread. */
    private volatile boolean reading;
    private volatile Instant burst;

    public ReadBurstClock(InstantSource clock) {
        this.clock = clock;
    }

    @Override
    public Instant instant() {
        if (!reading) {
            return clock.instant();
        }
        Instant now = burst;
        if (now == null) {
            now = clock.instant();
            burst = now;
        }
        return now;
    }

    /** A datagram of the current burst is about to be handed on. */
    void datagramRead() {
        reading = true;
    }

    /** The socket has nothing more to read for now: the next read of the clock is a fresh one. */
    void burstEnded() {
        reading = false;
        burst = null;
    }
}
