package org.jracoon.ike.engine;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

import org.jracoon.ike.crypto.DhKeySource;
import org.jracoon.ike.crypto.EncryptionAlgorithm;
import org.jracoon.ike.crypto.HashAlgorithm;
import org.jracoon.ike.crypto.ModpGroup;
import org.jracoon.ike.crypto.RandomSource;
import org.jracoon.ike.crypto.Secret;
import org.jracoon.ike.exchange.Authenticators;
import org.jracoon.ike.kernel.IpPrefix;
import org.jracoon.ike.kernel.IpsecMode;
import org.jracoon.ike.kernel.IpsecProtocol;
import org.jracoon.ike.kernel.TrafficSelector;
import org.jracoon.ike.keymat.Padding;
import org.jracoon.ike.payload.IsakmpHeader;
import org.jracoon.ike.policy.AuthMethod;
import org.jracoon.ike.policy.IpsecAuthentication;
import org.jracoon.ike.policy.IpsecEncryption;
import org.jracoon.ike.policy.Phase1Proposal;
import org.jracoon.ike.policy.Phase2Policy;
import org.jracoon.ike.policy.Policies;
import org.jracoon.ike.policy.RemotePolicy;

/**
 * Two engines wired back to back in memory, A at 192.168.1.11 (networks 10.1.0.0/24) and B at
 * 192.168.1.12 (10.2.0.0/24), sharing a virtual clock. {@link #pump} carries datagrams both
 * ways until both are quiet; {@link #fireNextTimer} moves time to the next armed timer.
 */
final class EnginePair {

    static final InetAddress ADDRESS_A = address("192.168.1.11");
    static final InetAddress ADDRESS_B = address("192.168.1.12");
    static final IpPrefix NET_A = new IpPrefix(address("10.1.0.0"), 24);
    static final IpPrefix NET_B = new IpPrefix(address("10.2.0.0"), 24);
    static final Secret PSK = Secret.copyOf("racoon-test-psk-0123456789".getBytes());
    /** Where the ISAKMP header keeps the exchange type (RFC 2408 section 3.1). */
    private static final int EXCHANGE_TYPE_OFFSET = 18;
    private static final int FLAGS_OFFSET = 19;

    static final Phase1Proposal MM_3DES_SHA1_MODP1024 = new Phase1Proposal(EncryptionAlgorithm.TRIPLE_DES_CBC, 0,
            HashAlgorithm.SHA1, AuthMethod.PRE_SHARED_KEY, ModpGroup.MODP_1024, 28800);
    static final Phase1Proposal MM_AES128_SHA1_MODP2048 = new Phase1Proposal(EncryptionAlgorithm.AES_CBC, 128,
            HashAlgorithm.SHA1, AuthMethod.PRE_SHARED_KEY, ModpGroup.MODP_2048, 28800);

    /** One side: its engine and what it gave the kernel and the world. */
    static final class Peer {
        final InetAddress address;
        final IpPrefix network;
        final FakeKernel kernel;
        final RecordingSink sink;
        final IkeEngine engine;

        Peer(InetAddress address, IpPrefix network, int spiBase, long seed, VirtualClock clock, Policies policies,
                Authenticators authenticators, Limits limits) {
            this(address, network, spiBase, seed, clock, policies, authenticators, DhKeySource.DRAWN, limits);
        }

        Peer(InetAddress address, IpPrefix network, int spiBase, long seed, VirtualClock clock, Policies policies,
                Authenticators authenticators, DhKeySource dhKeys, Limits limits) {
            this.address = address;
            this.network = network;
            this.kernel = new FakeKernel(spiBase);
            this.sink = new RecordingSink(clock);
            Random random = new Random(seed);
            RandomSource source = random::nextBytes;
            this.engine = new IkeEngine(policies, authenticators, kernel, source, dhKeys, clock, Padding.RACOON_DEFAULT,
                    sink, limits);
        }

        InetSocketAddress endpoint() {
            return new InetSocketAddress(address, IkeEngine.IKE_PORT);
        }

        /** What an ACQUIRE for traffic from our network to the other's turns into. */
        SaRequest request(Peer other, IpsecMode mode) {
            return new SaRequest(address, other.address, TrafficSelector.between(network, other.network),
                    IpsecProtocol.ESP, mode, 0, 1);
        }
    }

