package org.jracoon.pfkey;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import com.sun.jna.NativeLong;

import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A datagram socket to the kernel (PF_KEY, netlink) through JNA: one datagram per call, waits
 * bounded by poll(2), errno reported by name. Sending and receiving may happen on different
 * threads; {@link #close()} must wait until no thread is inside {@link #receive(int)}, since a
 * closed descriptor number can be reused.
 */
public final class KernelSocket implements AutoCloseable {
    private final int fd;
    private final int receiveBuffer;
    private final Memory buffer;
    private final Memory pollFd = new Memory(8);
    private final AtomicBoolean closed = new AtomicBoolean();

    /** Over a datagram descriptor already open; tests pass one end of an AF_UNIX socket pair. */
    public KernelSocket(int fd, int receiveBuffer) {
        this.fd = fd;
        this.receiveBuffer = receiveBuffer;
        this.buffer = new Memory(receiveBuffer);
    }

    /**
     * {@code socket(domain, type | SOCK_CLOEXEC, protocol)}; {@code what} names it in errors.
     *
     * @param receiveBuffer the largest datagram expected
     */
    public static KernelSocket open(int domain, int type, int protocol, String what, int receiveBuffer) throws IOException {
        try {
            return new KernelSocket(LibC.INSTANCE.socket(domain, type | LibC.SOCK_CLOEXEC, protocol), receiveBuffer);
        } catch (LastErrorException e) {
            throw new ErrnoException(what, e.getErrorCode());
        } catch (LinkageError e) {
            // JNA could not reach the C library: say so in one line rather than die in a class initializer.
            throw new IOException(what + " needs the C library through JNA: " + e.getMessage());
        }
    }

    public int fd() {
        return fd;
    }

    public void setInt(int level, int name, int value, String what) throws IOException {
        try (Memory v = new Memory(4)) {
            v.setInt(0, value);
            LibC.INSTANCE.setsockopt(fd, level, name, v, 4);
        } catch (LastErrorException e) {
            throw new ErrnoException("setsockopt(" + what + ")", e.getErrorCode());
        }
    }

    /**
     * Sets the kernel's receive buffer, where dumps and broadcasts queue; when it is full the
     * kernel drops messages for this socket. Root may exceed {@code net.core.rmem_max}
     * (SO_RCVBUFFORCE); others get what the limit allows.
     */
    public void setReceiveBufferSize(int bytes) throws IOException {
        try {
            setInt(LibC.SOL_SOCKET, LibC.SO_RCVBUFFORCE, bytes, "SO_RCVBUFFORCE");
        } catch (IOException e) {
            setInt(LibC.SOL_SOCKET, LibC.SO_RCVBUF, bytes, "SO_RCVBUF");
        }
    }

    public void send(byte[] bytes, String what) throws IOException {
        try {
            long sent = LibC.INSTANCE.send(fd, bytes, new NativeLong(bytes.length), 0).longValue();
            if (sent != bytes.length) {
                throw new IOException(what + ": " + sent + " of " + bytes.length + " bytes sent");
            }
        } catch (LastErrorException e) {
            throw new ErrnoException(what, e.getErrorCode());
        }
    }

    /**
     * Waits up to {@code timeoutMillis} (negative: forever) for one datagram.
     *
     * @return the datagram, or empty when none arrived in time
     * @throws ErrnoException when the kernel refuses the receive (ENOBUFS: it dropped messages)
     */
    public Optional<byte[]> receive(int timeoutMillis) throws IOException {
        try {
            pollFd.setInt(0, fd);
            pollFd.setShort(4, LibC.POLLIN);
            pollFd.setShort(6, (short) 0);
            if (LibC.INSTANCE.poll(pollFd, new NativeLong(1), timeoutMillis) == 0) {
                return Optional.empty();
            }
            // With MSG_TRUNC the datagram's real length comes back, so a cut one is seen.
            long n = LibC.INSTANCE.recv(fd, buffer, new NativeLong(receiveBuffer), LibC.MSG_TRUNC).longValue();
            if (n > receiveBuffer) {
                throw new IOException("datagram of " + n + " bytes exceeds the " + receiveBuffer + "-byte buffer");
            }
            return Optional.of(buffer.getByteArray(0, (int) n));
        } catch (LastErrorException e) {
            if (e.getErrorCode() == LibC.EINTR) {
                return Optional.empty();
            }
            throw new ErrnoException("receive", e.getErrorCode());
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

    /** A system call that failed: what was called and the errno, by name. */
    public static final class ErrnoException extends IOException {
        private final int errno;

        public ErrnoException(String what, int errno) {
            super(what + ": " + Errno.describe(errno));
            this.errno = errno;
        }

        public int errno() {
            return errno;
        }
    }
}
