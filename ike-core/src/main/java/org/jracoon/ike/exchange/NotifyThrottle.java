package org.jracoon.ike.exchange;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * At most one error notification per address per interval. A refused MM1 is answered in the
 * clear to whatever source address it carries, so without this a stream of bad MM1s with a
 * victim's address would turn the daemon into a reflector. The addresses remembered are
 * bounded: the least recently notified is forgotten first.
 */
final class NotifyThrottle {

    private final Duration interval;
    private final Map<InetAddress, Instant> lastSent;

    NotifyThrottle(Duration interval, int peers) {
        this.interval = interval;
        this.lastSent = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<InetAddress, Instant> eldest) {
                return size() > peers;
            }
        };
    }

    /** Whether an error notification may go to {@code peer} at {@code now}; if so, it counts as sent. */
    boolean allow(InetAddress peer, Instant now) {
        Instant last = lastSent.get(peer);
        if (last != null && now.isBefore(last.plus(interval))) {
            return false;
        }
        lastSent.put(peer, now);
        return true;
    }
}
