package org.jracoon.testbeds.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jracoon.ike.crypto.CryptoProvider;
import org.jracoon.ike.crypto.DhGroup;
import org.jracoon.ike.crypto.DhKeyPair;
import org.jracoon.ike.crypto.DhKeySource;
import org.jracoon.ike.crypto.ModpGroup;
import org.jracoon.ike.crypto.RandomSource;
import org.jracoon.ike.engine.Datagram;
import org.jracoon.ike.engine.EngineEvent;
import org.jracoon.ike.engine.EngineSink;
import org.jracoon.ike.engine.EngineTimer;
import org.jracoon.ike.engine.IkeEngine;
import org.jracoon.ike.engine.Limits;
import org.jracoon.ike.engine.SaRequest;
import org.jracoon.ike.exchange.Authenticators;
import org.jracoon.ike.keymat.Padding;
import org.jracoon.ike.policy.Policies;
import org.jracoon.pfkey.recording.RecordingKernel;

/**
 * Initiates IKEv1 negotiations against one responder, many at a time, and counts them. Each
 * negotiation is a fresh {@link IkeEngine} as initiator (so every one is a full Main Mode, not
 * a Quick Mode on an SA already up) speaking from its own UDP source port; {@code concurrency}
 * of them are in flight at once, all driven by one thread over one selector. The in-flight
 * negotiations are spread over the given source addresses: a responder rightly limits the
 * half-open SAs of one address (ours to 10, as a guard against forged MM1s), and many peers,
 * not one peer opening 32 SAs at a time, is the load a responder is built for. The engines' kernel
 * is a recording one: the generator installs nothing, only the responder does.
 *
 * <p>The generator keeps its own side cheap without changing what the responder does: every
 * negotiation has fresh cookies and nonces and the responder still gets a fresh exchange to
 * verify, but the generator's own DH key pair is made once per group and reused (g^xy is still
 * computed per negotiation, the responder's value being fresh), and a Main Mode alone is started
 * as phase 1 alone, so the engine builds no Quick Mode that would never be sent.
 *
 * <p>A negotiation counts as done when the engine reports phase 1 up (Main Mode alone: nothing
 * more is sent for it, so the responder sees no Quick Mode) or phase 2 up (with Quick Mode);
 * as failed on a failure event or when it has not finished within {@code timeout}.
 */
public final class LoadGenerator {

    /**
     * @param request what each engine is asked for (its peer is the responder); its local
     *        address is replaced by the source address of the negotiation's slot
     * @param sources the addresses the slots send from, in turn
     * @param quickMode whether a negotiation ends with phase 2 (true) or with phase 1
     */
    public record Load(Policies policies, Authenticators authenticators, Padding padding, SaRequest request,
            List<InetAddress> sources, boolean quickMode, int count, int concurrency, Duration timeout) {
        public Load {
            sources = List.copyOf(sources);
            if (sources.isEmpty()) {
                throw new IllegalArgumentException("no source address");
            }
        }
    }

    /** @param nanos from the first MM1 to the last negotiation's end */
    public record Result(int completed, int failed, long nanos) {
        public double perSecond() {
            return completed / (nanos / 1e9);
        }
    }

    private final Load load;
    private final RandomSource random;
    /** One key pair per group for all negotiations: only the responder's side must be fresh. */
    private final DhKeySource dhKeys;
    private final InstantSource clock = InstantSource.system();
    private final Selector selector;
    private final List<Slot> slots = new ArrayList<>();
    private final ByteBuffer buffer = ByteBuffer.allocate(65536);
    private int started;
    private int completed;
    private int failed;

    public LoadGenerator(Load load, RandomSource random, CryptoProvider crypto) throws IOException {
        this.load = load;
        this.random = random;
        this.dhKeys = reused(crypto);
        this.selector = Selector.open();
        for (int i = 0; i < load.concurrency(); i++) {
            InetAddress source = load.sources().get(i % load.sources().size());
            DatagramChannel channel = DatagramChannel.open();
            channel.bind(new InetSocketAddress(source, 0));
            channel.configureBlocking(false);
            SaRequest r = load.request();
            Slot slot = new Slot(channel, new SaRequest(source, r.peer(), r.selector(), r.protocol(), r.mode(),
                    r.reqid(), r.sequence()));
            channel.register(selector, SelectionKey.OP_READ, slot);
            slots.add(slot);
        }
    }

    /** A source that makes a group's key pair (a short private value, as the daemon's) once. */
    static DhKeySource reused(CryptoProvider crypto) {
        Map<DhGroup, DhKeyPair> pairs = new HashMap<>();
        return (group, random) -> pairs.computeIfAbsent(group, g -> g instanceof ModpGroup modp
                ? modp.generateShortKeyPair(random, crypto) : g.generateKeyPair(random, crypto));
    }

