package org.jracoon.pfkey;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The thread that reads a kernel socket for a client (PF_KEY, XFRM): it runs one bounded receive
 * and dispatch after another, so that it notices {@link #stop()}; a socket failure is recorded,
 * handed to the client and ends it. A client stops it before closing the socket, since a closed
 * descriptor number can be reused under a reader still polling it.
 */
public final class SocketReader {
    private static final Logger LOG = LoggerFactory.getLogger(SocketReader.class);

    /** One wait of at most a short poll for messages, and their dispatch. */
    @FunctionalInterface
    public interface Step {
        void readOnce() throws IOException;
    }

    private final Thread thread;
    private volatile boolean running = true;
    /** Why the reader stopped, if it did: later calls fail at once instead of waiting out a timeout. */
    private volatile IOException failure;

    /** Starts the reader; {@code onFailure} runs on it when the socket fails. */
    public SocketReader(String name, Step step, Consumer<IOException> onFailure) {
        this.thread = new Thread(() -> {
            while (running) {
                try {
                    step.readOnce();
                } catch (IOException e) {
                    if (running) {
                        failure = e;
                        onFailure.accept(e);
                    }
                    return;
                }
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
    }

    /** A request from the reader itself would wait for a reply only this thread can read. */
    public boolean isReaderThread() {
        return Thread.currentThread() == thread;
    }

    public Optional<IOException> failure() {
        return Optional.ofNullable(failure);
    }

    /** Stops the reader and waits for it, unless called from it. */
    public void stop() {
        running = false;
        if (!isReaderThread()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Hands a message to each listener; one that throws is logged and does not keep it from the others. */
    public static <T> void deliver(List<Consumer<T>> listeners, T message, String what) {
        for (Consumer<T> l : listeners) {
            try {
                l.accept(message);
            } catch (RuntimeException e) {
                LOG.error("listener failed on {}: {}", what, e.toString());
            }
        }
    }
}
