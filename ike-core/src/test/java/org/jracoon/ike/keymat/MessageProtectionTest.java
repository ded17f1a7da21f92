package org.jracoon.ike.keymat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.jracoon.ike.crypto.CbcCipher;
import org.jracoon.ike.crypto.CryptoException;
import org.jracoon.ike.crypto.EncryptionAlgorithm;
import org.jracoon.ike.crypto.HashAlgorithm;
import org.jracoon.ike.crypto.PinnedRandomSource;
import org.jracoon.ike.crypto.RandomSource;
import org.jracoon.ike.crypto.Secret;
import org.jracoon.ike.crypto.SecureRandomSource;
import org.jracoon.ike.keymat.MessageProtection.DecryptedMessage;
import org.junit.jupiter.api.Test;

/** Two ends of one ISAKMP SA (AES-256, SHA2-256) exchanging encrypted messages. */
class MessageProtectionTest {

    private static final CbcCipher AES = EncryptionAlgorithm.AES_CBC.cipher(256);
    private static final Secret KEY = Secret.copyOf(new byte[32]);
    private static final byte[] GXI = {1, 2, 3};
    private static final byte[] GXR = {4, 5, 6};
    private static final RandomSource RANDOM = new SecureRandomSource();

    @Test
    void bothEndsKeepTheirChainsInStep() {
        MessageProtection initiator = protection(Padding.RACOON_DEFAULT, RANDOM);
        MessageProtection responder = protection(Padding.RACOON_DEFAULT, RANDOM);
        byte[] initialIv = Arrays.copyOf(HashAlgorithm.SHA2_256.digest(GXI, GXR), 16);
        assertArrayEquals(initialIv, initiator.iv(0));

        exchange(initiator, responder, message(0, 37));   // MM5
        exchange(responder, initiator, message(0, 64));   // MM6, already whole blocks
        assertArrayEquals(initiator.iv(0), responder.iv(0));
        byte[] lastPhase1Block = initiator.iv(0);

        int quickMode = 0x11223344;
        int informational = 0x55667788;
        byte[] quickModeIv = Arrays.copyOf(HashAlgorithm.SHA2_256.digest(lastPhase1Block,
                new byte[] {0x11, 0x22, 0x33, 0x44}), 16);
        assertArrayEquals(quickModeIv, initiator.iv(quickMode));
        exchange(initiator, responder, message(quickMode, 100));
        exchange(responder, initiator, message(quickMode, 90));
        // an Informational in between starts from the phase-1 block, not from the Quick Mode chain
        assertArrayEquals(Arrays.copyOf(HashAlgorithm.SHA2_256.digest(lastPhase1Block,
                new byte[] {0x55, 0x66, 0x77, (byte) 0x88}), 16), responder.iv(informational));
        exchange(responder, initiator, message(informational, 12));
        exchange(initiator, responder, message(quickMode, 20));
        assertArrayEquals(lastPhase1Block, initiator.iv(0));
        assertArrayEquals(initiator.iv(quickMode), responder.iv(quickMode));

        initiator.forget(quickMode);
        assertArrayEquals(quickModeIv, initiator.iv(quickMode));
    }

    @Test
    void racoonPaddingStatesItsLengthWithoutTheTailByte() {
        byte[] padBytes = new byte[11];
        Arrays.fill(padBytes, (byte) 0xee);
        MessageProtection sender = protection(Padding.RACOON_DEFAULT, new PinnedRandomSource(padBytes));
        byte[] plain = decryptWith(sender.encrypt(message(0, 21)));
        assertEquals(28 + 32, plain.length);
        byte[] expectedPadding = padBytes.clone();
        expectedPadding[10] = 10;
        assertArrayEquals(expectedPadding, Arrays.copyOfRange(plain, 28 + 21, plain.length));
    }

    @Test
    void wholeBlocksStillGetAFullBlockOfPadding() {
        Padding zeros = new Padding(false, false, 0, false, false);
        MessageProtection sender = protection(zeros, new PinnedRandomSource());
        byte[] plain = decryptWith(sender.encrypt(message(0, 32)));
        assertEquals(28 + 48, plain.length);
        byte[] expectedPadding = new byte[16];
        expectedPadding[15] = 16; // exclusive_tail off: the count includes the last byte
        assertArrayEquals(expectedPadding, Arrays.copyOfRange(plain, 28 + 32, plain.length));
    }

    @Test
    void randomizedLengthAddsWholeBlocks() {
        Padding randomLength = new Padding(false, true, 20, false, true);
        // 3 % 21 + 1 = 4 extra blocks on top of the 11 bytes up to the block boundary
        MessageProtection sender = protection(randomLength, new PinnedRandomSource(new byte[] {0, 0, 0, 3}));
        byte[] plain = decryptWith(sender.encrypt(message(0, 21)));
        assertEquals(28 + 21 + 11 + 4 * 16, plain.length);
        assertEquals(11 + 4 * 16 - 1, plain[plain.length - 1]);
    }