    /** Runs all {@code count} negotiations and closes the sockets. */
    public Result run() throws IOException {
        long start = System.nanoTime();
        try {
            slots.forEach(this::next);
            while (completed + failed < load.count()) {
                long now = System.nanoTime();
                long wait = 50;
                for (Slot slot : slots) {
                    wait = Math.min(wait, slot.due(now));
                }
                if (wait > 0) {
                    selector.select(wait);
                } else {
                    selector.selectNow();
                }
                for (SelectionKey key : selector.selectedKeys()) {
                    receive((Slot) key.attachment());
                }
                selector.selectedKeys().clear();
                now = System.nanoTime();
                for (Slot slot : slots) {
                    slot.fireTimers(now);
                }
            }
        } finally {
            close();
        }
        return new Result(completed, failed, System.nanoTime() - start);
    }

    private void receive(Slot slot) throws IOException {
        while (true) {
            buffer.clear();
            SocketAddress from = slot.channel.receive(buffer);
            if (from == null) {
                return;
            }
            if (slot.negotiation == null) {
                continue; // a late answer to a negotiation already counted
            }
            buffer.flip();
            byte[] data = new byte[buffer.remaining()];
            buffer.get(data);
            slot.negotiation.engine.receive(new Datagram(data, slot.engineLocal, (InetSocketAddress) from));
        }
    }

    /** Starts the slot's next negotiation, or leaves it idle when all have started. */
    private void next(Slot slot) {
        slot.negotiation = null;
        slot.timers.clear();
        if (started == load.count()) {
            return;
        }
        started++;
        Negotiation negotiation = new Negotiation(slot);
        slot.negotiation = negotiation;
        if (load.quickMode()) {
            negotiation.engine.acquire(slot.request);
        } else if (negotiation.engine.connect(slot.request.local(), slot.request.peer()).isPresent()) {
            negotiation.end(false); // no remote policy for the responder: the engine has logged why
        }
    }

    private void close() throws IOException {
        selector.close();
        for (Slot slot : slots) {
            slot.channel.close();
        }
    }

    /** One source address and port and the negotiation it carries now. */
    private final class Slot {
        final DatagramChannel channel;
        /** What the slot's engines are asked for: from the slot's address. */
        final SaRequest request;
        /** The address the slot's engines believe they receive on (IKE's port: they are racoons). */
        final InetSocketAddress engineLocal;
        final Map<EngineTimer, Long> timers = new HashMap<>();
        Negotiation negotiation;

        Slot(DatagramChannel channel, SaRequest request) {
            this.channel = channel;
            this.request = request;
            this.engineLocal = new InetSocketAddress(request.local(), IkeEngine.IKE_PORT);
        }

        /** Milliseconds until this slot's next timer or deadline. */
        long due(long now) {
            if (negotiation == null) {
                return Long.MAX_VALUE;
            }
            long next = negotiation.deadline;
            for (long at : timers.values()) {
                next = Math.min(next, at);
            }
            return Math.max(0, (next - now) / 1_000_000);
        }

        void fireTimers(long now) {
            if (negotiation == null) {
                return;
            }
            if (now >= negotiation.deadline) {
                negotiation.end(false);
                return;
            }
            Negotiation current = negotiation;
            for (EngineTimer timer : timers.entrySet().stream().filter(e -> e.getValue() <= now)
                    .map(Map.Entry::getKey).toList()) {
                timers.remove(timer);
                current.engine.timerExpired(timer);
                if (negotiation != current) {
                    return;
                }
            }
        }
    }

    /** One initiator engine and the outputs it gives; outputs after its end are dropped. */
    private final class Negotiation implements EngineSink {
        final Slot slot;
        final IkeEngine engine;
        final long deadline;
        boolean ended;

        Negotiation(Slot slot) {
            this.slot = slot;
            this.deadline = System.nanoTime() + load.timeout().toNanos();
            this.engine = new IkeEngine(load.policies(), load.authenticators(), new RecordingKernel(), random,
                    dhKeys, clock, load.padding(), this, Limits.DEFAULT);
        }

        void end(boolean success) {
            if (ended) {
                return;
            }
            ended = true;
            if (success) {
                completed++;
            } else {
                failed++;
            }
            next(slot);
        }

        @Override
        public void send(Datagram datagram) {
            if (ended) {
                return;
            }
            try {
                slot.channel.send(ByteBuffer.wrap(datagram.data()), datagram.remote());
            } catch (IOException e) {
                // a full socket buffer is a lost datagram: the engine's retransmission covers it
            }
        }

        @Override
        public void arm(EngineTimer timer, Duration delay) {
            if (!ended) {
                slot.timers.put(timer, System.nanoTime() + delay.toNanos());
            }
        }

        @Override
        public void cancel(EngineTimer timer) {
            if (!ended) {
                slot.timers.remove(timer);
            }
        }

        @Override
        public void event(EngineEvent event) {
            if (event instanceof EngineEvent.Phase1Established && !load.quickMode()
                    || event instanceof EngineEvent.Phase2Established) {
                end(true);
            } else if (event instanceof EngineEvent.Phase1Failed || event instanceof EngineEvent.Phase2Failed) {
                end(false);
            }
        }
    }
}
