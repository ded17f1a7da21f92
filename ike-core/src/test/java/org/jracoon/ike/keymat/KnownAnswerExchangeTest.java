package org.jracoon.ike.keymat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.jracoon.ike.crypto.CbcCipher;
import org.jracoon.ike.crypto.DhKeyPair;
import org.jracoon.ike.crypto.EncryptionAlgorithm;
import org.jracoon.ike.crypto.HashAlgorithm;
import org.jracoon.ike.crypto.ModpGroup;
import org.jracoon.ike.crypto.PinnedRandomSource;
import org.jracoon.ike.crypto.Prf;
import org.jracoon.ike.crypto.Secret;
import org.jracoon.ike.keymat.MessageProtection.DecryptedMessage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Replays the recorded strongSwan exchange of {@code vectors/kat-psk-3des-modp1024.json}: from
 * the PSK, cookies, nonces, DH private values and SA payload every derived value, every
 * decrypted message and every hash must equal the record.
 */
class KnownAnswerExchangeTest {

    private static final int ESP = 3;
    private static final int MM5 = 5;
    private static final int MM6 = 6;
    private static final int QM1 = 7;
    private static final int QM2 = 8;
    private static final int QM3 = 9;

    private static KatRecord kat;
    private static final Prf PRF = HashAlgorithm.SHA1.hmac();
    private static final CbcCipher TRIPLE_DES = EncryptionAlgorithm.TRIPLE_DES_CBC.cipher(0);

    @BeforeAll
    static void loadRecord() throws IOException {
        kat = KatRecord.load();
    }

    @Test
    void diffieHellmanFromPinnedPrivateValues() {
        DhKeyPair initiator = ModpGroup.MODP_1024.generateKeyPair(new PinnedRandomSource(kat.hex("x_i")));
        DhKeyPair responder = ModpGroup.MODP_1024.generateKeyPair(new PinnedRandomSource(kat.hex("x_r")));
        assertArrayEquals(kat.hex("g_xi"), initiator.publicValue());
        assertArrayEquals(kat.hex("g_xr"), responder.publicValue());
        // and they are what went on the wire in the KE payloads of MM3/MM4
        assertArrayEquals(initiator.publicValue(), keBody(kat.packet(3)));
        assertArrayEquals(responder.publicValue(), keBody(kat.packet(4)));
        assertArrayEquals(kat.hex("g_xy"), initiator.agree(responder.publicValue()).extract());
        assertArrayEquals(kat.hex("g_xy"), responder.agree(initiator.publicValue()).extract());
    }

    @Test
    void skeyidFamilyAndEncryptionKey() {
        IsakmpKeys keys = deriveKeys();
        assertArrayEquals(kat.hex("skeyid"), keys.skeyid().extract());
        assertArrayEquals(kat.hex("skeyid_d"), keys.skeyidD().extract());
        assertArrayEquals(kat.hex("skeyid_a"), keys.skeyidA().extract());
        assertArrayEquals(kat.hex("skeyid_e"), keys.skeyidE().extract());
        assertArrayEquals(kat.hex("ka_3des_key"), keys.encryptionKey().extract());
        // 24 key bytes from a 20-byte SKEYID_e: Ka is K1 | K2 cut to 24 (RFC 2409 appendix B)
        byte[] k1k2 = concat(kat.hexIn("ka_expansion", "K1"), kat.hexIn("ka_expansion", "K2"));
        assertArrayEquals(Arrays.copyOf(k1k2, 24), keys.encryptionKey().extract());
    }

    @Test
    void mainModeDecryptionIvChainAndAuthenticationHashes() {
        IsakmpKeys keys = deriveKeys();
        MessageProtection protection = protection(keys);
        assertArrayEquals(kat.hex("iv_phase1"), protection.iv(0));

        byte[] mm5 = decryptAndConfirm(protection, MM5);
        assertArrayEquals(kat.hex("mm5_plaintext_with_padding"), body(mm5));
        assertArrayEquals(kat.hex("iv_mm6"), protection.iv(0));
        byte[] mm6 = decryptAndConfirm(protection, MM6);
        assertArrayEquals(kat.hex("mm6_plaintext_with_padding"), body(mm6));
        assertArrayEquals(kat.hex("phase1_last_cbc_block"), protection.iv(0));

        PayloadChain mm5Payloads = PayloadChain.ofMessage(mm5);
        PayloadChain mm6Payloads = PayloadChain.ofMessage(mm6);
        assertArrayEquals(kat.hex("idii_b"), mm5Payloads.first(PayloadChain.ID).body(mm5));
        assertArrayEquals(kat.hex("idir_b"), mm6Payloads.first(PayloadChain.ID).body(mm6));

        byte[] hashI = keys.hashI(kat.hex("g_xi"), kat.hex("g_xr"), kat.hex("cky_i"), kat.hex("cky_r"),
                kat.hex("sai_b"), kat.hex("idii_b"));
        byte[] hashR = keys.hashR(kat.hex("g_xi"), kat.hex("g_xr"), kat.hex("cky_i"), kat.hex("cky_r"),
                kat.hex("sai_b"), kat.hex("idir_b"));
        assertArrayEquals(kat.hex("hash_i"), hashI);
        assertArrayEquals(kat.hex("hash_r"), hashR);
        assertArrayEquals(hashI, mm5Payloads.first(PayloadChain.HASH).body(mm5));
        assertArrayEquals(hashR, mm6Payloads.first(PayloadChain.HASH).body(mm6));
    }

