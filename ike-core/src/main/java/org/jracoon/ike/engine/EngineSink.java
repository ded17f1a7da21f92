package org.jracoon.ike.engine;

import java.time.Duration;
import java.util.function.Consumer;

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

    /**
     * A sink for an engine used once, to see what it sends (a first message to probe or flood a
     * responder with): datagrams go to {@code datagrams}; timers and events are dropped, since
     * such an engine is never driven past its first output.
     */
    static EngineSink datagramsOnly(Consumer<Datagram> datagrams) {
        return new EngineSink() {
            @Override
            public void send(Datagram datagram) {
                datagrams.accept(datagram);
            }

            @Override
            public void arm(EngineTimer timer, Duration delay) {
            }

            @Override
            public void cancel(EngineTimer timer) {
            }

            @Override
            public void event(EngineEvent event) {
            }
        };
    }
}
