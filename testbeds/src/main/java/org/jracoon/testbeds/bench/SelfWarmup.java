package org.jracoon.testbeds.bench;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.function.Consumer;

import org.jracoon.daemon.config.NegotiatorConfig;
import org.jracoon.ike.crypto.DhKeySource;
import org.jracoon.ike.crypto.RandomSource;
import org.jracoon.ike.engine.Datagram;
import org.jracoon.ike.engine.EngineEvent;
import org.jracoon.ike.engine.EngineSink;
import org.jracoon.ike.engine.EngineTimer;
import org.jracoon.ike.engine.IkeEngine;
import org.jracoon.ike.engine.Limits;
import org.jracoon.pfkey.recording.RecordingKernel;

/**
 * Warms the generator's own JVM before a measured run without sending the responder anything:
 * Main Modes between an initiator engine and a responder engine in this process, their datagrams
 * handed over in a queue. A fresh JVM otherwise spends more CPU compiling its hot code over the
 * first negotiations than on the negotiations themselves, on the generator's one core, and the
 * cold figures would measure the generator's JIT. Nothing is lost on the queue, so no timer is
 * ever due: they are not kept.
 */
final class SelfWarmup {

    private final NegotiatorConfig initiator;
    private final InetSocketAddress initiatorAddress;
    private final InetSocketAddress responderAddress;
    private final RandomSource random;
    private final DhKeySource dhKeys;
    private final Queue<Runnable> wire = new ArrayDeque<>();
    private final IkeEngine responder;
    private IkeEngine current;
    private boolean established;

    SelfWarmup(NegotiatorConfig initiator, NegotiatorConfig responder, InetAddress local, InetAddress target,
            RandomSource random, DhKeySource dhKeys) {
        this.initiator = initiator;
        this.initiatorAddress = new InetSocketAddress(local, IkeEngine.IKE_PORT);
        this.responderAddress = new InetSocketAddress(target, IkeEngine.IKE_PORT);
        this.random = random;
        this.dhKeys = dhKeys;
        this.responder = new IkeEngine(responder.mapped().policies(), responder.authenticators(),
                new RecordingKernel(), random, dhKeys, InstantSource.system(), responder.mapped().padding(),
                sink(this::initiatorReceives, false), Limits.DEFAULT);
    }

    /** @return how many of {@code count} Main Modes ended with phase 1 up on the initiator */
    int run(int count) {
        int done = 0;
        for (int i = 0; i < count; i++) {
            established = false;
            current = new IkeEngine(initiator.mapped().policies(), initiator.authenticators(), new RecordingKernel(),
                    random, dhKeys, InstantSource.system(), initiator.mapped().padding(),
                    sink(this::responderReceives, true), Limits.DEFAULT);
            current.connect(initiatorAddress.getAddress(), responderAddress.getAddress());
            while (!established && !wire.isEmpty()) {
                wire.poll().run();
            }
            wire.clear();
            if (established) {
                done++;
            }
        }
        return done;
    }

    private void responderReceives(Datagram sent) {
        wire.add(() -> responder.receive(new Datagram(sent.data(), responderAddress, initiatorAddress)));
    }

    private void initiatorReceives(Datagram sent) {
        IkeEngine to = current;
        wire.add(() -> to.receive(new Datagram(sent.data(), initiatorAddress, responderAddress)));
    }

    /** @param onward where a datagram the engine sends is delivered */
    private EngineSink sink(Consumer<Datagram> onward, boolean initiatorSide) {
        return new EngineSink() {
            @Override
            public void send(Datagram datagram) {
                onward.accept(datagram);
            }

            @Override
            public void arm(EngineTimer timer, Duration delay) {
            }

            @Override
            public void cancel(EngineTimer timer) {
            }

            @Override
            public void event(EngineEvent event) {
                if (initiatorSide && event instanceof EngineEvent.Phase1Established) {
                    established = true;
                }
            }
        };
    }
}
