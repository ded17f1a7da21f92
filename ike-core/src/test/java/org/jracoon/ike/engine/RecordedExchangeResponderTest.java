package org.jracoon.ike.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.jracoon.ike.crypto.CbcCipher;
import org.jracoon.ike.crypto.EncryptionAlgorithm;
import org.jracoon.ike.crypto.HashAlgorithm;
import org.jracoon.ike.crypto.ModpGroup;
import org.jracoon.ike.crypto.PinnedRandomSource;
import org.jracoon.ike.crypto.Prf;
import org.jracoon.ike.crypto.Secret;
import org.jracoon.ike.exchange.Authenticators;
import org.jracoon.ike.kernel.IpPrefix;
import org.jracoon.ike.kernel.SaSpec;
import org.jracoon.ike.kernel.TrafficSelector;
import org.jracoon.ike.keymat.IsakmpKeys;
import org.jracoon.ike.keymat.KatRecord;
import org.jracoon.ike.keymat.MessageProtection;
import org.jracoon.ike.keymat.Padding;
import org.jracoon.ike.message.IsakmpMessage;
import org.jracoon.ike.payload.HashPayload;
import org.jracoon.ike.payload.IdPayload;
import org.jracoon.ike.payload.IsakmpHeader;
import org.jracoon.ike.payload.IsakmpProtocolException;
import org.jracoon.ike.payload.KePayload;
import org.jracoon.ike.payload.NoncePayload;
import org.jracoon.ike.payload.SaPayload;
import org.jracoon.ike.policy.AuthMethod;
import org.jracoon.ike.policy.IpsecAuthentication;
import org.jracoon.ike.policy.IpsecEncryption;
import org.jracoon.ike.policy.Phase1Proposal;
import org.jracoon.ike.policy.Phase2Policy;
import org.jracoon.ike.policy.Policies;
import org.jracoon.ike.policy.RemotePolicy;
import org.jracoon.ike.sa.IsakmpSa;
import org.junit.jupiter.api.Test;

/**
 * Our responder fed the initiator's packets of the recorded strongSwan exchange
 * ({@code vectors/kat-psk-3des-modp1024.json}), its randomness pinned to the recorded
 * responder's (cookie, DH x_r, nonce, Quick Mode x_r and nonce) and its GETSPI to the recorded
 * SPI. It must accept MM1, MM3, MM5 and QM1, QM3, answer with the recorded public values,
 * derive the recorded keys and give the kernel the recorded KEYMAT for both directions.
 *
 * <p>Our MM6 differs from strongSwan's (racoon's ID carries UDP/500, our padding states its
 * length), so the Quick Mode IV chain after it differs: the test therefore plays the initiator
 * with the recorded Quick Mode plaintexts encrypted under the IVs our MM6 and QM2 define.
 */
class RecordedExchangeResponderTest {

    private static final InetSocketAddress INITIATOR = new InetSocketAddress(EnginePair.ADDRESS_A, 500);
    private static final InetSocketAddress RESPONDER = new InetSocketAddress(EnginePair.ADDRESS_B, 500);
    private static final CbcCipher TRIPLE_DES = EncryptionAlgorithm.TRIPLE_DES_CBC.cipher(0);
    private static final Prf PRF = HashAlgorithm.SHA1.hmac();