    final VirtualClock clock = new VirtualClock();
    Peer a;
    final Peer b;
    /** Datagrams for which this answers true are lost on the way. */
    Predicate<Datagram> lose = d -> false;
    /** What the path does to A's datagrams on their way to B, as sent (a NAT rewrites the source). */
    UnaryOperator<Datagram> pathAToB = UnaryOperator.identity();
    /** What the path does to B's datagrams on their way to A, as sent. */
    UnaryOperator<Datagram> pathBToA = UnaryOperator.identity();

    EnginePair(Policies policiesA, Policies policiesB) {
        this(policiesA, PSK, policiesB, PSK);
    }

    EnginePair(Policies policiesA, Secret pskA, Policies policiesB, Secret pskB) {
        this(policiesA, psk(pskA), policiesB, psk(pskB));
    }

    EnginePair(Policies policiesA, Authenticators authenticatorsA, Policies policiesB,
            Authenticators authenticatorsB) {
        this(policiesA, authenticatorsA, policiesB, authenticatorsB, Limits.DEFAULT);
    }

    /** PSK peers where B, the responder under test, has its own limits. */
    EnginePair(Policies policiesA, Policies policiesB, Limits limitsB) {
        this(policiesA, psk(PSK), policiesB, psk(PSK), limitsB);
    }

    private EnginePair(Policies policiesA, Authenticators authenticatorsA, Policies policiesB,
            Authenticators authenticatorsB, Limits limitsB) {
        a = new Peer(ADDRESS_A, NET_A, 0x0a000100, 1, clock, policiesA, authenticatorsA, Limits.DEFAULT);
        b = new Peer(ADDRESS_B, NET_B, 0x0b000100, 2, clock, policiesB, authenticatorsB, limitsB);
    }

    /** PSK peers whose DH key pairs come from the sources given, e.g. computed by different providers. */
    EnginePair(Policies policiesA, DhKeySource dhKeysA, Policies policiesB, DhKeySource dhKeysB) {
        a = new Peer(ADDRESS_A, NET_A, 0x0a000100, 1, clock, policiesA, psk(PSK), dhKeysA, Limits.DEFAULT);
        b = new Peer(ADDRESS_B, NET_B, 0x0b000100, 2, clock, policiesB, psk(PSK), dhKeysB, Limits.DEFAULT);
    }

    /** Two PSK peers at other addresses (another family), for tests that need them. */
    EnginePair(InetAddress addressA, IpPrefix netA, Policies policiesA, InetAddress addressB, IpPrefix netB,
            Policies policiesB) {
        a = new Peer(addressA, netA, 0x0a000100, 1, clock, policiesA, psk(PSK), Limits.DEFAULT);
        b = new Peer(addressB, netB, 0x0b000100, 2, clock, policiesB, psk(PSK), Limits.DEFAULT);
    }

    /** The same key for every peer. */
    static Authenticators psk(Secret key) {
        return Authenticators.preSharedKeys(peer -> Optional.of(key));
    }

    /** An sainfo for traffic between two networks: AES-128 with HMAC-SHA1, no PFS, one hour. */
    static Phase2Policy sainfo(IpPrefix ours, IpPrefix theirs) {
        return new Phase2Policy(Optional.of(TrafficSelector.between(ours, theirs)), List.of(IpsecEncryption.AES_128),
                List.of(IpsecAuthentication.HMAC_SHA1), Optional.empty(), 3600);
    }

    /**
     * A new engine at A's address (as after a restart with a corrected configuration), so the
     * test can show B still serves the next negotiation.
     */
    void replaceA(Policies policies, Secret psk) {
        replaceA(policies, psk(psk));
    }

    /** As {@link #replaceA(Policies, Secret)}, with other credentials. */
    void replaceA(Policies policies, Authenticators authenticators) {
        a = new Peer(ADDRESS_A, NET_A, 0x0a100100, 3, clock, policies, authenticators, Limits.DEFAULT);
    }

    /** Fires timers until none is armed except ISAKMP SA lifetimes. */
    void runTimersOut() {
        for (int i = 0; i < 100; i++) {
            boolean onlyLifetimes = a.sink.timers.keySet().stream().allMatch(t -> t.kind() == EngineTimer.Kind.LIFETIME)
                    && b.sink.timers.keySet().stream().allMatch(t -> t.kind() == EngineTimer.Kind.LIFETIME);
            if (onlyLifetimes || !fireNextTimer()) {
                return;
            }
        }
        throw new AssertionError("timers never ran out");
    }

