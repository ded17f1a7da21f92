package org.jracoon.testbeds.bench;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.Queue;

import org.jracoon.daemon.config.NegotiatorConfig;
import org.jracoon.ike.crypto.DhKeySource;
import org.jracoon.ike.crypto.RandomSource;
import org.jracoon.ike.engine.Datagram;
import org.jracoon.ike.engine.EngineSink;
import org.jracoon.ike.engine.IkeEngine;
import org.jracoon.ike.engine.Limits;
import org.jracoon.ike.sa.IsakmpSa;
import org.jracoon.pfkey.recording.RecordingKernel;

/**
 * Warms the generator's own JVM before a measured run without sending the responder anything:
 * Main Modes between an initiator engine and a responder engine in this process, their datagrams
 * handed over in a queue. A fresh JVM otherwise compiles its hot code over the first measured
 * negotiations, on the generator's one core, and the cold figures would count the generator's JIT. Nothing is lost on the queue, so no timer is
 * ever due: they are not kept, and a Main Mode has ended when the queue is empty.
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

    SelfWarmup(NegotiatorConfig initiator, NegotiatorConfig responder, InetAddress local, InetAddress target,
            RandomSource random, DhKeySource dhKeys) {
        this.initiator = initiator;
        this.initiatorAddress = new InetSocketAddress(local, IkeEngine.IKE_PORT);
        this.responderAddress = new InetSocketAddress(target, IkeEngine.IKE_PORT);
        this.random = random;
        this.dhKeys = dhKeys;
        this.responder = new IkeEngine(responder.mapped().policies(), responder.authenticators(),
                new RecordingKernel(), random, dhKeys, InstantSource.system(), responder.mapped().padding(),
                EngineSink.datagramsOnly(this::initiatorReceives), Limits.DEFAULT);
    }

    /** @return how many of {@code count} Main Modes ended with phase 1 up on the initiator */
    int run(int count) {
        int done = 0;
        for (int i = 0; i < count; i++) {
            current = new IkeEngine(initiator.mapped().policies(), initiator.authenticators(), new RecordingKernel(),
                    random, dhKeys, InstantSource.system(), initiator.mapped().padding(),
                    EngineSink.datagramsOnly(this::responderReceives), Limits.DEFAULT);
            current.connect(initiatorAddress.getAddress(), responderAddress.getAddress());
            while (!wire.isEmpty()) {
                wire.poll().run();
            }
            if (current.isakmpSas().stream().anyMatch(IsakmpSa::established)) {
                done++;
            }
        }
        return done;
    }

    private void responderReceives(Datagram sent) {
        wire.add(() -> responder.receive(new Datagram(sent.data(), responderAddress, initiatorAddress)));
    }

    private void initiatorReceives(Datagram sent) {
        wire.add(() -> current.receive(new Datagram(sent.data(), initiatorAddress, responderAddress)));
    }
}
