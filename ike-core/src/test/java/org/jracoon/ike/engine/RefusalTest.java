package org.jracoon.ike.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import org.jracoon.ike.crypto.ModpGroup;
import org.jracoon.ike.crypto.Secret;
import org.jracoon.ike.engine.EnginePair.Peer;
import org.jracoon.ike.kernel.IpPrefix;
import org.jracoon.ike.kernel.IpsecMode;
import org.jracoon.ike.kernel.KernelEvent;
import org.jracoon.ike.kernel.Lifetime;
import org.jracoon.ike.kernel.TrafficSelector;
import org.jracoon.ike.message.IsakmpMessage;
import org.jracoon.ike.payload.DeletePayload;
import org.jracoon.ike.payload.ExchangeType;
import org.jracoon.ike.payload.IsakmpHeader;
import org.jracoon.ike.payload.IsakmpProtocolException;
import org.jracoon.ike.payload.NotifyPayload;
import org.jracoon.ike.payload.NotifyType;
import org.jracoon.ike.payload.Octets;
import org.jracoon.ike.payload.Payload;
import org.jracoon.ike.payload.ProtocolId;
import org.jracoon.ike.policy.IpsecAuthentication;
import org.jracoon.ike.policy.IpsecEncryption;
import org.jracoon.ike.policy.Phase2Policy;
import org.jracoon.ike.policy.Policies;
import org.junit.jupiter.api.Test;

/**
 * Negotiations and messages B must refuse: each leaves one warning line on its side, installs
 * nothing and removes nothing from its kernel, and B then completes a good negotiation. The
 * forged messages are real ones with a bit flipped in their encrypted part, or sent in the clear,
 * as anyone without the keys can make them; replays are real messages delivered again.
 */
class RefusalTest {

    private static final String A = "192.168.1.11[500]";
    private static final String B = "192.168.1.12[500]";
    /**
     * A bit in the second cipher block (3DES, 8 bytes) after the ISAKMP header: the block and the
     * next one both lie inside the data of the leading HASH(1) payload (4-byte payload header,
     * 20 bytes of SHA-1) of a Quick Mode or Informational message.
     */
    private static final int IN_LEADING_HASH = IsakmpHeader.LENGTH + 8;
    /** The same place in an MM5/MM6, where it garbles the ID payload or the HASH after it. */
    private static final int IN_FIRST_PAYLOADS = IsakmpHeader.LENGTH + 8;

    @Test
    void wrongPreSharedKey() {
        try (LogCapture log = new LogCapture()) {
            EnginePair pair = new EnginePair(
                    goodPolicies(EnginePair.ADDRESS_B, EnginePair.NET_A, EnginePair.NET_B, 3600),
                    Secret.copyOf("not-the-key".getBytes()), goodPolicies(EnginePair.ADDRESS_A, EnginePair.NET_B,
                            EnginePair.NET_A, 3600), EnginePair.PSK);
            pair.a.engine.acquire(pair.a.request(pair.b, IpsecMode.TUNNEL));
            pair.pump();

            List<String> refusal = log.warnings(A);
            assertEquals(1, refusal.size(), refusal.toString());
            assertTrue(refusal.get(0).contains("phase 1 with " + A + " refused: pre-shared key mismatch or forged "
                    + "packet: MM5 "), refusal.get(0));
            // an MM5 that does not prove itself may be a forgery: B waits for a valid one until its timeout
            assertEquals(1, pair.b.engine.isakmpSas().size());
            assertTrue(pair.b.sink.events(EngineEvent.Phase1Failed.class).isEmpty());

            // A hears nothing back (an unauthenticated MM5 earns no encrypted answer) and gives up on its
            // timers, B at its phase-1 timeout without a second warning
            pair.runTimersOut();
            assertEquals(refusal, log.warnings(A));
            assertTrue(pair.b.engine.isakmpSas().isEmpty());
            List<EngineEvent.Phase1Failed> failed = pair.b.sink.events(EngineEvent.Phase1Failed.class);
            assertEquals(1, failed.size());
            assertTrue(failed.get(0).reason().contains("; earlier: pre-shared key mismatch or forged packet"),
                    failed.get(0).reason());
            List<String> initiatorSide = log.warnings(B);
            assertEquals(1, initiatorSide.size(), initiatorSide.toString());
            assertEquals(1, pair.a.sink.events(EngineEvent.Phase1Failed.class).size());
            nothingInstalled(pair.a);
            nothingInstalled(pair.b);
            assertEquals(List.of(), pair.b.kernel.deleted);

            stillServes(pair, log);
        }
    }