    /** Both sides with the same phase-1 proposal and an sainfo for the two networks. */
    static EnginePair symmetric(Phase1Proposal proposal, List<IpsecEncryption> encryption,
            List<IpsecAuthentication> authentication, Optional<ModpGroup> pfs) {
        return new EnginePair(
                policies(ADDRESS_B, proposal, new Phase2Policy(Optional.of(TrafficSelector.between(NET_A, NET_B)),
                        encryption, authentication, pfs, 3600)),
                policies(ADDRESS_A, proposal, new Phase2Policy(Optional.of(TrafficSelector.between(NET_B, NET_A)),
                        encryption, authentication, pfs, 3600)));
    }

    static Policies policies(InetAddress peer, Phase1Proposal proposal, Phase2Policy phase2) {
        return new Policies(List.of(RemotePolicy.of(Optional.of(peer), List.of(proposal))), List.of(phase2));
    }

    /**
     * Holds back from now on the datagrams {@code which} selects, as if lost, and returns them
     * in the order they were sent, for a test to alter or deliver later with {@link #inject}.
     */
    List<Datagram> holdBack(Predicate<Datagram> which) {
        List<Datagram> held = new ArrayList<>();
        lose = d -> which.test(d) && held.add(d);
        return held;
    }

    /** Delivers {@code data} to {@code to} as a datagram from {@code from}, then pumps. */
    void inject(Peer from, Peer to, byte[] data) {
        to.engine.receive(new Datagram(data, to.endpoint(), from.endpoint()));
        pump();
    }

    /** Whether {@code d} was sent by {@code peer} and is of this ISAKMP exchange type. */
    static boolean sent(Datagram d, Peer peer, int exchangeType) {
        return d.local().equals(peer.endpoint()) && (d.data()[EXCHANGE_TYPE_OFFSET] & 0xff) == exchangeType;
    }

    /** Whether {@code d} carries an encrypted message (the E flag, RFC 2408 section 3.1). */
    static boolean encrypted(Datagram d) {
        return (d.data()[FLAGS_OFFSET] & IsakmpHeader.FLAG_ENCRYPTION) != 0;
    }

    /**
     * {@code data} with one bit flipped at {@code offset}. In an encrypted message (CBC, RFC 2408
     * section 3.5) this garbles the plaintext block holding {@code offset} and flips the same bit
     * of the next block: a forgery by someone without the keys.
     */
    static byte[] flipped(byte[] data, int offset) {
        byte[] copy = data.clone();
        copy[offset] ^= 0x01;
        return copy;
    }

    /** Delivers datagrams both ways until neither side has anything to send. */
    void pump() {
        for (int rounds = 0; rounds < 100; rounds++) {
            boolean moved = deliver(a, b) | deliver(b, a);
            if (!moved) {
                return;
            }
        }
        throw new AssertionError("the engines never fell quiet");
    }

    /** Moves time to the earliest armed timer of either side, fires it, and pumps. */
    boolean fireNextTimer() {
        Optional<Map.Entry<EngineTimer, Instant>> ta = a.sink.nextTimer();
        Optional<Map.Entry<EngineTimer, Instant>> tb = b.sink.nextTimer();
        Peer owner;
        Map.Entry<EngineTimer, Instant> next;
        if (ta.isPresent() && (tb.isEmpty() || !tb.get().getValue().isBefore(ta.get().getValue()))) {
            owner = a;
            next = ta.get();
        } else if (tb.isPresent()) {
            owner = b;
            next = tb.get();
        } else {
            return false;
        }
        clock.advanceTo(next.getValue());
        owner.sink.timers.remove(next.getKey());
        owner.engine.timerExpired(next.getKey());
        pump();
        return true;
    }

    private boolean deliver(Peer from, Peer to) {
        boolean moved = false;
        while (!from.sink.outbox.isEmpty()) {
            Datagram d = (from == a ? pathAToB : pathBToA).apply(from.sink.outbox.poll());
            moved = true;
            if (!lose.test(d)) {
                to.engine.receive(new Datagram(d.data(), d.remote(), d.local()));
            }
        }
        return moved;
    }

    static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