    @Test
    void responderAcceptsTheRecordedInitiatorAndDerivesTheRecordedKeys() throws IOException, IsakmpProtocolException {
        KatRecord kat = KatRecord.load();
        PinnedRandomSource random = new PinnedRandomSource(kat.hex("cky_r"), kat.hex("x_r"), kat.hex("nr_b"),
                kat.quickMode("x_r"), kat.quickMode("nr_b"));
        FakeKernel kernel = new FakeKernel(ByteBuffer.wrap(kat.quickMode("spi_r")).getInt());
        VirtualClock clock = new VirtualClock();
        RecordingSink sink = new RecordingSink(clock);
        IkeEngine responder = new IkeEngine(policies(), Authenticators.preSharedKeys(
                peer -> Optional.of(Secret.copyOf(kat.hex("psk"))).filter(k -> peer.equals(EnginePair.ADDRESS_A))),
                kernel, random, (InstantSource) clock, new Padding(false, false, 0, false, true), sink);

        IsakmpMessage mm2 = IsakmpMessage.decode(exchange(responder, sink, kat.packet(1)));
        assertEquals(ByteBuffer.wrap(kat.hex("cky_r")).getLong(), mm2.header().responderCookie());
        // the one transform offered comes back unchanged
        assertArrayEquals(kat.hex("sai_b"), mm2.first(SaPayload.class).orElseThrow().encodeBody());

        byte[] mm4Bytes = exchange(responder, sink, kat.packet(3));
        IsakmpMessage mm4 = IsakmpMessage.decode(mm4Bytes);
        assertArrayEquals(kat.hex("g_xr"), mm4.first(KePayload.class).orElseThrow().data().toByteArray());
        assertArrayEquals(kat.hex("nr_b"), mm4.first(NoncePayload.class).orElseThrow().data().toByteArray());

        byte[] mm6 = exchange(responder, sink, kat.packet(5));
        assertEquals(1, sink.events(EngineEvent.Phase1Established.class).size());
        assertEquals(IsakmpSa.State.ESTABLISHED, responder.isakmpSas().get(0).state());

        // the initiator's side, from the record: MM6 must decrypt and carry HASH_R over our IDir
        IsakmpKeys keys = recordedKeys(kat);
        MessageProtection initiator = MessageProtection.forIsakmpSa(TRIPLE_DES, keys.encryptionKey(),
                HashAlgorithm.SHA1, kat.hex("g_xi"), kat.hex("g_xr"), Padding.RACOON_DEFAULT, new PinnedRandomSource());
        initiator.confirm(initiator.decrypt(kat.packet(5)));
        MessageProtection.DecryptedMessage mm6Plain = initiator.decrypt(mm6);
        initiator.confirm(mm6Plain);
        IsakmpMessage mm6Message = decodeDecrypted(mm6Plain.message());
        IdPayload idir = mm6Message.first(IdPayload.class).orElseThrow();
        assertEquals(IdPayload.ofAddress(EnginePair.ADDRESS_B, 17, 500), idir);
        assertArrayEquals(keys.hashR(kat.hex("g_xi"), kat.hex("g_xr"), kat.hex("cky_i"), kat.hex("cky_r"),
                kat.hex("sai_b"), idir.encodeBody()),
                mm6Message.first(HashPayload.class).orElseThrow().data().toByteArray());

        int messageId = ByteBuffer.wrap(kat.quickMode("message_id")).getInt();
        byte[] qm2 = exchange(responder, sink, encrypt(initiator, keys.encryptionKey(), kat.packet(7),
                kat.quickMode("qm1_plaintext"),
                messageId));
        MessageProtection.DecryptedMessage qm2Plain = initiator.decrypt(qm2);
        initiator.confirm(qm2Plain);
        IsakmpMessage qm2Message = decodeDecrypted(qm2Plain.message());
        // same payloads in the same order as strongSwan's QM2, hence the same HASH(2)
        assertArrayEquals(kat.quickMode("hash2"),
                qm2Message.first(HashPayload.class).orElseThrow().data().toByteArray());
        assertArrayEquals(kat.quickMode("g_xr"), qm2Message.first(KePayload.class).orElseThrow().data().toByteArray());

        responder.receive(new Datagram(encrypt(initiator, keys.encryptionKey(), kat.packet(9),
                kat.quickMode("qm3_plaintext"), messageId), RESPONDER, INITIATOR));
        assertTrue(sink.outbox.isEmpty(), "QM3 is not answered");
        assertEquals(1, sink.events(EngineEvent.Phase2Established.class).size());
        assertTrue(sink.events(EngineEvent.Phase2Failed.class).isEmpty());

        SaSpec inbound = kernel.updated.get(0);
        SaSpec outbound = kernel.added.get(0);
        assertEquals(ByteBuffer.wrap(kat.quickMode("spi_r")).getInt(), inbound.id().spi());
        assertEquals(ByteBuffer.wrap(kat.quickMode("spi_i")).getInt(), outbound.id().spi());
        assertArrayEquals(kat.quickMode("keymat_initiator_to_responder_spi_r"), keymat(inbound));
        assertArrayEquals(kat.quickMode("keymat_responder_to_initiator_spi_i"), keymat(outbound));
        assertTrue(random.exhausted(), "every pinned responder value was used");

        // the initiator's MM3 retransmitted and its MM5 arriving late again: the stored replies, nothing new
        assertArrayEquals(mm4Bytes, exchange(responder, sink, kat.packet(3)));
        assertArrayEquals(mm6, exchange(responder, sink, kat.packet(5)));
        assertEquals(1, kernel.updated.size());
        assertEquals(1, kernel.added.size());
        assertEquals(1, responder.isakmpSas().size());
        assertEquals(1, sink.events(EngineEvent.Phase1Established.class).size());
    }