    @Test
    void noCommonPhase1Proposal() {
        try (LogCapture log = new LogCapture()) {
            EnginePair pair = new EnginePair(
                    EnginePair.policies(EnginePair.ADDRESS_B, EnginePair.MM_AES128_SHA1_MODP2048,
                            sainfo(EnginePair.NET_A, EnginePair.NET_B, 3600)),
                    goodPolicies(EnginePair.ADDRESS_A, EnginePair.NET_B, EnginePair.NET_A, 3600));
            pair.a.engine.acquire(pair.a.request(pair.b, IpsecMode.TUNNEL));
            pair.pump();

            List<String> refusal = log.warnings(A);
            assertEquals(1, refusal.size(), refusal.toString());
            assertTrue(refusal.get(0).contains("NO-PROPOSAL-CHOSEN"), refusal.get(0));
            assertTrue(pair.b.engine.isakmpSas().isEmpty(), "no responder state for a refused MM1");
            // B said so in the clear: A logs the claim, which nothing proves, and waits on
            List<String> initiatorSide = log.warnings(B);
            assertEquals(1, initiatorSide.size(), initiatorSide.toString());
            assertTrue(initiatorSide.get(0).endsWith("phase 1 with " + B + " in doubt: peer says NO-PROPOSAL-CHOSEN "
                    + "in the clear (unauthenticated); still waiting for MM2"), initiatorSide.get(0));
            assertEquals(1, pair.a.engine.isakmpSas().size());
            nothingInstalled(pair.a);
            nothingInstalled(pair.b);
            assertEquals(new FakeKernel(0).state(), pair.b.kernel.state(), "B's kernel untouched");

            // each MM1 A resends gets the same answer from B, without a second refusal, until A gives up
            byte[] notification = pair.b.sink.sent.get(pair.b.sink.sent.size() - 1).data();
            int sentByB = pair.b.sink.sent.size();
            pair.runTimersOut();
            assertTrue(pair.b.sink.sent.size() > sentByB);
            pair.b.sink.sent.subList(sentByB, pair.b.sink.sent.size())
                    .forEach(d -> assertArrayEquals(notification, d.data()));
            assertEquals(refusal, log.warnings(A));
            assertEquals(initiatorSide, log.warnings(B));
            assertTrue(pair.a.engine.isakmpSas().isEmpty());
            List<EngineEvent.Phase1Failed> failed = pair.a.sink.events(EngineEvent.Phase1Failed.class);
            assertEquals(1, failed.size());
            assertTrue(failed.get(0).reason().endsWith("; earlier: peer says NO-PROPOSAL-CHOSEN in the clear "
                    + "(unauthenticated)"), failed.get(0).reason());
            assertTrue(pair.b.engine.isakmpSas().isEmpty());

            stillServes(pair, log);
        }
    }

    @Test
    void forgedMm5DoesNotEndPhase1() {
        EnginePair pair = goodPair();
        try (LogCapture log = new LogCapture()) {
            byte[] mm5 = heldBackOnRequest(pair, d -> EnginePair.sent(d, pair.a, ExchangeType.IDENTITY_PROTECTION)
                    && EnginePair.encrypted(d));
            pair.lose = d -> false;

            pair.inject(pair.a, pair.b, EnginePair.flipped(mm5, IN_FIRST_PAYLOADS));
            List<String> refusal = refusedAndWaiting(log, A, "MM5");
            assertEquals(1, pair.b.engine.isakmpSas().size());
            assertFalse(pair.b.engine.isakmpSas().get(0).established());

            // another forgery is dropped without a second warning
            pair.inject(pair.a, pair.b, EnginePair.flipped(mm5, IN_FIRST_PAYLOADS + 8));
            assertEquals(refusal, log.warnings(""));

            // the genuine MM5 completes phase 1, and phase 2 follows
            pair.inject(pair.a, pair.b, mm5);
            assertEquals(1, pair.b.sink.events(EngineEvent.Phase1Established.class).size());
            assertEquals(1, pair.a.sink.events(EngineEvent.Phase2Established.class).size());
            assertEquals(2, pair.b.kernel.installed().size());
            TwoEngineNegotiationTest.sameSa(pair.a.kernel.added.get(0), pair.b.kernel.updated.get(0));
            assertTrue(pair.b.sink.events(EngineEvent.Phase1Failed.class).isEmpty());
            assertEquals(refusal, log.warnings(""));
        }
    }

