package org.jracoon.xfrm;

import com.sun.jna.Library;
import com.sun.jna.Native;
import org.jracoon.pfkey.KernelSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Reply matching by sequence, dumps until NLMSG_DONE, errors and broadcasts, on the host: the
 * client talks to one end of an AF_UNIX datagram socket pair and the test plays the kernel.
 */
class XfrmClientTest {
    interface Unix extends Library {
        Unix C = Native.load("c", Unix.class);

        int socketpair(int domain, int type, int protocol, int[] fds);
    }

    private static final int PORT = 4242;
    private static final int BUFFER = 1 << 16;

    private XfrmClient client;
    private KernelSocket kernelEnd;
    private final BlockingQueue<NetlinkMessage> unsolicited = new LinkedBlockingQueue<>();

    @BeforeEach
    void pair() {
        int[] fds = new int[2];
        assertEquals(0, Unix.C.socketpair(1, 2, 0, fds), "socketpair(AF_UNIX, SOCK_DGRAM)");
        client = new XfrmClient(new NetlinkSocket(new KernelSocket(fds[0], BUFFER), PORT), Duration.ofMillis(1500));
        kernelEnd = new KernelSocket(fds[1], BUFFER);
        client.addListener(unsolicited::add);
    }

    @AfterEach
    void close() {
        client.close();
        kernelEnd.close();
    }

    private NetlinkMessage nextRequest() throws Exception {
        List<NetlinkMessage> got = NetlinkMessage.decodeAll(kernelEnd.receive(5000).orElseThrow());
        assertEquals(1, got.size());
        return got.get(0);
    }

    /** Several messages in one datagram, as the kernel packs a dump. */
    private void answer(NetlinkMessage... messages) throws Exception {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (NetlinkMessage m : messages) {
            out.write(m.encode());
        }
        kernelEnd.send(out.toByteArray(), "kernel side");
    }

    private static NetlinkMessage error(NetlinkMessage request, int errno) {
        ByteBuffer b = XfrmWire.buffer(20).putInt(-errno).putInt(16);
        return new NetlinkMessage(NetlinkMessage.NLMSG_ERROR, 0x100, request.sequence(), PORT, b.array());
    }

    @Test
    void aReplyIsTheMessageWithOurPortAndSequenceOfTheExpectedType() throws Exception {
        CompletableFuture<NetlinkMessage> reply = CompletableFuture.supplyAsync(() -> {
            try {
                return client.call(NetlinkMessage.request(Xfrm.MSG_GETSA, 0, new byte[] {1}), Xfrm.MSG_NEWSA);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        NetlinkMessage request = nextRequest();
        assertEquals(Xfrm.MSG_GETSA, request.type());
        assertEquals(PORT, request.portId());
        assertEquals(NetlinkMessage.NLM_F_REQUEST, request.flags());
        NetlinkMessage otherPort = new NetlinkMessage(Xfrm.MSG_NEWSA, 0, request.sequence(), 77, new byte[] {2});
        NetlinkMessage otherSequence = new NetlinkMessage(Xfrm.MSG_NEWSA, 0, request.sequence() + 1, PORT, new byte[] {3});
        NetlinkMessage ours = new NetlinkMessage(Xfrm.MSG_NEWSA, 0, request.sequence(), PORT, new byte[] {4});
        answer(otherPort, otherSequence, ours);
        assertEquals(ours, reply.get(5, TimeUnit.SECONDS));
        assertEquals(otherPort, unsolicited.poll(5, TimeUnit.SECONDS));
        assertEquals(otherSequence, unsolicited.poll(5, TimeUnit.SECONDS));
    }

    @Test
    void aChangeWaitsForTheAckAndItsOwnBroadcastGoesToTheListeners() throws Exception {
        CompletableFuture<Void> done = CompletableFuture.runAsync(() -> {
            try {
                client.acknowledged(NetlinkMessage.request(Xfrm.MSG_NEWSA, 0, new byte[] {1}));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        NetlinkMessage request = nextRequest();
        assertEquals(NetlinkMessage.NLM_F_REQUEST | NetlinkMessage.NLM_F_ACK, request.flags());
        NetlinkMessage broadcast = new NetlinkMessage(Xfrm.MSG_NEWSA, 0, request.sequence(), PORT, new byte[] {1});
        answer(broadcast, error(request, 0));
        done.get(5, TimeUnit.SECONDS);
        assertEquals(broadcast, unsolicited.poll(5, TimeUnit.SECONDS));
    }

    @Test
    void anErrorIsTypedWithTheKernelsWords() throws Exception {
        CompletableFuture<Throwable> failed = CompletableFuture.supplyAsync(() -> assertThrows(NetlinkException.class,
                () -> client.acknowledged(NetlinkMessage.request(Xfrm.MSG_NEWPOLICY, 0, new byte[4]))));
        NetlinkMessage request = nextRequest();
        byte[] text = "Policy exists\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        List<NetlinkAttribute> tlvs = List.of(new NetlinkAttribute(1, text));
        ByteBuffer b = XfrmWire.buffer(20 + NetlinkAttribute.encodedLength(tlvs)).putInt(-17).putInt(16);
        b.position(20);
        NetlinkAttribute.encodeAll(b, tlvs);
        answer(new NetlinkMessage(NetlinkMessage.NLMSG_ERROR, 0x300, request.sequence(), PORT, b.array()));
        NetlinkException e = (NetlinkException) failed.get(5, TimeUnit.SECONDS);
        assertEquals(17, e.errno());
        assertEquals(Optional.of("Policy exists"), e.kernelMessage());
        assertEquals("File exists (EEXIST), the kernel says \"Policy exists\"", e.getMessage());
    }

    @Test
    void aDumpCollectsEveryPartUntilDone() throws Exception {
        CompletableFuture<List<NetlinkMessage>> dump = CompletableFuture.supplyAsync(() -> {
            try {
                return client.dump(NetlinkMessage.request(Xfrm.MSG_GETPOLICY, 0, new byte[0]), Xfrm.MSG_NEWPOLICY);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        NetlinkMessage request = nextRequest();
        assertEquals(NetlinkMessage.NLM_F_REQUEST | NetlinkMessage.NLM_F_DUMP, request.flags());
        int seq = request.sequence();
        NetlinkMessage[] parts = new NetlinkMessage[3];
        for (int i = 0; i < parts.length; i++) {
            parts[i] = new NetlinkMessage(Xfrm.MSG_NEWPOLICY, NetlinkMessage.NLM_F_MULTI, seq, PORT, new byte[] {(byte) i});
        }
        answer(parts[0], parts[1]);
        answer(parts[2], new NetlinkMessage(NetlinkMessage.NLMSG_DONE, NetlinkMessage.NLM_F_MULTI, seq, PORT, new byte[4]));
        assertEquals(List.of(parts), dump.get(5, TimeUnit.SECONDS));
    }

    @Test
    void noAnswerIsATimeoutAndGarbageIsSkipped() throws Exception {
        kernelEnd.send(new byte[] {1, 2, 3}, "kernel side");
        NetlinkException e = assertThrows(NetlinkException.class,
                () -> client.call(NetlinkMessage.request(Xfrm.MSG_GETSA, 0, new byte[0]), Xfrm.MSG_NEWSA));
        assertEquals(0, e.errno());
        assertEquals("no reply within 1500 ms", e.getMessage());
        assertTrue(unsolicited.isEmpty(), "the undecodable datagram reached no listener");
    }
}
