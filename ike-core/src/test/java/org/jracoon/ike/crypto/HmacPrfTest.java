package org.jracoon.ike.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.bouncycastle.util.encoders.Hex;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The PRFs against RFC 2202 (HMAC-MD5, HMAC-SHA1) and RFC 4231 (HMAC-SHA2) test cases. */
class HmacPrfTest {

    private static final byte[] JEFE_DATA = ascii("what do ya want for nothing?");
    private static final byte[] LONG_KEY_DATA = ascii("Test Using Larger Than Block-Size Key - Hash Key First");

    @ParameterizedTest(name = "{0} test case 2 (short key)")
    @CsvSource({
        "MD5, 750c783e6ab0b503eaa86e310a5db738",
        "SHA1, effcdf6ae5eb2fa2d27416d5f184df9c259a7c79",
        "SHA2_256, 5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
        "SHA2_384, af45d2e376484031617f78d2b58a6b1b9c7ef464f5a01b47e42ec3736322445e8e2240ca5e69e2c78b3239ecfab21649",
        "SHA2_512, 164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea2505549758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737",
    })
    void shortKey(HashAlgorithm algorithm, String expected) {
        byte[] out = algorithm.hmac().start(ascii("Jefe")).update(JEFE_DATA).finish();
        assertArrayEquals(Hex.decode(expected), out);
        assertEquals(algorithm.length(), algorithm.hmac().outputLength());
    }

    @ParameterizedTest(name = "{0} with a {1}-byte key longer than the block")
    @CsvSource({
        "MD5, 80, 6b1ab7fe4bd7bf8f0b62e6ce61b9d0cd",
        "SHA1, 80, aa4ae5e15272d00e95705637ce8a3b55ed402112",
        "SHA2_256, 131, 60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54",
        "SHA2_384, 131, 4ece084485813e9088d2c63a041bc5b44f9ef1012a2b588f3cd11f05033ac4c60c2ef6ab4030fe8296248df163f44952",
        "SHA2_512, 131, 80b24263c7c1a3ebb71493c1dd7be8b49b46d1f41b4aeec1121b013783f8f3526b56d037e05f2598bd0fd2215d6a1e5295e64f73f63f0aec8b915a985d786598",
    })
    void longSecretKeyFedInPieces(HashAlgorithm algorithm, int keyLength, String expected) {
        byte[] key = new byte[keyLength];
        Arrays.fill(key, (byte) 0xaa);
        // the input split in two updates must give the same PRF value as one block
        Secret out = algorithm.hmac().start(Secret.copyOf(key))
                .update(Arrays.copyOf(LONG_KEY_DATA, 10))
                .update(Secret.copyOf(Arrays.copyOfRange(LONG_KEY_DATA, 10, LONG_KEY_DATA.length)))
                .finishSecret();
        assertArrayEquals(Hex.decode(expected), out.extract());
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