    @Test
    void forgedMm6DoesNotEndPhase1() {
        EnginePair pair = goodPair();
        try (LogCapture log = new LogCapture()) {
            // B's MM6 and what B sends after it under the keys (its INITIAL-CONTACT) are held back
            List<Datagram> held = pair.holdBack(d -> d.local().equals(pair.b.endpoint()) && EnginePair.encrypted(d));
            pair.a.engine.acquire(pair.a.request(pair.b, IpsecMode.TUNNEL));
            pair.pump();
            byte[] mm6 = held.get(0).data();
            pair.lose = d -> false;

            pair.inject(pair.b, pair.a, EnginePair.flipped(mm6, IN_FIRST_PAYLOADS));
            List<String> refusal = refusedAndWaiting(log, B, "MM6");
            assertFalse(pair.a.engine.isakmpSas().get(0).established());

            // A goes on resending MM5 meanwhile; B, established, answers each copy with its stored MM6
            pair.fireNextTimer();
            assertEquals(1, pair.a.sink.events(EngineEvent.Phase1Established.class).size());
            assertEquals(1, pair.a.sink.events(EngineEvent.Phase2Established.class).size());
            for (Datagram d : held) {
                pair.inject(pair.b, pair.a, d.data());
            }
            assertEquals(2, pair.a.kernel.installed().size());
            TwoEngineNegotiationTest.sameSa(pair.a.kernel.added.get(0), pair.b.kernel.updated.get(0));
            assertTrue(pair.a.sink.events(EngineEvent.Phase1Failed.class).isEmpty());
            assertEquals(refusal, log.warnings(""));
        }
    }

    @Test
    void errorNotifyInTheClearDoesNotEndMainMode() throws IsakmpProtocolException {
        EnginePair pair = goodPair();
        try (LogCapture log = new LogCapture()) {
            byte[] mm2 = heldBackOnRequest(pair, d -> EnginePair.sent(d, pair.b, ExchangeType.IDENTITY_PROTECTION)
                    && !EnginePair.encrypted(d));
            long initiatorCookie = IsakmpHeader.decode(pair.a.sink.sent.get(0).data()).initiatorCookie();
            IsakmpHeader mm1 = IsakmpHeader.of(initiatorCookie, 0, ExchangeType.IDENTITY_PROTECTION, 0, 0);
            pair.lose = d -> false;

            // anyone who saw MM1 can claim B refused it
            pair.inject(pair.b, pair.a, inTheClear(mm1, 0x0bad, NotifyPayload.of(ProtocolId.ISAKMP, cookieSpi(mm1),
                    NotifyType.NO_PROPOSAL_CHOSEN, Octets.EMPTY)));
            List<String> claim = log.warnings(B);
            assertEquals(1, claim.size(), claim.toString());
            assertTrue(claim.get(0).endsWith("phase 1 with " + B + " in doubt: peer says NO-PROPOSAL-CHOSEN in the "
                    + "clear (unauthenticated); still waiting for MM2"), claim.get(0));
            assertEquals(1, pair.a.engine.isakmpSas().size());

            // B's genuine MM2 carries the negotiation on to the end
            pair.inject(pair.b, pair.a, mm2);
            assertEquals(1, pair.a.sink.events(EngineEvent.Phase1Established.class).size());
            assertEquals(1, pair.a.sink.events(EngineEvent.Phase2Established.class).size());
            assertEquals(2, pair.a.kernel.installed().size());
            assertTrue(pair.a.sink.events(EngineEvent.Phase1Failed.class).isEmpty());
            assertEquals(claim, log.warnings(""));
        }
    }