    @Test
    void quickModeDecryptionPerMessageIdIvAndHashes() {
        IsakmpKeys keys = deriveKeys();
        MessageProtection protection = protectionAfterMainMode(keys);
        int messageId = ByteBuffer.wrap(kat.quickMode("message_id")).getInt();

        assertArrayEquals(kat.quickMode("iv_qm1"), protection.iv(messageId));
        byte[] qm1 = decryptAndConfirm(protection, QM1);
        assertArrayEquals(kat.quickMode("qm1_plaintext"), body(qm1));
        assertArrayEquals(kat.quickMode("iv_qm2"), protection.iv(messageId));
        byte[] qm2 = decryptAndConfirm(protection, QM2);
        assertArrayEquals(kat.quickMode("qm2_plaintext"), body(qm2));
        assertArrayEquals(kat.quickMode("iv_qm3"), protection.iv(messageId));
        byte[] qm3 = decryptAndConfirm(protection, QM3);
        assertArrayEquals(kat.quickMode("qm3_plaintext"), body(qm3));
        // a Quick Mode chain leaves the phase-1 chain alone
        assertArrayEquals(kat.hex("phase1_last_cbc_block"), protection.iv(0));

        byte[] ni = kat.quickMode("ni_b");
        byte[] nr = kat.quickMode("nr_b");
        PayloadChain qm1Payloads = PayloadChain.ofMessage(qm1);
        PayloadChain qm2Payloads = PayloadChain.ofMessage(qm2);
        assertArrayEquals(ni, qm1Payloads.first(PayloadChain.NONCE).body(qm1));
        assertArrayEquals(nr, qm2Payloads.first(PayloadChain.NONCE).body(qm2));

        byte[] hash1 = keys.hash1(messageId, afterHash(qm1, qm1Payloads));
        byte[] hash2 = keys.hash2(messageId, ni, afterHash(qm2, qm2Payloads));
        byte[] hash3 = keys.hash3(messageId, ni, nr);
        assertArrayEquals(kat.quickMode("hash1"), hash1);
        assertArrayEquals(kat.quickMode("hash2"), hash2);
        assertArrayEquals(kat.quickMode("hash3"), hash3);
        assertArrayEquals(hash1, qm1Payloads.first(PayloadChain.HASH).body(qm1));
        assertArrayEquals(hash2, qm2Payloads.first(PayloadChain.HASH).body(qm2));
        assertArrayEquals(hash3, PayloadChain.ofMessage(qm3).first(PayloadChain.HASH).body(qm3));
    }

    @Test
    void keymatBothDirectionsWithPfs() {
        IsakmpKeys keys = deriveKeys();
        assertEquals(1, kat.quickModeInt("pfs_group"));
        DhKeyPair initiator = ModpGroup.MODP_768.generateKeyPair(new PinnedRandomSource(kat.quickMode("x_i")));
        DhKeyPair responder = ModpGroup.MODP_768.generateKeyPair(new PinnedRandomSource(kat.quickMode("x_r")));
        assertArrayEquals(kat.quickMode("g_xi"), initiator.publicValue());
        assertArrayEquals(kat.quickMode("g_xr"), responder.publicValue());
        Secret gxy = initiator.agree(responder.publicValue());
        assertArrayEquals(kat.quickMode("g_xy"), gxy.extract());
        assertArrayEquals(gxy.extract(), responder.agree(initiator.publicValue()).extract());

        assertEquals(ESP, kat.quickModeInt("protocol"));
        byte[] ni = kat.quickMode("ni_b");
        byte[] nr = kat.quickMode("nr_b");
        // 40 bytes = 3DES key (24) + HMAC-MD5 key (16): two PRF blocks and a piece of a third
        Secret toResponder = keys.keymatWithPfs(gxy, ESP, kat.quickMode("spi_r"), ni, nr, 40);
        Secret toInitiator = keys.keymatWithPfs(gxy, ESP, kat.quickMode("spi_i"), ni, nr, 40);
        assertArrayEquals(kat.quickMode("keymat_initiator_to_responder_spi_r"), toResponder.extract());
        assertArrayEquals(kat.quickMode("keymat_responder_to_initiator_spi_i"), toInitiator.extract());
    }

