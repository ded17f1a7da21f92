package org.jracoon.ike.keymat;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.jracoon.ike.crypto.CbcCipher;
import org.jracoon.ike.crypto.CryptoException;
import org.jracoon.ike.crypto.HashAlgorithm;
import org.jracoon.ike.crypto.RandomSource;
import org.jracoon.ike.crypto.Secret;

/**
 * Encryption and decryption of the messages of one ISAKMP SA with the IV rules of RFC 2409
 * appendix B:
 * <ul>
 * <li>phase 1 (message ID 0) starts with {@code IV = hash(g^xi | g^xr)} and each message's
 *     IV is the last cipher block of the message before it;</li>
 * <li>every other message ID (Quick Mode, Informational) starts its own chain with
 *     {@code IV = hash(last phase-1 cipher block | M-ID)} and chains the same way.</li>
 * </ul>
 * IVs are the hash output cut to the cipher's block size.
 *
 * <p>Works on whole ISAKMP messages as bytes: the 28-byte header stays clear, the body after
 * it is what is padded and encrypted. A decrypted message moves its chain only when the caller
 * {@link #confirm confirms} it after checking its hash, so a forged or corrupt message cannot
 * desynchronise the IVs (racoon and strongSwan keep the same rule).
 *
 * <p>Mutable and not thread-safe: one instance per ISAKMP SA, used by the thread that owns the SA.
 */
public final class MessageProtection {

    /** RFC 2408 section 3.1: fixed ISAKMP header length. */
    static final int HEADER_LENGTH = 28;
    private static final int FLAGS_OFFSET = 19;
    private static final int MESSAGE_ID_OFFSET = 20;
    private static final int LENGTH_OFFSET = 24;
    private static final int FLAG_ENCRYPTION = 0x01;

    private final CbcCipher cipher;
    private final Secret key;
    private final HashAlgorithm hash;
    private final Padding padding;
    private final RandomSource random;
    private byte[] phase1Iv;
    private final Map<Integer, byte[]> exchangeIvs = new HashMap<>();

    private MessageProtection(CbcCipher cipher, Secret key, HashAlgorithm hash, byte[] phase1Iv, Padding padding,
            RandomSource random) {
        this.cipher = cipher;
        this.key = key;
        this.hash = hash;
        this.phase1Iv = phase1Iv;
        this.padding = padding;
        this.random = random;
    }

    /**
     * Protection for a new ISAKMP SA, its phase-1 IV computed from both public values.
     *
     * @param key Ka from {@link IsakmpKeys#encryptionKey()}
     * @param hash the negotiated phase-1 hash algorithm
     * @param random source of padding bytes
     */
    public static MessageProtection forIsakmpSa(CbcCipher cipher, Secret key, HashAlgorithm hash, byte[] gxi,
            byte[] gxr, Padding padding, RandomSource random) {
        byte[] iv = Arrays.copyOf(hash.digest(gxi, gxr), cipher.blockSize());
        return new MessageProtection(cipher, key, hash, iv, padding, random);
    }

    /** The IV the next message with this message ID will be encrypted or decrypted with. */
    public byte[] iv(int messageId) {
        return currentIv(messageId).clone();
    }

    /**
     * Pads and encrypts the body of a complete plaintext message, sets the E flag and the new
     * length in its header, and moves the chain to the last cipher block (the message is sent).
     * The chain of a one-way Informational is kept until {@link #forget}.
     *
     * @throws IllegalArgumentException if {@code message} is shorter than an ISAKMP header
     */
    public byte[] encrypt(byte[] message) {
        if (message.length < HEADER_LENGTH) {
            throw new IllegalArgumentException("message of " + message.length + " bytes has no ISAKMP header");
        }
        int messageId = messageId(message);
        byte[] body = padding.pad(Arrays.copyOfRange(message, HEADER_LENGTH, message.length), cipher.blockSize(),
                random);
        byte[] ciphertext = cipher.encrypt(key, currentIv(messageId), body);
        byte[] out = withBody(message, ciphertext);
        out[FLAGS_OFFSET] |= FLAG_ENCRYPTION;
        store(messageId, lastBlock(ciphertext));
        return out;
    }

