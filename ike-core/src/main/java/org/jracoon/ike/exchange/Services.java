package org.jracoon.ike.exchange;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.time.InstantSource;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

import org.jracoon.ike.crypto.DhGroup;
import org.jracoon.ike.crypto.DhKeyPair;
import org.jracoon.ike.crypto.DhKeySource;
import org.jracoon.ike.crypto.RandomSource;
import org.jracoon.ike.engine.EngineSink;
import org.jracoon.ike.engine.Limits;
import org.jracoon.ike.engine.LogSummary;
import org.jracoon.ike.kernel.KernelIpsec;
import org.jracoon.ike.keymat.Padding;
import org.jracoon.ike.policy.Policies;
import org.slf4j.LoggerFactory;

/**
 * What every exchange of one engine shares: policies, authenticators, the kernel port, the
 * injected randomness and clock, the padding rules, the output sink, the peers already
 * sent an INITIAL-CONTACT, the throttle on error notifications and the summary of refused
 * MM1s. Policies, authenticators and padding change only on a reload, and only on the engine's
 * thread.
 */
public final class Services {

    private Policies policies;
    private Authenticators authenticators;
    private final KernelIpsec kernel;
    private final RandomSource random;
    private final DhKeySource dhKeys;
    private final InstantSource clock;
    private Padding padding;
    private final EngineSink sink;
    private final Set<InetAddress> contacted = new HashSet<>();
    private int lastReqid;
    private final NotifyThrottle notifyThrottle;
    private final LogSummary firstMessageRefusals;

    public Services(Policies policies, Authenticators authenticators, KernelIpsec kernel, RandomSource random,
            DhKeySource dhKeys, InstantSource clock, Padding padding, EngineSink sink, Limits limits) {
        this.policies = Objects.requireNonNull(policies);
        this.authenticators = Objects.requireNonNull(authenticators);
        this.kernel = Objects.requireNonNull(kernel);
        this.random = Objects.requireNonNull(random);
        this.dhKeys = Objects.requireNonNull(dhKeys);
        this.clock = Objects.requireNonNull(clock);
        this.padding = Objects.requireNonNull(padding);
        this.sink = Objects.requireNonNull(sink);
        this.notifyThrottle = new NotifyThrottle(limits.errorNotifyInterval(), limits.errorNotifyPeers());
        this.firstMessageRefusals = new LogSummary(LoggerFactory.getLogger("ike.ike"), "Main Mode requests refused",
                limits.dropReport(), clock);
    }

    /**
     * A reloaded configuration (racoonctl reload-config, SIGHUP): negotiations started from now
     * on use it; an ISAKMP SA keeps the remote policy it was negotiated under.
     */
    public void reconfigure(Policies newPolicies, Authenticators newAuthenticators, Padding newPadding) {
        policies = Objects.requireNonNull(newPolicies);
        authenticators = Objects.requireNonNull(newAuthenticators);
        padding = Objects.requireNonNull(newPadding);
    }

    public Policies policies() {
        return policies;
    }

    public Authenticators authenticators() {
        return authenticators;
    }

    public KernelIpsec kernel() {
        return kernel;
    }

    public RandomSource random() {
        return random;
    }

    /** A new key pair of {@code group} for a KE payload. */
    public DhKeyPair dhKeyPair(DhGroup group) {
        return dhKeys.keyPair(group, random);
    }

    public InstantSource clock() {
        return clock;
    }

    public Padding padding() {
        return padding;
    }

    public EngineSink sink() {
        return sink;
    }

    /** Records a first contact with {@code peer}; false if it was contacted before (racoon handler.c getcontacted). */
    boolean firstContact(InetAddress peer) {
        return contacted.add(peer);
    }

    /**
     * The reqid for the next pair of SAs with {@code generate_policy unique}: 1 to racoon's
     * IPSEC_MANUAL_REQID_MAX (0x3fff), then round again (proposal.c).
     */
    int nextReqid() {
        lastReqid = lastReqid % 0x3fff + 1;
        return lastReqid;
    }

    /** Whether an error notification may be sent to {@code peer} now (see {@link Limits#errorNotifyInterval}). */
    boolean mayNotifyError(InetAddress peer) {
        return notifyThrottle.allow(peer, clock.instant());
    }

    /** Where refusals of MM1 are logged: a flood of them must not write a line each. */
    LogSummary firstMessageRefusals() {
        return firstMessageRefusals;
    }

    /** A fresh non-zero 32-bit message ID (RFC 2408 section 3.1). */
    int newMessageId() {
        int id;
        do {
            id = ByteBuffer.wrap(random.bytes(4)).getInt();
        } while (id == 0);
        return id;
    }
}
