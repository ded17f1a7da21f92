package org.jracoon.ike.engine;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An engine's outputs kept for a test: datagrams waiting to be delivered, armed timers with
 * their due time on a virtual clock, and events.
 */
final class RecordingSink implements EngineSink {

    final Deque<Datagram> outbox = new ArrayDeque<>();
    final List<Datagram> sent = new ArrayList<>();
    final Map<EngineTimer, Instant> timers = new HashMap<>();
    final List<EngineEvent> events = new ArrayList<>();
    private final InstantSource clock;

    RecordingSink(InstantSource clock) {
        this.clock = clock;
    }

    @Override
    public void send(Datagram datagram) {
        outbox.add(datagram);
        sent.add(datagram);
    }

    @Override
    public void arm(EngineTimer timer, Duration delay) {
        timers.put(timer, clock.instant().plus(delay));
    }

    @Override
    public void cancel(EngineTimer timer) {
        timers.remove(timer);
    }

    @Override
    public void event(EngineEvent event) {
        events.add(event);
    }

    /** The earliest armed timer, if any. */
    Optional<Map.Entry<EngineTimer, Instant>> nextTimer() {
        return timers.entrySet().stream().min(Map.Entry.comparingByValue());
    }

    <E extends EngineEvent> List<E> events(Class<E> kind) {
        return events.stream().filter(kind::isInstance).map(kind::cast).toList();
    }
}
