package org.jracoon.daemon.interop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.locks.LockSupport;

import org.jracoon.ike.crypto.EncryptionAlgorithm;
import org.jracoon.ike.crypto.HashAlgorithm;
import org.jracoon.ike.crypto.ModpGroup;
import org.jracoon.ike.engine.EngineSink;
import org.jracoon.ike.engine.IkeEngine;
import org.jracoon.ike.engine.SaRequest;
import org.jracoon.ike.exchange.Authenticators;
import org.jracoon.ike.kernel.IpPrefix;
import org.jracoon.ike.kernel.IpsecMode;
import org.jracoon.ike.kernel.IpsecProtocol;
import org.jracoon.ike.kernel.TrafficSelector;
import org.jracoon.ike.keymat.Padding;
import org.jracoon.ike.policy.AuthMethod;
import org.jracoon.ike.policy.Phase1Proposal;
import org.jracoon.ike.policy.Policies;
import org.jracoon.ike.policy.RemotePolicy;
import org.jracoon.pfkey.recording.RecordingKernel;

/**
 * Sends MM1s that a responder accepts (aes128-sha1-modp1024 with a pre-shared key, as our own
 * engine offers it) from many source addresses, each with a fresh initiator cookie, at a paced
 * rate, and counts what comes back. The addresses must be local (the generator binds one UDP
 * socket to each); the target answers them, and they never answer MM2.
 */
final class MainModeFlood implements AutoCloseable {

    /** What a run achieved. */
    record Figures(long sent, long replies, Duration elapsed) {
        double rate() {
            return sent * 1000.0 / Math.max(1, elapsed.toMillis());
        }
    }

    private final List<DatagramChannel> sockets = new ArrayList<>();
    private final InetSocketAddress target;
    private final byte[] template;

    MainModeFlood(List<InetAddress> sources, InetSocketAddress target) {
        this.target = target;
        this.template = firstMessage(target.getAddress());
        try {
            for (InetAddress source : sources) {
                DatagramChannel channel = DatagramChannel.open();
                sockets.add(channel);
                channel.bind(new InetSocketAddress(source, 0));
                channel.configureBlocking(false);
            }
        } catch (IOException e) {
            close();
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Sends at {@code perSecond} for {@code duration}, round robin over the sources, then counts
     * the replies queued on the sources' sockets (each holds far more than the few MM2s the
     * half-open limits let through).
     */
    Figures run(int perSecond, Duration duration) throws IOException {
        Random random = new Random(9);
        byte[] packet = template.clone();
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        long sent = 0;
        for (long now = start; now < end; now = System.nanoTime()) {
            long due = (now - start) * perSecond / 1_000_000_000L;
            if (sent >= due) {
                // sleep rather than spin: in the one-CPU guest the daemon needs the time
                LockSupport.parkNanos(200_000);
                continue;
            }
            ByteBuffer.wrap(packet).putLong(0, random.nextLong() | 1);
            sockets.get((int) (sent % sockets.size())).send(ByteBuffer.wrap(packet), target);
            sent++;
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        ByteBuffer in = ByteBuffer.allocate(2048);
        long replies = 0;
        for (DatagramChannel s : sockets) {
            while (s.receive(in.clear()) != null) {
                replies++;
            }
        }
        return new Figures(sent, replies, elapsed);
    }

    /** The MM1 our own engine sends to {@code peer}: aes128-sha1-modp1024, pre-shared key, eight hours. */
    private static byte[] firstMessage(InetAddress peer) {
        Phase1Proposal proposal = new Phase1Proposal(EncryptionAlgorithm.AES_CBC, 128, HashAlgorithm.SHA1,
                AuthMethod.PRE_SHARED_KEY, ModpGroup.MODP_1024, 28800);
        List<byte[]> out = new ArrayList<>();
        EngineSink sink = EngineSink.datagramsOnly(d -> out.add(d.data()));
        Random random = new Random(3);
        IkeEngine engine = new IkeEngine(new Policies(List.of(RemotePolicy.of(Optional.of(peer), List.of(proposal))),
                List.of()), Authenticators.preSharedKeys(address -> Optional.empty()), new RecordingKernel(),
                random::nextBytes, InstantSource.system(), Padding.RACOON_DEFAULT, sink);
        InetAddress self = InetAddress.getLoopbackAddress();
        engine.acquire(new SaRequest(self, peer, TrafficSelector.between(IpPrefix.host(self), IpPrefix.host(peer)),
                IpsecProtocol.ESP, IpsecMode.TUNNEL, 0, 1));
        if (out.size() != 1) {
            throw new IllegalStateException("the engine sent " + out.size() + " datagrams for one MM1");
        }
        return out.get(0);
    }

    @Override
    public void close() {
        for (DatagramChannel s : sockets) {
            try {
                s.close();
            } catch (IOException e) {
                // closing a datagram socket we own; nothing to do about a failure
            }
        }
    }
}
