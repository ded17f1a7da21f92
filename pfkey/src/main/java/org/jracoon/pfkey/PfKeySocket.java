package org.jracoon.pfkey;

import org.jracoon.pfkey.message.SadbDecodeException;
import org.jracoon.pfkey.message.SadbMessage;

import java.io.IOException;
import java.util.Optional;

/**
 * A {@code socket(AF_KEY, SOCK_RAW, PF_KEY_V2)} (RFC 2367 section 2): each datagram is one SADB
 * message. Sending and receiving may happen on different threads; {@link #close()} must wait until
 * no thread is inside {@link #receive(int)}, since a closed descriptor number can be reused.
 */
public final class PfKeySocket implements AutoCloseable {
    private final KernelSocket socket;

    /** Over a datagram descriptor already open; tests pass one end of an AF_UNIX socket pair. */
    PfKeySocket(int fd) {
        this(new KernelSocket(fd, SadbMessage.MAX_LENGTH));
    }

    private PfKeySocket(KernelSocket socket) {
        this.socket = socket;
    }

    /** Opens a PF_KEY v2 socket; needs CAP_NET_ADMIN and a kernel with AF_KEY. */
    public static PfKeySocket open() throws IOException {
        // Large enough for any message: sadb_msg_len counts up to 65535 words.
        return new PfKeySocket(KernelSocket.open(LibC.AF_KEY, LibC.SOCK_RAW, LibC.PF_KEY_V2,
                "socket(AF_KEY, SOCK_RAW, PF_KEY_V2)", SadbMessage.MAX_LENGTH));
    }

    /** See {@link KernelSocket#setReceiveBufferSize(int)}. */
    public void setReceiveBufferSize(int bytes) throws IOException {
        socket.setReceiveBufferSize(bytes);
    }

    public void send(SadbMessage message) throws IOException {
        socket.send(message.encode(), "PF_KEY send " + message.type());
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
            return socket.receive(timeoutMillis);
        } catch (KernelSocket.ErrnoException e) {
            throw new IOException("PF_KEY " + e.getMessage());
        }
    }

    @Override
    public void close() {
        socket.close();
    }
}