    /**
     * Decrypts the body of a received message with its chain's IV. The chain does not move
     * until {@link #confirm}.
     *
     * @param message the whole message as received, its header length already checked
     * @return the message with a plaintext body (padding kept unless strict checking is on) and
     *     the header length adjusted to it
     * @throws CryptoException PAYLOAD-MALFORMED if the body is empty or not whole cipher blocks
     */
    public DecryptedMessage decrypt(byte[] message) {
        if (message.length < HEADER_LENGTH) {
            throw new CryptoException(CryptoException.PAYLOAD_MALFORMED,
                    "message of " + message.length + " bytes has no ISAKMP header");
        }
        int bodyLength = message.length - HEADER_LENGTH;
        if (bodyLength == 0 || bodyLength % cipher.blockSize() != 0) {
            throw new CryptoException(CryptoException.PAYLOAD_MALFORMED, "encrypted body of " + bodyLength
                    + " bytes is not whole " + cipher.blockSize() + "-byte blocks");
        }
        int messageId = messageId(message);
        byte[] ciphertext = Arrays.copyOfRange(message, HEADER_LENGTH, message.length);
        byte[] plaintext = cipher.decrypt(key, currentIv(messageId), ciphertext);
        byte[] kept = Arrays.copyOf(plaintext, padding.keptLength(plaintext));
        return new DecryptedMessage(withBody(message, kept), messageId, lastBlock(ciphertext));
    }

    /** Moves the decrypted message's chain on, once the message proved authentic. */
    public void confirm(DecryptedMessage decrypted) {
        store(decrypted.messageId, decrypted.nextIv);
    }

    /** Drops the chain of a finished Quick Mode or Informational exchange. */
    public void forget(int messageId) {
        exchangeIvs.remove(messageId);
    }

    private byte[] currentIv(int messageId) {
        if (messageId == 0) {
            return phase1Iv;
        }
        byte[] iv = exchangeIvs.get(messageId);
        if (iv != null) {
            return iv;
        }
        // a new exchange: hash(last phase-1 CBC block | M-ID), not stored before it is used for real
        return Arrays.copyOf(hash.digest(phase1Iv, IsakmpKeys.messageIdBytes(messageId)), cipher.blockSize());
    }

    private void store(int messageId, byte[] iv) {
        if (messageId == 0) {
            phase1Iv = iv;
        } else {
            exchangeIvs.put(messageId, iv);
        }
    }

    private byte[] lastBlock(byte[] ciphertext) {
        return Arrays.copyOfRange(ciphertext, ciphertext.length - cipher.blockSize(), ciphertext.length);
    }

    private static int messageId(byte[] message) {
        return ByteBuffer.wrap(message, MESSAGE_ID_OFFSET, 4).getInt();
    }

    /** The header of {@code message} followed by {@code body}, with the header's length field updated. */
    private static byte[] withBody(byte[] message, byte[] body) {
        byte[] out = new byte[HEADER_LENGTH + body.length];
        System.arraycopy(message, 0, out, 0, HEADER_LENGTH);
        System.arraycopy(body, 0, out, HEADER_LENGTH, body.length);
        ByteBuffer.wrap(out, LENGTH_OFFSET, 4).putInt(out.length);
        return out;
    }

    /** A decrypted message waiting for its hash check before its chain moves on. */
    public static final class DecryptedMessage {

        private final byte[] message;
        private final int messageId;
        private final byte[] nextIv;

        DecryptedMessage(byte[] message, int messageId, byte[] nextIv) {
            this.message = message;
            this.messageId = messageId;
            this.nextIv = nextIv;
        }

        /** Header and plaintext body. */
        public byte[] message() {
            return message.clone();
        }

        public int messageId() {
            return messageId;
        }
    }
}
