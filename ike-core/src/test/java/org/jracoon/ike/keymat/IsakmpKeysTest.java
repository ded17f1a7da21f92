package org.jracoon.ike.keymat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import org.bouncycastle.util.encoders.Hex;
import org.jracoon.ike.crypto.HashAlgorithm;
import org.jracoon.ike.crypto.Prf;
import org.jracoon.ike.crypto.Secret;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The derivations the recorded exchange does not reach (signature SKEYID, KEYMAT without PFS,
 * AH, other key lengths), on the record's inputs. Expected values were computed separately with
 * Python's hmac module from the RFC 2409 section 5 / appendix B formulas.
 */
class IsakmpKeysTest {

    private static final Prf PRF = HashAlgorithm.SHA1.hmac();
    private static final int AH = 2;
    private static final int ESP = 3;

    private static KatRecord kat;

    @BeforeAll
    static void loadRecord() throws IOException {
        kat = KatRecord.load();
    }

    @Test
    void skeyidForSignaturesIsKeyedWithTheNonces() {
        Secret skeyid = IsakmpKeys.skeyidForSignatures(PRF, kat.hex("ni_b"), kat.hex("nr_b"),
                Secret.copyOf(kat.hex("g_xy")));
        assertArrayEquals(Hex.decode("200ebae8a05d0ba4f5fa99a2fbc61e9e1d0fc692"), skeyid.extract());
    }

    @Test
    void keymatWithoutPfsForAhAndEsp() {
        IsakmpKeys keys = keys(24);
        byte[] ni = kat.quickMode("ni_b");
        byte[] nr = kat.quickMode("nr_b");
        // AH with HMAC-SHA1: one PRF block
        assertArrayEquals(Hex.decode("42e7060f6f15b442671906689c866960a816905b"),
                keys.keymat(AH, kat.quickMode("spi_r"), ni, nr, 20).extract());
        // ESP AES-256 + HMAC-SHA2-512 = 72 bytes: K1 | K2 | K3 | K4 cut
        assertArrayEquals(Hex.decode("0cee18bfd1534a8727d3bacbf2a93bcb1d78f773f1ce264f4e47ce8785aef9d1a7238c1eb11b"
                + "4f9b50bc1718c55be2d94c10b0008cbfa4d7a8d479efcdd2d303bab6e0835cee2f4e"),
                keys.keymat(ESP, kat.quickMode("spi_i"), ni, nr, 72).extract());
    }

    @Test
    void encryptionKeyIsCutFromSkeyidEWhenLongEnoughAndExpandedOtherwise() {
        assertArrayEquals(Hex.decode("f7cb2c2136be36fc9e6362d88b92babb"), keys(16).encryptionKey().extract());
        assertArrayEquals(Hex.decode("110d28099a25d7ddcbcfdcc520da66f02a8d1c412e9e495f108eaa5518a49aa9"),
                keys(32).encryptionKey().extract());
        assertEquals(20, keys(20).encryptionKey().length());
    }

    @Test
    void toStringHidesTheKeys() {
        assertEquals("IsakmpKeys[SKEYID 20 bytes, Ka 24 bytes]", keys(24).toString());
    }

    private static IsakmpKeys keys(int encryptionKeyLength) {
        Secret skeyid = Secret.copyOf(kat.hex("skeyid"));
        return IsakmpKeys.derive(PRF, skeyid, Secret.copyOf(kat.hex("g_xy")), kat.hex("cky_i"), kat.hex("cky_r"),
                encryptionKeyLength);
    }
}
