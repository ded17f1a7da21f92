package org.jracoon.daemon.interop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

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
import org.jracoon.pfkey.LibC;
import org.jracoon.pfkey.recording.RecordingKernel;

/**
 * Sends MM1s that a responder accepts (aes128-sha1-modp1024 with a pre-shared key, as our own
 * engine offers it), each with a fresh initiator cookie and the next source address of a
 * range, through one raw IPv4 socket (IP_HDRINCL, so the sources can be forged) in batches of
 * {@value #BATCH} per sendmmsg(2): under User-Mode Linux every system call is costly, and one
 * per datagram capped the old generator at about 1 000 a second. Between batches it sleeps
 * until the next one is due (the one CPU of the guest is shared with the daemon it floods).
 *
 * <p>Replies go to the forged addresses; the caller routes them back to this namespace as local
 * addresses (an AnyIP route), where one UDP socket on the source port counts them.
 */
final class SpoofedMm1Flood implements AutoCloseable {

    static final int BATCH = 100;
    private static final int SLOT = 2048;
    /** x86-64 sizes of struct mmsghdr (a msghdr and its msg_len) and struct iovec. */
    private static final int MMSGHDR = 64;
    private static final int IOVEC = 16;
    private static final int SOCKADDR_IN = 16;
    private static final int AF_INET = 2;
    private static final int IPPROTO_RAW = 255;
    /** Where the initiator cookie sits in an ISAKMP header (RFC 2408 3.1). */
    private static final int COOKIE = 0;

    /** sendmmsg(2), which pfkey's LibC has no use for. */
    interface Sendmmsg extends Library {
        Sendmmsg INSTANCE = Native.load("c", Sendmmsg.class);

        int sendmmsg(int fd, Pointer messages, int count, int flags) throws LastErrorException;
    }

    /** What a run achieved; {@code cpu} is the sending thread's CPU time (system calls included). */
    record Figures(long sent, long calls, Duration elapsed, Duration cpu) {
        double rate() {
            return sent * 1000.0 / Math.max(1, elapsed.toMillis());
        }
    }

    private final int fd;
    private final Memory memory;
    private final byte[] template;
    private final InetSocketAddress target;
    private final int firstSource;
    private final int sources;
    private final int sourcePort;
    private final DatagramChannel replySocket;
    private final AtomicLong replies = new AtomicLong();
    private final Thread replyCounter;

    /**
     * @param firstSource the first of {@code sources} consecutive forged addresses
     * @param sourcePort the forged senders' port, where replies are counted
     */
    SpoofedMm1Flood(Inet4Address firstSource, int sources, int sourcePort, InetSocketAddress target) throws IOException {
        if (Native.POINTER_SIZE != 8) {
            throw new IOException("the sendmmsg layout here is x86-64's; this JVM has " + Native.POINTER_SIZE
                    + "-byte pointers");
        }
        this.template = firstMessage(target.getAddress());
        this.target = target;
        this.firstSource = ByteBuffer.wrap(firstSource.getAddress()).getInt();
        this.sources = sources;
        this.sourcePort = sourcePort;
        this.memory = layOut(target);
        try {
            this.fd = LibC.INSTANCE.socket(AF_INET, LibC.SOCK_RAW | LibC.SOCK_CLOEXEC, IPPROTO_RAW);
        } catch (LastErrorException e) {
            memory.close();
            throw new IOException("raw socket: " + LibC.INSTANCE.strerror(e.getErrorCode()));
        }
        try {
            this.replySocket = DatagramChannel.open().bind(new InetSocketAddress(sourcePort));
        } catch (IOException e) {
            LibC.INSTANCE.close(fd);
            memory.close();
            throw e;
        }
        this.replyCounter = new Thread(this::countReplies, "flood-replies");
        replyCounter.setDaemon(true);
        replyCounter.start();
    }

