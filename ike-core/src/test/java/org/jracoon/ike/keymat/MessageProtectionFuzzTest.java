package org.jracoon.ike.keymat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.jracoon.ike.crypto.CryptoException;
import org.jracoon.ike.crypto.EncryptionAlgorithm;
import org.jracoon.ike.crypto.HashAlgorithm;
import org.jracoon.ike.crypto.Secret;
import org.jracoon.ike.keymat.MessageProtection.DecryptedMessage;
import org.junit.jupiter.api.Tag;

/**
 * Arbitrary datagrams decrypted under a fixed 3DES key (the KAT's cipher): a plaintext message
 * whose header length is its own, or one CryptoException (PAYLOAD-MALFORMED), nothing else.
 * Seeds (MessageProtectionFuzzTestInputs): the KAT packets and the strongSwan captures.
 */
@Tag("fuzz")
class MessageProtectionFuzzTest {

    private static final MessageProtection PROTECTION = MessageProtection.forIsakmpSa(
            EncryptionAlgorithm.TRIPLE_DES_CBC.cipher(0), Secret.copyOf(new byte[24]), HashAlgorithm.SHA1,
            new byte[128], new byte[128], Padding.RACOON_DEFAULT, bytes -> { });

    @FuzzTest
    void encryptedDatagram(byte[] datagram) {
        DecryptedMessage decrypted;
        try {
            decrypted = PROTECTION.decrypt(datagram);
        } catch (CryptoException e) {
            if (e.notifyType() != CryptoException.PAYLOAD_MALFORMED) {
                throw new AssertionError("decryption refused with NOTIFY type " + e.notifyType(), e);
            }
            return;
        }
        byte[] message = decrypted.message();
        int length = ((message[24] & 0xff) << 24) | ((message[25] & 0xff) << 16) | ((message[26] & 0xff) << 8)
                | (message[27] & 0xff);
        if (length != message.length) {
            throw new AssertionError("decrypted message says " + length + " octets but has " + message.length);
        }
    }
}