    @Test
    void longerPhase2LifetimeUnderStrict() {
        try (LogCapture log = new LogCapture()) {
            EnginePair pair = new EnginePair(
                    goodPolicies(EnginePair.ADDRESS_B, EnginePair.NET_A, EnginePair.NET_B, 7200),
                    goodPolicies(EnginePair.ADDRESS_A, EnginePair.NET_B, EnginePair.NET_A, 3600));
            pair.a.engine.acquire(pair.a.request(pair.b, IpsecMode.TUNNEL));
            pair.pump();

            assertEquals(1, pair.b.sink.events(EngineEvent.Phase1Established.class).size());
            List<String> refusal = log.warnings("lifetime 7200 s");
            assertEquals(1, refusal.size(), refusal.toString());
            assertTrue(refusal.get(0).contains("phase 2 with " + A + " refused"), refusal.get(0));
            assertTrue(refusal.get(0).contains("(STRICT)"), refusal.get(0));
            assertEquals(1, pair.b.sink.events(EngineEvent.Phase2Failed.class).size());
            nothingInstalled(pair.b);
            assertEquals(new FakeKernel(0).state(), pair.b.kernel.state(), "B's kernel untouched");

            // the protected NO-PROPOSAL-CHOSEN ends A's Quick Mode at once
            List<EngineEvent.Phase2Failed> failed = pair.a.sink.events(EngineEvent.Phase2Failed.class);
            assertEquals(1, failed.size());
            assertEquals("peer refused with NO-PROPOSAL-CHOSEN", failed.get(0).reason());
            pair.runTimersOut();
            assertEquals(1, pair.a.sink.events(EngineEvent.Phase2Failed.class).size());
            assertEquals(1, pair.b.sink.events(EngineEvent.Phase2Failed.class).size());
            nothingInstalled(pair.a);
            // the SPI A reserved for the refused Quick Mode is given back
            assertEquals(pair.a.kernel.reserved, pair.a.kernel.deleted);

            stillServes(pair, log);
        }
    }

    @Test
    void quickModeWithAForgedHash() {
        EnginePair pair = established();
        try (LogCapture log = new LogCapture()) {
            byte[] qm1 = heldBackOnRequest(pair, d -> EnginePair.sent(d, pair.a, ExchangeType.QUICK_MODE));
            FakeKernel.State before = pair.b.kernel.state();
            int sent = pair.b.sink.sent.size();

            pair.inject(pair.a, pair.b, EnginePair.flipped(qm1, IN_LEADING_HASH));

            List<String> refusal = log.warnings(A);
            assertEquals(1, refusal.size(), refusal.toString());
            assertTrue(refusal.get(0).endsWith("phase 2 with " + A + " refused: HASH(1) mismatch "
                    + "(INVALID-HASH-INFORMATION)"), refusal.get(0));
            assertEquals(before, pair.b.kernel.state());
            assertEquals(sent, pair.b.sink.sent.size(), "a message that does not prove itself earns no answer");

            // the genuine QM1 still opens a Quick Mode with that message ID on the same engines
            log.clear();
            pair.lose = d -> false;
            pair.inject(pair.a, pair.b, qm1);
            assertEquals(2, pair.b.sink.events(EngineEvent.Phase2Established.class).size());
            assertEquals(4, pair.b.kernel.installed().size());
            assertEquals(List.of(), log.warnings(""));
        }
    }

    @Test
    void replayedQuickMode() {
        EnginePair pair = established();
        byte[] qm1 = pair.a.sink.sent.stream().filter(d -> EnginePair.sent(d, pair.a, ExchangeType.QUICK_MODE))
                .findFirst().orElseThrow().data();
        try (LogCapture log = new LogCapture()) {
            // at once, it is a retransmission: the stored QM2 goes out again, nothing is negotiated
            FakeKernel.State before = pair.b.kernel.state();
            pair.inject(pair.a, pair.b, qm1);
            assertEquals(before, pair.b.kernel.state());
            assertEquals(1, pair.b.sink.events(EngineEvent.Phase2Established.class).size());
            assertEquals(List.of(), log.warnings(""));

            // later, when its stored reply is gone (16 kept; each Quick Mode stores two), it is a replay
            for (int i = 0; i < 8; i++) {
                pair.a.engine.acquire(pair.a.request(pair.b, IpsecMode.TUNNEL));
                pair.pump();
            }
            log.clear();
            before = pair.b.kernel.state();
            int sent = pair.b.sink.sent.size();
            pair.inject(pair.a, pair.b, qm1);
            List<String> refusal = log.warnings(A);
            assertEquals(1, refusal.size(), refusal.toString());
            String mid = Integer.toHexString(ByteBuffer.wrap(qm1, 20, 4).getInt());
            assertTrue(refusal.get(0).endsWith("Quick Mode mid " + mid + " from " + A + " refused: message ID "
                    + "already used on this ISAKMP SA (replayed)"), refusal.get(0));
            assertEquals(before, pair.b.kernel.state());
            assertEquals(sent, pair.b.sink.sent.size());

            negotiatesAgain(pair, log);
        }
    }