    /**
     * The fixed parts of the batch: message i's name is the shared sockaddr_in of the target,
     * its one iovec points at slot i; only the slots' contents and lengths change per batch.
     */
    private static Memory layOut(InetSocketAddress target) {
        Memory m = new Memory((long) BATCH * (MMSGHDR + IOVEC + SLOT) + SOCKADDR_IN);
        m.clear();
        long iovecs = (long) BATCH * MMSGHDR;
        long name = iovecs + (long) BATCH * IOVEC;
        long slots = name + SOCKADDR_IN;
        m.setShort(name, (short) AF_INET);
        m.getByteBuffer(name + 2, 6).order(ByteOrder.BIG_ENDIAN).putShort((short) target.getPort())
                .put(target.getAddress().getAddress());
        for (int i = 0; i < BATCH; i++) {
            long header = (long) i * MMSGHDR;
            m.setPointer(header, m.share(name));
            m.setInt(header + 8, SOCKADDR_IN);
            m.setPointer(header + 16, m.share(iovecs + (long) i * IOVEC));
            m.setLong(header + 24, 1);
            m.setPointer(iovecs + (long) i * IOVEC, m.share(slots + (long) i * SLOT));
        }
        return m;
    }

    /**
     * Sends at {@code perSecond} for at least {@code atLeast}, then on while {@code stillWanted}
     * says so, up to {@code atMost}: whole batches, each when it is due by a steady clock,
     * sleeping in between. A batch the kernel takes only in part is finished with further calls.
     */
    Figures run(int perSecond, Duration atLeast, Duration atMost, BooleanSupplier stillWanted) throws IOException {
        Random random = new Random(9);
        ByteBuffer payload = ByteBuffer.wrap(template.clone());
        Inet4Address destination = (Inet4Address) target.getAddress();
        long slots = (long) BATCH * (MMSGHDR + IOVEC) + SOCKADDR_IN;
        long cpuBefore = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        long start = System.nanoTime();
        long minimumEnd = start + atLeast.toNanos();
        long maximumEnd = start + atMost.toNanos();
        long sent = 0;
        long calls = 0;
        for (long now = start; now < minimumEnd || now < maximumEnd && stillWanted.getAsBoolean();
                now = System.nanoTime()) {
            long nextBatchDue = start + (sent + BATCH) * 1_000_000_000L / perSecond;
            if (now < nextBatchDue) {
                LockSupport.parkNanos(nextBatchDue - now);
                continue;
            }
            for (int i = 0; i < BATCH; i++) {
                payload.putLong(COOKIE, random.nextLong() | 1);
                ByteBuffer slot = memory.getByteBuffer(slots + (long) i * SLOT, SLOT).order(ByteOrder.BIG_ENDIAN);
                SpoofedDatagram.write(slot, source(sent + i), sourcePort, destination, target.getPort(),
                        payload.clear());
                memory.setLong((long) BATCH * MMSGHDR + (long) i * IOVEC + 8, slot.position());
            }
            for (int done = 0; done < BATCH; calls++) {
                try {
                    done += Sendmmsg.INSTANCE.sendmmsg(fd, memory.share((long) done * MMSGHDR), BATCH - done, 0);
                } catch (LastErrorException e) {
                    throw new IOException("sendmmsg: " + LibC.INSTANCE.strerror(e.getErrorCode()));
                }
            }
            sent += BATCH;
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        Duration cpu = Duration.ofNanos(ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpuBefore);
        return new Figures(sent, calls, elapsed, cpu);
    }

    /** The datagrams that came back to the forged senders so far. */
    long replies() {
        return replies.get();
    }

    /** The n-th forged sender, round robin over the range. */
    private Inet4Address source(long n) throws IOException {
        int address = firstSource + (int) (n % sources);
        return (Inet4Address) InetAddress.getByAddress(ByteBuffer.allocate(4).putInt(address).array());
    }

    private void countReplies() {
        ByteBuffer in = ByteBuffer.allocate(SLOT);
        try {
            while (true) {
                replySocket.receive(in.clear());
                replies.incrementAndGet();
            }
        } catch (ClosedChannelException e) {
            // closed by close(): the count is final
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
    public void close() throws IOException {
        replySocket.close();
        try {
            replyCounter.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LibC.INSTANCE.close(fd);
        memory.close();
    }
}
