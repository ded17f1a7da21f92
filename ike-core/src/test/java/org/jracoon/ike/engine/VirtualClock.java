package org.jracoon.ike.engine;

import java.time.Instant;
import java.time.InstantSource;

/** Time that moves only when a test moves it. */
final class VirtualClock implements InstantSource {

    private Instant now = Instant.parse("2026-01-01T00:00:00Z");

    @Override
    public Instant instant() {
        return now;
    }

    void advanceTo(Instant when) {
        if (when.isAfter(now)) {
            now = when;
        }
    }
}
