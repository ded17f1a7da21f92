package org.jracoon.ike.engine;

import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.jracoon.ike.engine.EnginePair.Peer;
import org.jracoon.ike.kernel.IpsecMode;
import org.jracoon.ike.policy.IpsecAuthentication;
import org.jracoon.ike.policy.IpsecEncryption;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;

/**
 * Arbitrary datagrams into an engine as responder and at each point of a negotiation with a
 * well-behaved peer: the engine must never fail internally (it logs "internal error" when a
 * step throws), and the responder's SA table must stay bounded while its timers run.
 *
 * <p>Input: octet 0 picks the {@link Stage}, octet 1 the source, the rest is the datagram. The
 * stages are two in-memory engines ({@link EnginePair}, deterministic randomness) whose
 * negotiation lost everything after a given datagram, rebuilt every {@value #REBUILD_EVERY}
 * inputs; the responder stage is one engine kept for the whole run, its virtual clock moved on
 * by {@link #TICK} per input so that half-open SAs time out as they would. Seeds
 * (IkeEngineFuzzTestInputs): what A sends in that negotiation, for every stage, and the KAT
 * packets.
 */
@Tag("fuzz")
class IkeEngineFuzzTest {

    /** What B has seen of A's negotiation (datagrams delivered before the rest were lost). */
    enum Stage {
        RESPONDER(0), AWAITING_MM3(1), AWAITING_MM5(3), AWAITING_QM1(5), ESTABLISHED(Integer.MAX_VALUE);

        final int delivered;

        Stage(int delivered) {
            this.delivered = delivered;
        }
    }

    static final int REBUILD_EVERY = 1000;
    static final Duration TICK = Duration.ofMillis(100);
    /**
     * A half-open SA lives at most through its retransmissions (racoon's defaults: 5 x 10 s) or
     * the 30 s phase-1 timeout; twice the longer, in inputs, is a bound growth would break.
     */
    static final int SA_BOUND = (int) (Duration.ofSeconds(2 * 60).toMillis() / TICK.toMillis());
    private static final int HEAP_BASELINE_AT = 20_000;

    private static final Logger IKE_LOG = (Logger) LoggerFactory.getLogger("ike");
    private static final List<String> internalErrors = new ArrayList<>();
    private static final AppenderBase<ILoggingEvent> ERRORS = new AppenderBase<>() {
        @Override
        protected void append(ILoggingEvent event) {
            if (event.getFormattedMessage().contains("internal error")) {
                internalErrors.add(event.getFormattedMessage());
            }
        }
    };

    private static final Map<Stage, EnginePair> stages = new EnumMap<>(Stage.class);
    private static EnginePair responder;
    private static long inputs;
    private static int maxResponderSas;
    private static long heapBaseline = -1;

    @BeforeAll
    static void quietLogsButInternalErrors() {
        // refusals are logged at INFO/WARN for every input; only the internal-error line matters here
        ERRORS.start();
        IKE_LOG.addAppender(ERRORS);
        IKE_LOG.setLevel(Level.ERROR);
        IKE_LOG.setAdditive(false);
    }

    @AfterAll
    static void reportAndRestoreLogs() {
        IKE_LOG.detachAppender(ERRORS);
        IKE_LOG.setLevel(null);
        IKE_LOG.setAdditive(true);
        int left = responder == null ? 0 : responder.b.engine.isakmpSas().size();
        String heap = "";
        if (heapBaseline >= 0) {
            long end = heapAfterGc();
            heap = String.format(", heap after GC %.1f MB at input %d, %.1f MB at the end", heapBaseline / 1e6,
                    HEAP_BASELINE_AT, end / 1e6);
            // the responder's SAs and the rebuilt stages are all the state there is: retained memory must not grow
            if (end - heapBaseline > 64L << 20) {
                throw new AssertionError("retained heap grew by " + (end - heapBaseline) / 1_000_000 + " MB" + heap);
            }
        }
        System.out.printf("IkeEngineFuzzTest: %d inputs, responder ISAKMP SAs %d at the end (at most %d, bound %d)%s%n",
                inputs, left, maxResponderSas, SA_BOUND, heap);
    }