    private static Policies policies() {
        Phase1Proposal proposal = new Phase1Proposal(EncryptionAlgorithm.TRIPLE_DES_CBC, 0, HashAlgorithm.SHA1,
                AuthMethod.PRE_SHARED_KEY, ModpGroup.MODP_1024, 28800);
        RemotePolicy remote = RemotePolicy.of(Optional.of(EnginePair.ADDRESS_A), List.of(proposal)).withNonceSize(32)
                .withInitialContact(false);
        Phase2Policy sainfo = new Phase2Policy(Optional.of(TrafficSelector.between(
                new IpPrefix(EnginePair.NET_B.address(), 24), new IpPrefix(EnginePair.NET_A.address(), 24))),
                List.of(IpsecEncryption.TRIPLE_DES), List.of(IpsecAuthentication.HMAC_MD5),
                Optional.of(ModpGroup.MODP_768), 3960);
        return new Policies(List.of(remote), List.of(sainfo));
    }

    /** Gives the responder one datagram and returns the one it answers with. */
    private static byte[] exchange(IkeEngine responder, RecordingSink sink, byte[] packet) {
        responder.receive(new Datagram(packet, RESPONDER, INITIATOR));
        assertEquals(1, sink.outbox.size(), "one answer");
        return sink.outbox.poll().data();
    }

    /** A recorded plaintext (strongSwan's padding included) under the IV the responder's chain now expects. */
    private static byte[] encrypt(MessageProtection initiator, Secret key, byte[] recorded, byte[] plaintext,
            int messageId) {
        byte[] body = TRIPLE_DES.encrypt(key, initiator.iv(messageId), plaintext);
        byte[] out = Arrays.copyOf(recorded, IsakmpHeader.LENGTH + body.length);
        System.arraycopy(body, 0, out, IsakmpHeader.LENGTH, body.length);
        // the sender's chain moves to its last cipher block, as MessageProtection.decrypt of it would
        initiator.confirm(initiator.decrypt(out));
        return out;
    }

    private static IsakmpKeys recordedKeys(KatRecord kat) {
        Secret skeyid = IsakmpKeys.skeyidForPreSharedKey(PRF, Secret.copyOf(kat.hex("psk")), kat.hex("ni_b"),
                kat.hex("nr_b"));
        IsakmpKeys keys = IsakmpKeys.derive(PRF, skeyid, Secret.copyOf(kat.hex("g_xy")), kat.hex("cky_i"),
                kat.hex("cky_r"), TRIPLE_DES.keyLength());
        return keys;
    }

    private static IsakmpMessage decodeDecrypted(byte[] message) throws IsakmpProtocolException {
        IsakmpHeader header = IsakmpHeader.decode(message);
        return IsakmpMessage.decodeBody(header, message, IsakmpHeader.LENGTH, message.length - IsakmpHeader.LENGTH);
    }

    private static byte[] keymat(SaSpec sa) {
        byte[] enc = sa.encryptionKey().bytes();
        byte[] auth = sa.integrityKey().bytes();
        byte[] both = Arrays.copyOf(enc, enc.length + auth.length);
        System.arraycopy(auth, 0, both, enc.length, auth.length);
        return both;
    }
}
