package org.jracoon.ike.engine;

import java.time.Duration;

/**
 * Where the engine's outputs go: datagrams to send, timers to arm or cancel, events. The
 * daemon's implementation writes to Netty and its scheduler; a test's collects them.
 */
public interface EngineSink {

    void send(Datagram datagram);

    /** Arms {@code timer} to fire once after {@code delay}, replacing an armed one equal to it. */
    void arm(EngineTimer timer, Duration delay);

    void cancel(EngineTimer timer);

    void event(EngineEvent event);
}