    @Test
    void strictCheckTrimsThePaddingAndRefusesAnImpossibleLength() {
        Padding strict = new Padding(true, false, 20, true, true);
        MessageProtection sender = protection(Padding.RACOON_DEFAULT, RANDOM);
        byte[] original = message(0, 21);
        byte[] trimmed = protection(strict, RANDOM).decrypt(sender.encrypt(original)).message();
        assertArrayEquals(Arrays.copyOfRange(original, 28, original.length), Arrays.copyOfRange(trimmed, 28,
                trimmed.length));
        assertEquals(trimmed.length, ByteBuffer.wrap(trimmed, 24, 4).getInt());

        // one block whose last byte announces 256 bytes of padding
        byte[] block = new byte[16];
        block[15] = (byte) 0xff;
        byte[] forged = withBody(message(0, 0), AES.encrypt(KEY, protection(strict, RANDOM).iv(0), block));
        CryptoException e = assertThrows(CryptoException.class, () -> protection(strict, RANDOM).decrypt(forged));
        assertEquals(CryptoException.PAYLOAD_MALFORMED, e.notifyType());
    }

    @Test
    void encryptionSetsTheEncryptionFlagAndTheNewLength() {
        byte[] encrypted = protection(Padding.RACOON_DEFAULT, RANDOM).encrypt(message(0, 21));
        assertEquals(0x01, encrypted[19] & 0x01);
        assertEquals(encrypted.length, ByteBuffer.wrap(encrypted, 24, 4).getInt());
        assertEquals(28 + 32, encrypted.length);
    }

    @Test
    void bodiesThatAreNotWholeBlocksAreMalformed() {
        MessageProtection receiver = protection(Padding.RACOON_DEFAULT, RANDOM);
        for (int bodyLength : new int[] {0, 1, 15, 17}) {
            byte[] message = message(0, bodyLength);
            CryptoException e = assertThrows(CryptoException.class, () -> receiver.decrypt(message));
            assertEquals(CryptoException.PAYLOAD_MALFORMED, e.notifyType(), bodyLength + "-byte body");
        }
        CryptoException shortMessage = assertThrows(CryptoException.class, () -> receiver.decrypt(new byte[27]));
        assertEquals(CryptoException.PAYLOAD_MALFORMED, shortMessage.notifyType());
    }

    @Test
    void anUnconfirmedMessageDoesNotMoveTheChain() {
        MessageProtection sender = protection(Padding.RACOON_DEFAULT, RANDOM);
        MessageProtection receiver = protection(Padding.RACOON_DEFAULT, RANDOM);
        byte[] before = receiver.iv(0);
        byte[] garbage = withBody(message(0, 0), new byte[32]);
        DecryptedMessage rejected = receiver.decrypt(garbage);
        assertEquals(0, rejected.messageId());
        assertArrayEquals(before, receiver.iv(0));
        // the genuine message still decrypts, as the chain was left alone
        byte[] original = message(0, 40);
        DecryptedMessage genuine = receiver.decrypt(sender.encrypt(original));
        assertArrayEquals(Arrays.copyOfRange(original, 28, 68), Arrays.copyOfRange(genuine.message(), 28, 68));
        receiver.confirm(genuine);
        assertArrayEquals(sender.iv(0), receiver.iv(0));
        assertFalse(Arrays.equals(before, receiver.iv(0)));
    }

    private static MessageProtection protection(Padding padding, RandomSource random) {
        return MessageProtection.forIsakmpSa(AES, KEY, HashAlgorithm.SHA2_256, GXI, GXR, padding, random);
    }

    /** Sends {@code message} from one end to the other and checks the payloads arrive intact. */
    private static void exchange(MessageProtection from, MessageProtection to, byte[] message) {
        byte[] encrypted = from.encrypt(message);
        DecryptedMessage decrypted = to.decrypt(encrypted);
        to.confirm(decrypted);
        int bodyLength = message.length - 28;
        assertArrayEquals(Arrays.copyOfRange(message, 28, message.length),
                Arrays.copyOfRange(decrypted.message(), 28, 28 + bodyLength));
        assertArrayEquals(from.iv(decrypted.messageId()), to.iv(decrypted.messageId()));
    }

    private static byte[] decryptWith(byte[] encrypted) {
        return protection(Padding.RACOON_DEFAULT, RANDOM).decrypt(encrypted).message();
    }

    /** A header with the given message ID followed by a body of {@code bodyLength} counting bytes. */
    private static byte[] message(int messageId, int bodyLength) {
        ByteBuffer buffer = ByteBuffer.allocate(28 + bodyLength);
        buffer.put(new byte[16]).put((byte) 8).put((byte) 0x10).put((byte) 32).put((byte) 0).putInt(messageId)
                .putInt(28 + bodyLength);
        for (int i = 0; i < bodyLength; i++) {
            buffer.put((byte) i);
        }
        return buffer.array();
    }

    private static byte[] withBody(byte[] header, byte[] body) {
        byte[] out = Arrays.copyOf(header, 28 + body.length);
        System.arraycopy(body, 0, out, 28, body.length);
        return out;
    }
}