    @FuzzTest
    void datagram(byte[] data) {
        if (data.length < 2) {
            return;
        }
        if (inputs++ % REBUILD_EVERY == 0) {
            rebuildStages();
        }
        if (inputs == HEAP_BASELINE_AT) {
            heapBaseline = heapAfterGc();
        }
        Stage stage = Stage.values()[(data[0] & 0xff) % Stage.values().length];
        EnginePair pair = stage == Stage.RESPONDER ? responder : stages.get(stage);
        byte[] datagram = Arrays.copyOfRange(data, 2, data.length);
        pair.b.engine.receive(new Datagram(datagram, pair.b.endpoint(), source(pair, data[1] & 0xff)));
        if (stage == Stage.RESPONDER) {
            tick(responder);
            if (inputs % 100 == 0) {
                int sas = responder.b.engine.isakmpSas().size();
                maxResponderSas = Math.max(maxResponderSas, sas);
                if (sas > SA_BOUND) {
                    throw new AssertionError(sas + " ISAKMP SAs on the responder, more than the bound " + SA_BOUND);
                }
            }
        }
        forgetOutputs(pair.b);
        if (!internalErrors.isEmpty()) {
            String first = internalErrors.get(0);
            internalErrors.clear();
            throw new AssertionError(stage + ": " + first);
        }
    }

    /** A's endpoint (the seeds' source) for most inputs, else A at the NAT-T port or another host. */
    private static InetSocketAddress source(EnginePair pair, int selector) {
        return switch (selector % 4) {
            case 0, 1 -> pair.a.endpoint();
            case 2 -> new InetSocketAddress(pair.a.address, 4500);
            default -> new InetSocketAddress(EnginePair.address("192.0.2." + (selector >> 2)), IkeEngine.IKE_PORT);
        };
    }

    static EnginePair negotiated(Stage stage) {
        EnginePair pair = EnginePair.symmetric(EnginePair.MM_3DES_SHA1_MODP1024, List.of(IpsecEncryption.TRIPLE_DES),
                List.of(IpsecAuthentication.HMAC_MD5), Optional.empty());
        if (stage == Stage.RESPONDER) {
            return pair;
        }
        AtomicInteger delivered = new AtomicInteger();
        pair.lose = d -> delivered.incrementAndGet() > stage.delivered;
        pair.a.engine.acquire(pair.a.request(pair.b, IpsecMode.TUNNEL));
        pair.pump();
        pair.lose = d -> false;
        return pair;
    }

    private static void rebuildStages() {
        if (responder == null) {
            responder = negotiated(Stage.RESPONDER);
        }
        for (Stage stage : Stage.values()) {
            if (stage != Stage.RESPONDER) {
                EnginePair pair = negotiated(stage);
                forgetOutputs(pair.a);
                forgetOutputs(pair.b);
                stages.put(stage, pair);
            }
        }
    }

    /** Moves the responder's clock on by one tick and fires the timers that fell due. */
    private static void tick(EnginePair pair) {
        Instant now = pair.clock.instant().plus(TICK);
        pair.clock.advanceTo(now);
        while (true) {
            Optional<Map.Entry<EngineTimer, Instant>> next = pair.b.sink.nextTimer();
            if (next.isEmpty() || next.get().getValue().isAfter(now)) {
                return;
            }
            pair.b.sink.timers.remove(next.get().getKey());
            pair.b.engine.timerExpired(next.get().getKey());
        }
    }

    /** Replies and events are not delivered anywhere; keeping them would be memory the test grows. */
    private static void forgetOutputs(Peer peer) {
        peer.sink.outbox.clear();
        peer.sink.sent.clear();
        peer.sink.events.clear();
    }

    private static long heapAfterGc() {
        System.gc();
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