    @Test
    void recordedPlaintextsEncryptBackToTheRecordedCiphertexts() {
        IsakmpKeys keys = deriveKeys();
        MessageProtection protection = protection(keys);
        int messageId = ByteBuffer.wrap(kat.quickMode("message_id")).getInt();
        byte[][] plaintexts = {kat.hex("mm5_plaintext_with_padding"), kat.hex("mm6_plaintext_with_padding"),
                kat.quickMode("qm1_plaintext"), kat.quickMode("qm2_plaintext"), kat.quickMode("qm3_plaintext")};
        int[] packets = {MM5, MM6, QM1, QM2, QM3};
        for (int i = 0; i < packets.length; i++) {
            byte[] recorded = kat.packet(packets[i]);
            byte[] iv = protection.iv(i < 2 ? 0 : messageId);
            // strongSwan's padding is already in the recorded plaintext: encrypt it as it is
            byte[] ciphertext = TRIPLE_DES.encrypt(keys.encryptionKey(), iv, plaintexts[i]);
            assertArrayEquals(body(recorded), ciphertext, "packet " + packets[i]);
            protection.confirm(protection.decrypt(recorded));
        }
    }

    @Test
    void mm5EncryptedWithRacoonPaddingMatchesUpToThePaddedBlock() {
        IsakmpKeys keys = deriveKeys();
        byte[] recorded = kat.packet(MM5);
        byte[] plaintext = kat.hex("mm5_plaintext_with_padding");
        byte[] message = concat(Arrays.copyOf(recorded, MessageProtection.HEADER_LENGTH), plaintext);
        int payloadEnd = PayloadChain.ofMessage(message).end();
        byte[] unpadded = Arrays.copyOf(message, payloadEnd);
        unpadded[19] = 0; // flags: the E bit is encryption's business

        Padding zeros = new Padding(false, false, 0, false, true);
        MessageProtection initiator = MessageProtection.forIsakmpSa(TRIPLE_DES, keys.encryptionKey(),
                HashAlgorithm.SHA1, kat.hex("g_xi"), kat.hex("g_xr"), zeros, new PinnedRandomSource());
        byte[] encrypted = initiator.encrypt(unpadded);

        assertEquals(recorded.length, encrypted.length, "same pad length as strongSwan: 1 to 8 bytes");
        // header (with E bit and length) and every block before the padded one are strongSwan's bytes
        int lastBlock = encrypted.length - 8;
        assertArrayEquals(Arrays.copyOf(recorded, lastBlock), Arrays.copyOf(encrypted, lastBlock));
        // the last block differs only because racoon states the pad length in the last byte
        MessageProtection responder = protection(keys);
        byte[] decrypted = responder.decrypt(encrypted).message();
        assertArrayEquals(body(unpadded), Arrays.copyOfRange(decrypted, MessageProtection.HEADER_LENGTH, payloadEnd));
        int padLength = decrypted.length - payloadEnd;
        assertEquals(padLength - 1, decrypted[decrypted.length - 1]);
        assertTrue(padLength > 1, "the recorded MM5 pads more than the length byte");
        // the sender's chain moved to its own last cipher block
        assertArrayEquals(Arrays.copyOfRange(encrypted, lastBlock, encrypted.length), initiator.iv(0));
    }

    private static IsakmpKeys deriveKeys() {
        Secret skeyid = IsakmpKeys.skeyidForPreSharedKey(PRF, Secret.copyOf(kat.hex("psk")), kat.hex("ni_b"),
                kat.hex("nr_b"));
        return IsakmpKeys.derive(PRF, skeyid, Secret.copyOf(kat.hex("g_xy")), kat.hex("cky_i"), kat.hex("cky_r"),
                TRIPLE_DES.keyLength());
    }

    private static MessageProtection protection(IsakmpKeys keys) {
        return MessageProtection.forIsakmpSa(TRIPLE_DES, keys.encryptionKey(), HashAlgorithm.SHA1,
                kat.hex("g_xi"), kat.hex("g_xr"), Padding.RACOON_DEFAULT, new PinnedRandomSource());
    }

    private static MessageProtection protectionAfterMainMode(IsakmpKeys keys) {
        MessageProtection protection = protection(keys);
        decryptAndConfirm(protection, MM5);
        decryptAndConfirm(protection, MM6);
        return protection;
    }

    private static byte[] decryptAndConfirm(MessageProtection protection, int packet) {
        DecryptedMessage decrypted = protection.decrypt(kat.packet(packet));
        protection.confirm(decrypted);
        byte[] message = decrypted.message();
        assertEquals(message.length, ByteBuffer.wrap(message, 24, 4).getInt(), "header length follows the body");
        return message;
    }

    private static byte[] keBody(byte[] clearMessage) {
        return PayloadChain.ofMessage(clearMessage).first(PayloadChain.KE).body(clearMessage);
    }

    /** Every payload after the leading HASH payload, without padding: the "rest" Quick Mode hashes cover. */
    private static byte[] afterHash(byte[] message, PayloadChain payloads) {
        PayloadChain.Entry hash = payloads.entries().get(0);
        assertEquals(PayloadChain.HASH, hash.type());
        return Arrays.copyOfRange(message, hash.end(), payloads.end());
    }

    private static byte[] body(byte[] message) {
        return Arrays.copyOfRange(message, MessageProtection.HEADER_LENGTH, message.length);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        return ByteBuffer.allocate(a.length + b.length).put(a).put(b).array();
    }
}
