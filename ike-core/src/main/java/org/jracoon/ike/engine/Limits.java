package org.jracoon.ike.engine;

import java.time.Duration;
import java.util.Objects;

/**
 * What one engine lets an unauthenticated sender cost it. racoon has no such settings (its
 * racoon.conf has no keywords for them); these are the engine's own, set on the daemon's command
 * line ({@code racoon --limit NAME=VALUE}), with defaults that leave a real deployment untouched
 * and keep a flood of spoofed MM1s to a few megabytes.
 *
 * @param halfOpen responder ISAKMP SAs not yet established, in all, under {@code remote
 *        anonymous}; a peer with its own {@code remote} block counts only against
 *        {@code halfOpenPerPeer}, so a flood from random addresses cannot shut it out
 * @param halfOpenPerPeer responder ISAKMP SAs not yet established per source address
 * @param firstMessageBytes the longest MM1 that may create responder state (its SA payload is
 *        kept until MM5 is checked, RFC 2409 section 5)
 * @param errorNotifyInterval the least time between two error notifications to one address
 * @param errorNotifyPeers how many addresses the notification throttle remembers
 * @param dropReport how often a summary of dropped or refused first messages is logged (the first
 *        of each kind is logged at once)
 */
public record Limits(int halfOpen, int halfOpenPerPeer, int firstMessageBytes, Duration errorNotifyInterval,
        int errorNotifyPeers, Duration dropReport) {

    /**
     * 1024 half-open SAs in all and 10 per address (strongSwan's block_threshold is 5; NAT puts
     * several road warriors behind one address), MM1 up to 8 KiB, one error notification per
     * second per address for up to 4096 addresses, a drop summary every 10 s.
     */
    public static final Limits DEFAULT = new Limits(1024, 10, 8192, Duration.ofSeconds(1), 4096,
            Duration.ofSeconds(10));

    public Limits {
        Objects.requireNonNull(errorNotifyInterval);
        Objects.requireNonNull(dropReport);
        if (halfOpen < 1 || halfOpenPerPeer < 1 || firstMessageBytes < 28 || errorNotifyPeers < 1
                || errorNotifyInterval.isNegative() || dropReport.isNegative()) {
            throw new IllegalArgumentException("limits " + halfOpen + "/" + halfOpenPerPeer + "/" + firstMessageBytes
                    + "/" + errorNotifyPeers);
        }
    }
}