    @Test
    void quickModeMessageOutOfOrder() {
        EnginePair pair = established();
        try (LogCapture log = new LogCapture()) {
            byte[] qm2 = heldBackOnRequest(pair, d -> EnginePair.sent(d, pair.b, ExchangeType.QUICK_MODE));
            byte[] qm1 = pair.a.sink.sent.get(pair.a.sink.sent.size() - 1).data();
            FakeKernel.State beforeA = pair.a.kernel.state();
            FakeKernel.State beforeB = pair.b.kernel.state();

            // A waits for QM2 and gets its own QM1 back, which proves nothing
            pair.inject(pair.b, pair.a, qm1);

            List<String> dropped = log.warnings(B);
            assertEquals(1, dropped.size(), dropped.toString());
            assertTrue(dropped.get(0).contains("message from " + B + " dropped, the Quick Mode goes on: "),
                    dropped.get(0));
            assertEquals(beforeA, pair.a.kernel.state());
            assertEquals(beforeB, pair.b.kernel.state());
            assertTrue(pair.a.sink.events(EngineEvent.Phase2Failed.class).isEmpty());

            // the Quick Mode it did not end completes when QM2 comes
            log.clear();
            pair.lose = d -> false;
            pair.inject(pair.b, pair.a, qm2);
            assertEquals(2, pair.a.sink.events(EngineEvent.Phase2Established.class).size());
            assertEquals(2, pair.b.sink.events(EngineEvent.Phase2Established.class).size());
            assertEquals(List.of(), log.warnings(""));
        }
    }

    @Test
    void deleteInTheClear() {
        EnginePair pair = established();
        try (LogCapture log = new LogCapture()) {
            FakeKernel.State before = pair.b.kernel.state();
            IsakmpHeader established = isakmpSa(pair);
            Payload delete = DeletePayload.of(ProtocolId.ESP, List.of(spi(pair.b.kernel.added.get(0).id().spi())));

            pair.inject(pair.a, pair.b, inTheClear(established, 0x0de1e7e, delete));

            List<String> ignored = log.warnings(A);
            assertEquals(1, ignored.size(), ignored.toString());
            assertTrue(ignored.get(0).endsWith("Informational mid de1e7e from " + A + " in the clear ignored: "
                    + "DELETE ESP (1 SPIs)"), ignored.get(0));
            assertEquals(before, pair.b.kernel.state());
            assertEquals(1, pair.b.engine.ipsecSas().size());

            negotiatesAgain(pair, log);
        }
    }

    @Test
    void deleteWithAForgedHash() {
        EnginePair pair = established();
        try (LogCapture log = new LogCapture()) {
            List<Datagram> informational = pair.holdBack(
                    d -> EnginePair.sent(d, pair.a, ExchangeType.INFORMATIONAL));
            // A's kernel ends the pair: A tells B with a protected DELETE
            pair.a.engine.expire(new KernelEvent.Expire(pair.a.kernel.updated.get(0).id(), true, Lifetime.NONE));
            pair.pump();
            assertEquals(1, informational.size());
            byte[] delete = informational.get(0).data();
            FakeKernel.State before = pair.b.kernel.state();

            pair.inject(pair.a, pair.b, EnginePair.flipped(delete, IN_LEADING_HASH));

            List<String> dropped = log.warnings(A);
            assertEquals(1, dropped.size(), dropped.toString());
            assertTrue(dropped.get(0).endsWith("from " + A + " dropped: Informational HASH(1) mismatch "
                    + "(INVALID-HASH-INFORMATION)"), dropped.get(0));
            assertEquals(before, pair.b.kernel.state());
            assertEquals(1, pair.b.engine.ipsecSas().size());

            // the same DELETE untouched removes the pair: what was refused above was the forgery
            pair.inject(pair.a, pair.b, delete);
            assertEquals(2, pair.b.kernel.deleted.size());
            assertTrue(pair.b.engine.ipsecSas().isEmpty());

            negotiatesAgain(pair, log);
        }
    }

