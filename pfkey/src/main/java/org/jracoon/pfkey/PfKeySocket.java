package org.jracoon.pfkey;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import com.sun.jna.NativeLong;
import com.sun.jna.ptr.IntByReference;
import org.jracoon.pfkey.message.SadbDecodeException;
import org.jracoon.pfkey.message.SadbMessage;

import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A {@code socket(AF_KEY, SOCK_RAW, PF_KEY_V2)} (RFC 2367 section 2): each datagram is one SADB
 * message. Sending and receiving may happen on different threads; {@link #close()} must wait until
 * no thread is inside {@link #receive(int)}, since a closed descriptor number can be reused.
 */
public final class PfKeySocket implements AutoCloseable {
    /** Large enough for any message: {@code sadb_msg_len} counts up to 65535 words. */
    private static final int RECEIVE_BUFFER = SadbMessage.MAX_LENGTH;

    private final int fd;
    private final Memory buffer = new Memory(RECEIVE_BUFFER);
    private final Memory pollFd = new Memory(8);
    private final AtomicBoolean closed = new AtomicBoolean();

    /** Over a datagram descriptor already open; tests pass one end of an AF_UNIX socket pair. */
    PfKeySocket(int fd) {
        this.fd = fd;
    }

    /** Opens a PF_KEY v2 socket; needs CAP_NET_ADMIN and a kernel with AF_KEY. */
    public static PfKeySocket open() throws IOException {
        try {
            return new PfKeySocket(LibC.INSTANCE.socket(LibC.AF_KEY, LibC.SOCK_RAW | LibC.SOCK_CLOEXEC, LibC.PF_KEY_V2));
        } catch (LastErrorException e) {
            throw failure("socket(AF_KEY, SOCK_RAW, PF_KEY_V2)", e);
        } catch (LinkageError e) {
            // JNA could not reach the C library: say so in one line rather than die in a class initializer.
            throw new IOException("PF_KEY needs the C library through JNA: " + e.getMessage());
        }
    }

    /**
     * Sets the kernel's receive buffer. Dumps and broadcasts of other processes' changes queue
     * there; when it is full the kernel drops messages for this socket. Root may exceed
     * {@code net.core.rmem_max} (SO_RCVBUFFORCE); others get what the limit allows.
     */
    public void setReceiveBufferSize(int bytes) throws IOException {
        try (Memory value = new Memory(4)) {
            value.setInt(0, bytes);
            try {
                LibC.INSTANCE.setsockopt(fd, LibC.SOL_SOCKET, LibC.SO_RCVBUFFORCE, value, 4);
            } catch (LastErrorException e) {
                try {
                    LibC.INSTANCE.setsockopt(fd, LibC.SOL_SOCKET, LibC.SO_RCVBUF, value, 4);
                } catch (LastErrorException e2) {
                    throw failure("setsockopt(SO_RCVBUF)", e2);
                }
            }
        }
    }

    public void send(SadbMessage message) throws IOException {
        byte[] bytes = message.encode();
        try {
            long sent = LibC.INSTANCE.send(fd, bytes, new NativeLong(bytes.length), 0).longValue();
            if (sent != bytes.length) {
                throw new IOException("PF_KEY send: " + sent + " of " + bytes.length + " bytes sent");
            }
        } catch (LastErrorException e) {
            throw failure("PF_KEY send " + message.type(), e);
        }
    }

    /**
     * Waits up to {@code timeoutMillis} (negative: forever) for one message.
     *
     * @return the message, or empty when none arrived in time
     * @throws SadbDecodeException when the datagram is not a valid message (it is consumed)
     */
    public Optional<SadbMessage> receive(int timeoutMillis) throws IOException, SadbDecodeException {
        Optional<byte[]> datagram = receiveBytes(timeoutMillis);
        return datagram.isEmpty() ? Optional.empty() : Optional.of(SadbMessage.decode(datagram.get()));
    }

    /** As {@link #receive(int)}, without decoding. */
    public Optional<byte[]> receiveBytes(int timeoutMillis) throws IOException {
        try {
            pollFd.setInt(0, fd);
            pollFd.setShort(4, LibC.POLLIN);
            pollFd.setShort(6, (short) 0);
            if (LibC.INSTANCE.poll(pollFd, new NativeLong(1), timeoutMillis) == 0) {
                return Optional.empty();
            }
            int n = (int) LibC.INSTANCE.recv(fd, buffer, new NativeLong(RECEIVE_BUFFER), 0).longValue();
            return Optional.of(buffer.getByteArray(0, n));
        } catch (LastErrorException e) {
            if (e.getErrorCode() == LibC.EINTR) {
                return Optional.empty();
            }
            throw failure("PF_KEY receive", e);
        }
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            try {
                LibC.INSTANCE.close(fd);
            } catch (LastErrorException ignored) {
                // close(2) releases the descriptor even when it reports an error
            }
            buffer.close();
            pollFd.close();
        }
    }

    private static IOException failure(String what, LastErrorException e) {
        return new IOException(what + ": " + Errno.describe(e.getErrorCode()));
    }
}
