package org.jracoon.pfkey;

import org.jracoon.pfkey.message.SadbDecodeException;
import org.jracoon.pfkey.message.SadbMessage;
import org.jracoon.pfkey.message.SadbMessageType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Requests and replies over one {@link PfKeySocket}. A reader thread receives every message: a
 * reply carries the request's {@code sadb_msg_seq} and {@code sadb_msg_pid} and completes the
 * waiting call; the messages of a DUMP carry the pid and are collected until the one with
 * sequence 0; everything else (another process's changes, ACQUIRE, EXPIRE) goes to the
 * listeners, on the reader thread.
 */
public final class PfKeyClient implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PfKeyClient.class);
    /** The UML test kernel answers slowly; a real one in microseconds. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    private static final int RECEIVE_BUFFER = 4 << 20;
    private static final int POLL_MILLIS = 200;

    private final PfKeySocket socket;
    private final int pid = (int) ProcessHandle.current().pid();
    private final Duration timeout;
    /** Random start: two clients in one process share the pid, so their sequences should not meet. */
    private final AtomicInteger nextSequence = new AtomicInteger(ThreadLocalRandom.current().nextInt(1, 1 << 30));
    private final ConcurrentHashMap<Integer, Pending> pending = new ConcurrentHashMap<>();
    private final Object dumpLock = new Object();
    private volatile Dump dump;
    private final List<Consumer<SadbMessage>> listeners = new CopyOnWriteArrayList<>();
    private final SocketReader reader;

    private record Pending(SadbMessageType type, CompletableFuture<SadbMessage> reply) {
    }

    private record Dump(SadbMessageType type, int sequence, BlockingQueue<SadbMessage> messages) {
    }

    /** Over a socket opened elsewhere; closing the client closes it. */
    PfKeyClient(PfKeySocket socket, Duration timeout) {
        this.socket = socket;
        this.timeout = timeout;
        this.reader = new SocketReader("pfkey-reader", this::readOnce, this::readerStopped);
    }

    public static PfKeyClient open() throws IOException {
        return open(DEFAULT_TIMEOUT);
    }

    /** @param timeout how long to wait for a reply, and between two messages of a dump */
    public static PfKeyClient open(Duration timeout) throws IOException {
        PfKeySocket socket = PfKeySocket.open();
        try {
            socket.setReceiveBufferSize(RECEIVE_BUFFER);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
        return new PfKeyClient(socket, timeout);
    }

    /** Our {@code sadb_msg_pid}: replies to our requests carry it. */
    public int pid() {
        return pid;
    }

    public void addListener(Consumer<SadbMessage> listener) {
        listeners.add(listener);
    }

    public void removeListener(Consumer<SadbMessage> listener) {
        listeners.remove(listener);
    }

    /**
     * Sends a request and waits for its reply. The request's sequence is used when not 0 (GETSPI
     * answering an ACQUIRE must carry the ACQUIRE's), else a fresh one; the pid is always ours.
     *
     * @throws PfKeyException when the kernel answers with an errno or not at all
     */
    public SadbMessage call(SadbMessage request) throws IOException {
        requireReader(request.type());
        int sequence = request.sequence() != 0 ? request.sequence() : nextSequence();
        Pending p = new Pending(request.type(), new CompletableFuture<>());
        if (pending.putIfAbsent(sequence, p) != null) {
            throw new PfKeyException(request.type(), "sequence " + sequence + " already awaits a reply");
        }
        try {
            socket.send(request.withSequence(sequence, pid));
            SadbMessage reply = p.reply().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (reply.errno() != 0) {
                throw new PfKeyException(request.type(), reply.errno());
            }
            return reply;
        } catch (TimeoutException e) {
            throw new PfKeyException(request.type(), "no reply within " + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            throw new PfKeyException(request.type(), e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PfKeyException(request.type(), "interrupted");
        } finally {
            pending.remove(sequence, p);
        }
    }

    /**
     * Runs a DUMP or X_SPDDUMP and returns every entry; an empty database (the kernel answers
     * ENOENT) gives an empty list. One dump runs at a time per client.
     */
    public List<SadbMessage> dump(SadbMessage request) throws IOException {
        if (request.type() != SadbMessageType.DUMP && request.type() != SadbMessageType.X_SPDDUMP) {
            throw new IllegalArgumentException(request.type() + " is not a dump");
        }
        synchronized (dumpLock) {
            requireReader(request.type());
            int sequence = nextSequence();
            Dump d = new Dump(request.type(), sequence, new LinkedBlockingQueue<>());
            dump = d;
            try {
                socket.send(request.withSequence(sequence, pid));
                List<SadbMessage> entries = new ArrayList<>();
                while (true) {
                    SadbMessage m = d.messages().poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
                    if (m == null) {
                        throw new PfKeyException(request.type(), "dump stalled after " + entries.size() + " entries");
                    }
                    if (m.errno() == Errno.ENOENT && entries.isEmpty()) {
                        return entries;
                    }
                    if (m.errno() != 0) {
                        throw new PfKeyException(request.type(), m.errno());
                    }
                    entries.add(m);
                    // The kernel numbers dump messages count+1 and marks the last with 0.
                    if (m.sequence() == 0) {
                        return entries;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PfKeyException(request.type(), "interrupted");
            } finally {
                dump = null;
            }
        }
    }

    private void requireReader(SadbMessageType type) throws PfKeyException {
        if (reader.isReaderThread()) {
            throw new IllegalStateException(type + " requested from a PF_KEY listener");
        }
        Optional<IOException> failure = reader.failure();
        if (failure.isPresent()) {
            throw new PfKeyException(type, "PF_KEY reader stopped: " + failure.get().getMessage());
        }
    }

    private int nextSequence() {
        int s = nextSequence.getAndIncrement();
        return s != 0 ? s : nextSequence.getAndIncrement();
    }

    private void readOnce() throws IOException {
        try {
            socket.receive(POLL_MILLIS).ifPresent(this::dispatch);
        } catch (SadbDecodeException e) {
            LOG.warn("PF_KEY: ignoring a message that does not decode: {}", e.getMessage());
        }
    }

    private void readerStopped(IOException e) {
        LOG.error("PF_KEY reader stops: {}", e.getMessage());
        pending.values().forEach(p -> p.reply().completeExceptionally(e));
    }

    private void dispatch(SadbMessage m) {
        if (m.pid() == pid) {
            Dump d = dump;
            if (d != null && m.type() == d.type() && (m.errno() == 0 || m.sequence() == d.sequence())) {
                d.messages().add(m);
                return;
            }
            Pending p = pending.get(m.sequence());
            if (p != null && p.type() == m.type() && p.reply().complete(m)) {
                return;
            }
        }
        SocketReader.deliver(listeners, m, "PF_KEY " + m.type());
    }

    /**
     * Stops the reader, then closes the socket (only then, since a closed descriptor number can be
     * reused under a reader still polling it); pending calls fail.
     */
    @Override
    public void close() {
        reader.stop();
        socket.close();
        pending.values().forEach(p -> p.reply().completeExceptionally(new IOException("PF_KEY client closed")));
    }
}
