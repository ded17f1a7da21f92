package org.jracoon.daemon;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;

import org.jracoon.ike.engine.Limits;

/**
 * The engine's {@link Limits} as racoon's command line sets them, {@code --limit NAME=VALUE}
 * (repeatable): racoon.conf has no keywords for them and stays racoon's grammar. Each name's
 * range keeps the daemon working: at least one SA, an MM1 at least as long as a header, at most
 * a UDP datagram.
 */
enum LimitOption {
    HALF_OPEN("half-open", 1, 1_000_000),
    HALF_OPEN_PER_ADDRESS("half-open-per-address", 1, 1_000_000),
    MM1_BYTES("mm1-bytes", 28, 65_535),
    NOTIFY_INTERVAL("notify-interval", 0, 3_600),
    NOTIFY_PEERS("notify-peers", 1, 1_000_000),
    DROP_REPORT("drop-report", 1, 86_400);

    final String key;
    private final long min;
    private final long max;

    LimitOption(String key, long min, long max) {
        this.key = key;
        this.min = min;
        this.max = max;
    }

    /**
     * {@link Limits#DEFAULT} with the values {@code given} names (name to value as typed).
     *
     * @throws IllegalArgumentException one line naming the setting and what is wrong with it
     */
    static Limits limits(Map<String, String> given) {
        Limits d = Limits.DEFAULT;
        int halfOpen = d.halfOpen();
        int perAddress = d.halfOpenPerPeer();
        int mm1Bytes = d.firstMessageBytes();
        Duration notifyInterval = d.errorNotifyInterval();
        int notifyPeers = d.errorNotifyPeers();
        Duration dropReport = d.dropReport();
        for (Map.Entry<String, String> setting : given.entrySet()) {
            LimitOption option = named(setting.getKey());
            long value = option.parse(setting.getValue());
            switch (option) {
                case HALF_OPEN -> halfOpen = (int) value;
                case HALF_OPEN_PER_ADDRESS -> perAddress = (int) value;
                case MM1_BYTES -> mm1Bytes = (int) value;
                case NOTIFY_INTERVAL -> notifyInterval = Duration.ofSeconds(value);
                case NOTIFY_PEERS -> notifyPeers = (int) value;
                case DROP_REPORT -> dropReport = Duration.ofSeconds(value);
            }
        }
        return new Limits(halfOpen, perAddress, mm1Bytes, notifyInterval, notifyPeers, dropReport);
    }

    private static LimitOption named(String key) {
        return Arrays.stream(values()).filter(o -> o.key.equals(key)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown limit '" + key + "' ("
                        + Arrays.stream(values()).map(o -> o.key).collect(Collectors.joining(", ")) + ")"));
    }

    private long parse(String text) {
        long value;
        try {
            value = Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + "=" + text + ": not a whole number");
        }
        if (value < min || value > max) {
            throw new IllegalArgumentException(key + "=" + text + ": out of range (" + min + " to " + max + ")");
        }
        return value;
    }
}
