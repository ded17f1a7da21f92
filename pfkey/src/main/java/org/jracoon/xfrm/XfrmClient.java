package org.jracoon.xfrm;

import org.jracoon.pfkey.SocketReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Requests and replies over one NETLINK_XFRM {@link NetlinkSocket}. A reader thread receives
 * everything: a message carrying our port id and the sequence of a waiting request, of the type
 * that request expects (or NLMSG_ERROR, NLMSG_DONE), goes to that request; the rest (multicast
 * ACQUIRE, EXPIRE, changes, among them the broadcast copies of our own) goes to the listeners, on
 * the reader thread.
 */
public final class XfrmClient implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(XfrmClient.class);
    /** The UML test kernel answers slowly; a real one in microseconds. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    private static final int RECEIVE_BUFFER = 4 << 20;
    private static final int POLL_MILLIS = 200;
    private static final int NO_DATA = -1;

    private final NetlinkSocket socket;
    private final Duration timeout;
    private final AtomicInteger nextSequence = new AtomicInteger(ThreadLocalRandom.current().nextInt(1, 1 << 30));
    private final ConcurrentHashMap<Integer, Pending> pending = new ConcurrentHashMap<>();
    private final List<Consumer<NetlinkMessage>> listeners = new CopyOnWriteArrayList<>();
    private final SocketReader reader;

    /** A request in flight: the message type its data replies have ({@link #NO_DATA}: an ack only). */
    private record Pending(int replyType, BlockingQueue<NetlinkMessage> replies) {
    }

    /** Over a socket opened elsewhere; closing the client closes it. */
    XfrmClient(NetlinkSocket socket, Duration timeout) {
        this.socket = socket;
        this.timeout = timeout;
        this.reader = new SocketReader("xfrm-reader", this::readOnce,
                e -> LOG.error("XFRM reader stops: {}", e.getMessage()));
    }

    /** Opens a NETLINK_XFRM socket (needs CAP_NET_ADMIN and a kernel with xfrm_user). */
    public static XfrmClient open(Duration timeout) throws IOException {
        NetlinkSocket socket = NetlinkSocket.open(Xfrm.NETLINK_XFRM);
        try {
            socket.setReceiveBufferSize(RECEIVE_BUFFER);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
        return new XfrmClient(socket, timeout);
    }

    public int portId() {
        return socket.portId();
    }

    public void joinGroup(int group) throws IOException {
        socket.joinGroup(group);
    }

    public void addListener(Consumer<NetlinkMessage> listener) {
        listeners.add(listener);
    }

    /** Sends a request that changes something and waits for the kernel's acknowledgement. */
    public void acknowledged(NetlinkMessage request) throws IOException {
        exchange(request, NO_DATA, NetlinkMessage.NLM_F_ACK);
    }

    /** Sends a request that the kernel answers with one message of {@code replyType}. */
    public NetlinkMessage call(NetlinkMessage request, int replyType) throws IOException {
        return exchange(request, replyType, 0).orElseThrow(() -> new NetlinkException("acknowledged without an answer"));
    }

    private Optional<NetlinkMessage> exchange(NetlinkMessage request, int replyType, int extraFlags) throws IOException {
        int sequence = nextSequence();
        Pending p = begin(sequence, replyType);
        try {
            socket.send(new NetlinkMessage(request.type(), request.flags() | extraFlags, sequence, socket.portId(),
                    request.body()));
            NetlinkMessage reply = next(p, "no reply within " + timeout.toMillis() + " ms");
            if (reply.type() == NetlinkMessage.NLMSG_ERROR) {
                throwIfError(reply);
                return Optional.empty();
            }
            return Optional.of(reply);
        } finally {
            pending.remove(sequence, p);
        }
    }

    /** Runs a dump: every message of {@code replyType} until NLMSG_DONE. */
    public List<NetlinkMessage> dump(NetlinkMessage request, int replyType) throws IOException {
        int sequence = nextSequence();
        Pending p = begin(sequence, replyType);
        try {
            socket.send(new NetlinkMessage(request.type(), request.flags() | NetlinkMessage.NLM_F_DUMP, sequence,
                    socket.portId(), request.body()));
            List<NetlinkMessage> entries = new ArrayList<>();
            while (true) {
                NetlinkMessage m = next(p, "dump stalled after " + entries.size() + " entries");
                switch (m.type()) {
                    case NetlinkMessage.NLMSG_ERROR -> throwIfError(m);
                    case NetlinkMessage.NLMSG_DONE -> {
                        ByteBuffer body = m.bodyBuffer();
                        int error = body.remaining() >= 4 ? body.getInt() : 0;
                        if (error < 0) {
                            throw new NetlinkException(-error, Optional.empty());
                        }
                        return entries;
                    }
                    default -> entries.add(m);
                }
            }
        } finally {
            pending.remove(sequence, p);
        }
    }

    private Pending begin(int sequence, int replyType) throws IOException {
        if (reader.isReaderThread()) {
            throw new IllegalStateException("XFRM request from an XFRM listener");
        }
        Optional<IOException> failure = reader.failure();
        if (failure.isPresent()) {
            throw new NetlinkException("XFRM reader stopped: " + failure.get().getMessage());
        }
        Pending p = new Pending(replyType, new LinkedBlockingQueue<>());
        pending.put(sequence, p);
        return p;
    }

    private NetlinkMessage next(Pending p, String onTimeout) throws IOException {
        try {
            NetlinkMessage m = p.replies().poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (m == null) {
                throw new NetlinkException(reader.failure().map(f -> "XFRM reader stopped: " + f.getMessage()).orElse(onTimeout));
            }
            return m;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NetlinkException("interrupted");
        }
    }

    private static void throwIfError(NetlinkMessage m) throws NetlinkException {
        NetlinkError error;
        try {
            error = NetlinkError.decode(m);
        } catch (NetlinkDecodeException e) {
            throw new NetlinkException("undecodable NLMSG_ERROR: " + e.getMessage());
        }
        if (error.errno() != 0) {
            throw new NetlinkException(error.errno(), error.kernelMessage());
        }
    }

    private int nextSequence() {
        int s = nextSequence.getAndIncrement();
        return s != 0 ? s : nextSequence.getAndIncrement();
    }

    private void readOnce() throws IOException {
        try {
            Optional<byte[]> datagram = socket.receive(POLL_MILLIS);
            if (datagram.isPresent()) {
                NetlinkMessage.decodeAll(datagram.get()).forEach(this::dispatch);
            }
        } catch (NetlinkDecodeException e) {
            LOG.warn("XFRM: ignoring a datagram that does not decode: {}", e.getMessage());
        } catch (NetlinkSocket.NetlinkOverrunException e) {
            LOG.warn("XFRM: {}", e.getMessage());
        }
    }

    private void dispatch(NetlinkMessage m) {
        if (m.portId() == socket.portId()) {
            Pending p = pending.get(m.sequence());
            if (p != null && (m.type() == NetlinkMessage.NLMSG_ERROR || m.type() == NetlinkMessage.NLMSG_DONE
                    || m.type() == p.replyType())) {
                p.replies().add(m);
                return;
            }
        }
        SocketReader.deliver(listeners, m, "XFRM message type " + m.type());
    }

    /** Stops the reader, then closes the socket (only then: a closed descriptor number can be reused). */
    @Override
    public void close() {
        reader.stop();
        socket.close();
    }
}
