package org.jracoon.pfkey;

import com.sun.jna.Library;
import com.sun.jna.Native;
import org.jracoon.pfkey.message.AddressExtension;
import org.jracoon.pfkey.message.Sadb;
import org.jracoon.pfkey.message.SaExtension;
import org.jracoon.pfkey.message.SadbExtensionType;
import org.jracoon.pfkey.message.SadbMessage;
import org.jracoon.pfkey.message.SadbMessageType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Reply matching and listener delivery, on the host: the client talks to one end of an AF_UNIX
 * datagram socket pair and the test plays the kernel on the other.
 */
class PfKeyClientTest {

    interface Unix extends Library {
        Unix C = Native.load("c", Unix.class);

        int socketpair(int domain, int type, int protocol, int[] fds);

        int send(int fd, byte[] buf, long len, int flags);
    }

    private static final int AF_UNIX = 1;
    private static final int SOCK_DGRAM = 2;

    private PfKeyClient client;
    private PfKeySocket kernelEnd;
    private int kernelFd;
    private final BlockingQueue<SadbMessage> unsolicited = new LinkedBlockingQueue<>();

    @BeforeEach
    void pair() {
        int[] fds = new int[2];
        assertEquals(0, Unix.C.socketpair(AF_UNIX, SOCK_DGRAM, 0, fds));
        client = new PfKeyClient(new PfKeySocket(fds[0]), Duration.ofMillis(1500));
        kernelFd = fds[1];
        kernelEnd = new PfKeySocket(fds[1]);
        client.addListener(unsolicited::add);
    }

    @AfterEach
    void close() {
        client.close();
        kernelEnd.close();
    }

    private SadbMessage nextRequest() throws Exception {
        return kernelEnd.receive(5000).orElseThrow();
    }

    private static SadbMessage reply(SadbMessage request, int errno, int sequence) {
        return new SadbMessage(request.type(), errno, request.saType(), sequence, request.pid(), request.extensions());
    }

    /** Runs the kernel side on another thread while the client call blocks. */
    private interface KernelSide {
        void run() throws Exception;
    }

    private static Thread kernel(KernelSide side) {
        Thread t = new Thread(() -> {
            try {
                side.run();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        t.start();
        return t;
    }

    @Test
    void repliesMatchBySequenceAndPidWhileOthersGoToListeners() throws Exception {
        SadbMessage get = SadbMessage.request(SadbMessageType.GET, Sadb.SATYPE_ESP, List.of(SaExtension.ofSpi(0x1234),
                AddressExtension.host(SadbExtensionType.ADDRESS_DST, InetAddress.getByName("192.0.2.1"))));
        Thread k = kernel(() -> {
            SadbMessage req = nextRequest();
            assertEquals(client.pid(), req.pid());
            assertTrue(req.sequence() != 0);
            // Before the reply: an ACQUIRE, another process's message with our sequence, and ours
            // with the wrong type; none of them is the reply.
            kernelEnd.send(new SadbMessage(SadbMessageType.ACQUIRE, 0, Sadb.SATYPE_ESP, 77, 0, List.of()));
            kernelEnd.send(new SadbMessage(SadbMessageType.GET, 0, Sadb.SATYPE_ESP, req.sequence(), req.pid() + 1, List.of()));
            kernelEnd.send(new SadbMessage(SadbMessageType.ADD, 0, Sadb.SATYPE_ESP, req.sequence(), req.pid(), List.of()));
            kernelEnd.send(reply(req, 0, req.sequence()));
        });
        SadbMessage answer = client.call(get);
        k.join();
        assertEquals(get.extensions(), answer.extensions());
        assertEquals(SadbMessageType.ACQUIRE, unsolicited.poll(5, TimeUnit.SECONDS).type());
        assertEquals(client.pid() + 1, unsolicited.poll(5, TimeUnit.SECONDS).pid());
        assertEquals(SadbMessageType.ADD, unsolicited.poll(5, TimeUnit.SECONDS).type());
    }

    @Test
    void anErrnoInTheReplyIsATypedError() throws Exception {
        Thread k = kernel(() -> {
            SadbMessage req = nextRequest();
            kernelEnd.send(reply(req, Errno.EEXIST, req.sequence()));
        });
        PfKeyException e = assertThrows(PfKeyException.class,
                () -> client.call(SadbMessage.request(SadbMessageType.ADD, Sadb.SATYPE_ESP, List.of())));
        k.join();
        assertEquals(SadbMessageType.ADD, e.request());
        assertEquals(Errno.EEXIST, e.errno());
        assertEquals("ADD: File exists (EEXIST)", e.getMessage());
    }

    @Test
    void noReplyIsATimeoutNamingTheRequest() {
        PfKeyException e = assertThrows(PfKeyException.class,
                () -> client.call(SadbMessage.request(SadbMessageType.X_SPDFLUSH, 0, List.of())));
        assertEquals(0, e.errno());
        assertTrue(e.getMessage().startsWith("X_SPDFLUSH: no reply within"), e.getMessage());
    }

    @Test
    void dumpsCollectUntilSequenceZeroAndEmptyIsEnoent() throws Exception {
        Thread k = kernel(() -> {
            SadbMessage req = nextRequest();
            // As Linux numbers them: count+1, the last one 0.
            for (int seq : new int[] {3, 2, 0}) {
                kernelEnd.send(new SadbMessage(SadbMessageType.DUMP, 0, Sadb.SATYPE_ESP, seq, req.pid(),
                        List.of(SaExtension.ofSpi(seq + 100))));
            }
            SadbMessage empty = nextRequest();
            kernelEnd.send(reply(empty, Errno.ENOENT, empty.sequence()));
        });
        List<SadbMessage> three = client.dump(SadbMessage.request(SadbMessageType.DUMP, 0, List.of()));
        List<SadbMessage> none = client.dump(SadbMessage.request(SadbMessageType.X_SPDDUMP, 0, List.of()));
        k.join();
        assertEquals(List.of(103, 102, 100), three.stream()
                .map(m -> m.extension(SadbExtensionType.SA, SaExtension.class).orElseThrow().spi()).toList());
        assertEquals(List.of(), none);
    }

    @Test
    void aDatagramThatDoesNotDecodeIsSkipped() throws Exception {
        Thread k = kernel(() -> {
            SadbMessage req = nextRequest();
            byte[] junk = {2, 5, 0, 3, 9, 0, 0, 0, 1, 0, 0, 0};
            Unix.C.send(kernelFd, junk, junk.length, 0);
            kernelEnd.send(reply(req, 0, req.sequence()));
        });
        SadbMessage answer = client.call(SadbMessage.request(SadbMessageType.REGISTER, Sadb.SATYPE_AH, List.of()));
        k.join();
        assertNotNull(answer);
        assertEquals(SadbMessageType.REGISTER, answer.type());
    }
}
