package org.jracoon.ike.keymat;

import java.nio.ByteBuffer;
import org.jracoon.ike.crypto.CryptoException;
import org.jracoon.ike.crypto.RandomSource;

/**
 * How encrypted ISAKMP messages are padded to whole cipher blocks (RFC 2408 section 3.5), with
 * the knobs of racoon.conf's {@code padding} section. racoon always pads, 1 to block-size bytes
 * when the length is not randomized, and writes the pad length into the last byte; on receipt
 * it accepts any padding unless {@code strict_check} is on.
 *
 * @param randomize pad bytes are random rather than zero ({@code randomize})
 * @param randomizeLength add 1 to {@code maximumLength}+1 extra blocks ({@code randomize_length})
 * @param maximumLength bound for the extra blocks ({@code maximum_length})
 * @param strictCheck trim the padding the last byte announces and refuse a longer one ({@code strict_check})
 * @param exclusiveTail the last byte counts the padding without itself ({@code exclusive_tail})
 */
public record Padding(boolean randomize, boolean randomizeLength, int maximumLength, boolean strictCheck,
        boolean exclusiveTail) {

    /** racoon's defaults (localconf.h): random bytes, no extra blocks, no check, exclusive tail. */
    public static final Padding RACOON_DEFAULT = new Padding(true, false, 20, false, true);

    public Padding {
        if (maximumLength < 0) {
            throw new IllegalArgumentException("maximum padding length " + maximumLength);
        }
    }

    /** {@code body} followed by its padding, a whole number of {@code blockSize} blocks. */
    byte[] pad(byte[] body, int blockSize, RandomSource random) {
        int padLength = blockSize - body.length % blockSize;
        if (randomizeLength) {
            int extraBlocks = Math.floorMod(ByteBuffer.wrap(random.bytes(4)).getInt(), maximumLength + 1) + 1;
            // the last byte must still be able to state the length
            extraBlocks = Math.min(extraBlocks, (255 - padLength) / blockSize);
            padLength += extraBlocks * blockSize;
        }
        byte[] padded = new byte[body.length + padLength];
        System.arraycopy(body, 0, padded, 0, body.length);
        if (randomize) {
            byte[] bytes = random.bytes(padLength);
            System.arraycopy(bytes, 0, padded, body.length, padLength);
        }
        padded[padded.length - 1] = (byte) (exclusiveTail ? padLength - 1 : padLength);
        return padded;
    }

    /**
     * How much of a decrypted body to keep: all of it unless {@code strictCheck}, then the body
     * without the padding its last byte announces.
     *
     * @throws CryptoException PAYLOAD-MALFORMED if the announced padding is longer than the body
     */
    int keptLength(byte[] plaintext) {
        if (!strictCheck) {
            return plaintext.length;
        }
        int padLength = (plaintext[plaintext.length - 1] & 0xff) + (exclusiveTail ? 1 : 0);
        if (padLength > plaintext.length) {
            throw new CryptoException(CryptoException.PAYLOAD_MALFORMED,
                    "padding of " + padLength + " bytes in a " + plaintext.length + "-byte body");
        }
        return plaintext.length - padLength;
    }
}
