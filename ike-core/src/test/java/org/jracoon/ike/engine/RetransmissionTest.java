package org.jracoon.ike.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.jracoon.ike.crypto.ModpGroup;
import org.jracoon.ike.engine.EnginePair.Peer;
import org.jracoon.ike.kernel.IpsecMode;
import org.jracoon.ike.payload.ExchangeType;
import org.jracoon.ike.payload.IsakmpHeader;
import org.jracoon.ike.payload.IsakmpProtocolException;
import org.jracoon.ike.policy.IpsecAuthentication;
import org.jracoon.ike.policy.IpsecEncryption;
import org.junit.jupiter.api.Test;

/** Lost and repeated messages: the timer resends, a duplicate gets the stored reply, nothing is done twice. */
class RetransmissionTest {

    private static EnginePair pair() {
        return EnginePair.symmetric(EnginePair.MM_3DES_SHA1_MODP1024, List.of(IpsecEncryption.TRIPLE_DES),
                List.of(IpsecAuthentication.HMAC_MD5), Optional.of(ModpGroup.MODP_768));
    }

    @Test
    void lostMm2IsRecoveredByTheInitiatorsTimer() throws IsakmpProtocolException {
        EnginePair pair = pair();
        int[] fromB = {0};
        pair.lose = d -> d.local().equals(pair.b.endpoint()) && fromB[0]++ == 0;
        pair.a.engine.acquire(pair.a.request(pair.b, IpsecMode.TUNNEL));
        pair.pump();
        assertTrue(pair.a.sink.events.isEmpty(), "nothing established while MM2 is lost");
        assertEquals(1, pair.a.sink.sent.size());

        pair.fireNextTimer(); // A's retransmission timer
        assertArrayEquals(pair.a.sink.sent.get(0).data(), pair.a.sink.sent.get(1).data(), "MM1 sent again");
        assertArrayEquals(pair.b.sink.sent.get(0).data(), pair.b.sink.sent.get(1).data(),
                "B answered the repeated MM1 with its stored MM2");
        for (Peer p : List.of(pair.a, pair.b)) {
            assertEquals(1, p.engine.isakmpSas().size());
            assertEquals(1, p.sink.events(EngineEvent.Phase2Established.class).size());
            assertEquals(1, p.kernel.updated.size());
            assertEquals(1, p.kernel.added.size());
        }
        assertEquals(ExchangeType.IDENTITY_PROTECTION, IsakmpHeader.decode(pair.b.sink.sent.get(1).data()).exchangeType());
    }

    @Test
    void duplicateMm3LateMm5AndDuplicateQm1GetTheStoredReplies() throws IsakmpProtocolException {
        EnginePair pair = pair();
        pair.a.engine.acquire(pair.a.request(pair.b, IpsecMode.TUNNEL));
        pair.pump();
        List<Datagram> initiatorMainMode = ofExchange(pair.a, ExchangeType.IDENTITY_PROTECTION);
        List<Datagram> responderMainMode = ofExchange(pair.b, ExchangeType.IDENTITY_PROTECTION);
        List<Datagram> qm1AndQm3 = ofExchange(pair.a, ExchangeType.QUICK_MODE);
        List<Datagram> qm2 = ofExchange(pair.b, ExchangeType.QUICK_MODE);
        assertEquals(3, initiatorMainMode.size());
        assertEquals(3, responderMainMode.size());
        assertEquals(2, qm1AndQm3.size());
        assertEquals(1, qm2.size());

        assertArrayEquals(responderMainMode.get(1).data(), replyOfB(pair, initiatorMainMode.get(1)), "MM3 -> MM4");
        assertArrayEquals(responderMainMode.get(2).data(), replyOfB(pair, initiatorMainMode.get(2)), "MM5 -> MM6");
        assertArrayEquals(qm2.get(0).data(), replyOfB(pair, qm1AndQm3.get(0)), "QM1 -> QM2");
        pair.b.engine.receive(swap(qm1AndQm3.get(1)));
        assertTrue(pair.b.sink.outbox.isEmpty(), "a repeated QM3 is not answered");

        assertEquals(1, pair.b.engine.isakmpSas().size());
        assertEquals(1, pair.b.sink.events(EngineEvent.Phase1Established.class).size());
        assertEquals(1, pair.b.sink.events(EngineEvent.Phase2Established.class).size());
        assertEquals(1, pair.b.kernel.reserved.size(), "no second GETSPI");
        assertEquals(1, pair.b.kernel.updated.size());
        assertEquals(1, pair.b.kernel.added.size());
    }

    /** What B sends when handed {@code fromA} again. */
    private static byte[] replyOfB(EnginePair pair, Datagram fromA) {
        pair.b.sink.outbox.clear();
        pair.b.engine.receive(swap(fromA));
        assertEquals(1, pair.b.sink.outbox.size());
        return pair.b.sink.outbox.poll().data();
    }

    /** A datagram as the other side receives it. */
    private static Datagram swap(Datagram sent) {
        return new Datagram(sent.data(), sent.remote(), sent.local());
    }

    private static List<Datagram> ofExchange(Peer peer, int exchangeType) throws IsakmpProtocolException {
        List<Datagram> out = new java.util.ArrayList<>();
        for (Datagram d : peer.sink.sent) {
            if (IsakmpHeader.decode(d.data()).exchangeType() == exchangeType) {
                out.add(d);
            }
        }
        return out;
    }
}