    @Test
    void initialContactThatDoesNotProveItself() throws IsakmpProtocolException {
        EnginePair pair = established();
        try (LogCapture log = new LogCapture()) {
            // A restarts and negotiates anew; its INITIAL-CONTACT would purge the first ISAKMP SA's pair
            pair.replaceA(goodPolicies(EnginePair.ADDRESS_B, EnginePair.NET_A, EnginePair.NET_B, 3600), EnginePair.PSK);
            byte[] contact = heldBackOnRequest(pair, d -> EnginePair.sent(d, pair.a, ExchangeType.INFORMATIONAL));
            assertEquals(2, pair.b.engine.isakmpSas().size());
            FakeKernel.State before = pair.b.kernel.state();

            pair.inject(pair.a, pair.b, EnginePair.flipped(contact, IN_LEADING_HASH));
            IsakmpHeader current = IsakmpHeader.decode(contact);
            pair.inject(pair.a, pair.b, inTheClear(current, 0x1c, NotifyPayload.of(ProtocolId.ISAKMP,
                    cookieSpi(current), NotifyType.INITIAL_CONTACT, Octets.EMPTY)));

            List<String> refused = log.warnings(A);
            assertEquals(2, refused.size(), refused.toString());
            assertTrue(refused.get(0).endsWith("dropped: Informational HASH(1) mismatch (INVALID-HASH-INFORMATION)"),
                    refused.get(0));
            assertTrue(refused.get(1).endsWith("Informational mid 1c from " + A + " in the clear ignored: "
                    + "INITIAL-CONTACT"), refused.get(1));
            assertEquals(before, pair.b.kernel.state());
            assertEquals(2, pair.b.engine.isakmpSas().size());
            assertEquals(2, pair.b.engine.ipsecSas().size());

            negotiatesAgain(pair, log);

            // the genuine INITIAL-CONTACT purges the first ISAKMP SA and its pair
            pair.inject(pair.a, pair.b, contact);
            assertEquals(2, pair.b.kernel.deleted.size());
            assertEquals(1, pair.b.engine.isakmpSas().size());
        }
    }

    /** The one warning about a forged MM5/MM6 from {@code peer}: refused, and still waiting for {@code awaited}. */
    private static List<String> refusedAndWaiting(LogCapture log, String peer, String awaited) {
        List<String> refusal = log.warnings(peer);
        assertEquals(1, refusal.size(), refusal.toString());
        assertTrue(refusal.get(0).contains("phase 1 with " + peer + " refused: pre-shared key mismatch or forged "
                + "packet: "), refusal.get(0));
        assertTrue(refusal.get(0).endsWith("; still waiting for a valid " + awaited), refusal.get(0));
        return refusal;
    }

    /** A and B with good policies, nothing negotiated yet. */
    private static EnginePair goodPair() {
        return new EnginePair(goodPolicies(EnginePair.ADDRESS_B, EnginePair.NET_A, EnginePair.NET_B, 3600),
                goodPolicies(EnginePair.ADDRESS_A, EnginePair.NET_B, EnginePair.NET_A, 3600));
    }

    /** A and B with good policies and one SA pair negotiated from A and installed on both. */
    private static EnginePair established() {
        EnginePair pair = goodPair();
        pair.a.engine.acquire(pair.a.request(pair.b, IpsecMode.TUNNEL));
        pair.pump();
        assertEquals(1, pair.b.sink.events(EngineEvent.Phase2Established.class).size());
        assertEquals(2, pair.b.kernel.installed().size());
        return pair;
    }

