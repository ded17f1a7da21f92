package org.jracoon.setkey;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import org.jracoon.pfkey.PfKeySocket;
import org.jracoon.pfkey.message.SadbDecodeException;
import org.jracoon.pfkey.message.SadbMessage;
import org.jracoon.pfkey.message.SadbMessageType;

/**
 * setkey's conversation with the kernel over one PF_KEY socket: each request carries a fresh
 * sequence number and this process's pid, and only the replies that carry them back count; the
 * kernel's copies of other processes' changes are skipped. A dump is answered by one message per
 * entry, the last with sequence 0 (RFC 2367 section 3.1.10).
 */
final class KernelSession implements KernelChannel, AutoCloseable {
    private static final int REPLY_TIMEOUT_MILLIS = 5000;
    private static final int RECEIVE_BUFFER = 4 << 20;
    private static final int RESERVED_OFFSET = 10;

    private final PfKeySocket socket;
    private final int pid = (int) ProcessHandle.current().pid();
    private int sequence;

    private KernelSession(PfKeySocket socket) {
        this.socket = socket;
    }

    static KernelSession open() throws IOException {
        PfKeySocket socket = PfKeySocket.open();
        try {
            socket.setReceiveBufferSize(RECEIVE_BUFFER);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
        return new KernelSession(socket);
    }

    @Override
    public List<KernelReply> exchange(SadbMessage request) throws IOException {
        int seq = ++sequence;
        socket.send(request.withSequence(seq, pid));
        boolean dump = request.type() == SadbMessageType.DUMP || request.type() == SadbMessageType.X_SPDDUMP;
        List<KernelReply> replies = new ArrayList<>();
        while (true) {
            KernelReply reply = receive(request.type());
            SadbMessage m = reply.message();
            if (m.pid() != pid || m.type() != request.type()) {
                continue;
            }
            if (!dump) {
                if (m.sequence() == seq) {
                    replies.add(reply);
                    return replies;
                }
                continue;
            }
            replies.add(reply);
            if (m.errno() != 0 || m.sequence() == 0) {
                return replies;
            }
        }
    }

    /** Sends X_PROMISC and hands every message the kernel then copies to this socket to {@code sink}. */
    void watch(Consumer<KernelReply> sink) throws IOException {
        socket.send(SadbMessage.request(SadbMessageType.X_PROMISC, 1, List.of()).withSequence(++sequence, pid));
        while (true) {
            Optional<byte[]> datagram = socket.receiveBytes(-1);
            if (datagram.isPresent()) {
                decode(datagram.get()).ifPresent(sink);
            }
        }
    }

    private KernelReply receive(SadbMessageType waitingFor) throws IOException {
        while (true) {
            Optional<byte[]> datagram = socket.receiveBytes(REPLY_TIMEOUT_MILLIS);
            if (datagram.isEmpty()) {
                throw new IOException("no answer from the kernel to " + waitingFor);
            }
            Optional<KernelReply> reply = decode(datagram.get());
            if (reply.isPresent()) {
                return reply.get();
            }
        }
    }

    /** A datagram this codec cannot read is not ours to answer for: it is skipped. */
    private static Optional<KernelReply> decode(byte[] datagram) {
        try {
            SadbMessage message = SadbMessage.decode(datagram);
            int refcnt = ByteBuffer.wrap(datagram).order(ByteOrder.nativeOrder()).getShort(RESERVED_OFFSET) & 0xffff;
            return Optional.of(new KernelReply(message, refcnt));
        } catch (SadbDecodeException e) {
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        socket.close();
    }
}