    /** A asks for a pair; the one datagram {@code which} selects is held back and returned. */
    private static byte[] heldBackOnRequest(EnginePair pair, Predicate<Datagram> which) {
        List<Datagram> held = pair.holdBack(which);
        pair.a.engine.acquire(pair.a.request(pair.b, IpsecMode.TUNNEL));
        pair.pump();
        assertEquals(1, held.size(), held.toString());
        return held.get(0).data();
    }

    /** The same engines negotiate one more pair, from A, without a warning. */
    private static void negotiatesAgain(EnginePair pair, LogCapture log) {
        pair.lose = d -> false;
        log.clear();
        int established = pair.b.sink.events(EngineEvent.Phase2Established.class).size();
        int installed = pair.b.kernel.installed().size();
        pair.a.engine.acquire(pair.a.request(pair.b, IpsecMode.TUNNEL));
        pair.pump();
        assertEquals(established + 1, pair.b.sink.events(EngineEvent.Phase2Established.class).size());
        assertEquals(installed + 2, pair.b.kernel.installed().size());
        TwoEngineNegotiationTest.sameSa(pair.a.kernel.added.get(pair.a.kernel.added.size() - 1),
                pair.b.kernel.updated.get(pair.b.kernel.updated.size() - 1));
        assertEquals(List.of(), log.warnings(""));
    }

    /** The header of B's established ISAKMP SA with A (its cookies). */
    private static IsakmpHeader isakmpSa(EnginePair pair) {
        long initiator = pair.b.engine.isakmpSas().get(0).cookies().initiator();
        long responder = pair.b.engine.isakmpSas().get(0).cookies().responder();
        return IsakmpHeader.of(initiator, responder, ExchangeType.INFORMATIONAL, 0, 0);
    }

    /** An Informational in the clear under the cookies of {@code sa}, as anyone on the path can send. */
    private static byte[] inTheClear(IsakmpHeader sa, int messageId, Payload payload) {
        IsakmpHeader header = IsakmpHeader.of(sa.initiatorCookie(), sa.responderCookie(), ExchangeType.INFORMATIONAL,
                0, messageId);
        return new IsakmpMessage(header, List.of(payload)).encode();
    }

    private static Octets spi(int spi) {
        return Octets.of(ByteBuffer.allocate(4).putInt(spi).array());
    }

    /** The SPI naming an ISAKMP SA in a notification: its two cookies (RFC 2408 section 3.14). */
    private static Octets cookieSpi(IsakmpHeader sa) {
        return Octets.of(ByteBuffer.allocate(16).putLong(sa.initiatorCookie()).putLong(sa.responderCookie()).array());
    }

    /** A corrected A at the same address negotiates with the same B engine. */
    private static void stillServes(EnginePair pair, LogCapture log) {
        log.clear();
        pair.replaceA(goodPolicies(EnginePair.ADDRESS_B, EnginePair.NET_A, EnginePair.NET_B, 3600), EnginePair.PSK);
        int before = pair.b.kernel.installed().size();
        pair.a.engine.acquire(pair.a.request(pair.b, IpsecMode.TUNNEL));
        pair.pump();
        assertEquals(1, pair.a.sink.events(EngineEvent.Phase2Established.class).size());
        assertEquals(before + 2, pair.b.kernel.installed().size());
        TwoEngineNegotiationTest.sameSa(pair.a.kernel.added.get(0), pair.b.kernel.updated.get(0));
        assertEquals(List.of(), log.warnings(""));
    }

    private static void nothingInstalled(Peer peer) {
        assertTrue(peer.kernel.installed().isEmpty(), "no SA on " + peer.address);
        assertTrue(peer.sink.events(EngineEvent.Phase2Established.class).isEmpty());
    }

    private static Policies goodPolicies(InetAddress peer, IpPrefix ours,
            IpPrefix theirs, long phase2Lifetime) {
        return EnginePair.policies(peer, EnginePair.MM_3DES_SHA1_MODP1024, sainfo(ours, theirs, phase2Lifetime));
    }

    private static Phase2Policy sainfo(IpPrefix ours, IpPrefix theirs,
            long lifetime) {
        return new Phase2Policy(Optional.of(TrafficSelector.between(ours, theirs)), List.of(IpsecEncryption.AES_128),
                List.of(IpsecAuthentication.HMAC_SHA1), Optional.of(ModpGroup.MODP_1024), lifetime);
    }
}
