package org.jracoon.ike.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Random;
import org.bouncycastle.util.BigIntegers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ModpGroupTest {

    private final RandomSource random = new SecureRandomSource();

    @ParameterizedTest
    @EnumSource(ModpGroup.class)
    void twoGeneratedKeyPairsAgree(ModpGroup group) {
        DhKeyPair alice = group.generateKeyPair(random);
        DhKeyPair bob = group.generateKeyPair(random);
        assertEquals(group.valueLength(), alice.publicValue().length);
        assertFalse(Arrays.equals(alice.publicValue(), bob.publicValue()));
        Secret ab = alice.agree(bob.publicValue());
        Secret ba = bob.agree(alice.publicValue());
        assertEquals(group.valueLength(), ab.length());
        assertArrayEquals(ab.extract(), ba.extract());
    }

    /** A short private value (RFC 3526 section 8) agrees with a full-length one, both ways. */
    @ParameterizedTest
    @EnumSource(ModpGroup.class)
    void shortKeyPairsAgreeWithFullLengthOnes(ModpGroup group) {
        DhKeyPair shortPair = group.generateShortKeyPair(random);
        DhKeyPair full = group.generateKeyPair(random);
        assertEquals(group.valueLength(), shortPair.publicValue().length);
        assertArrayEquals(shortPair.agree(full.publicValue()).extract(), full.agree(shortPair.publicValue()).extract());
    }

    @Test
    void shortPrivateValueIsThePinnedBytes() {
        byte[] pinned = new byte[ModpGroup.MODP_1024.shortExponentBits() / 8];
        Arrays.fill(pinned, (byte) 0xff);
        DhKeyPair pair = ModpGroup.MODP_1024.generateShortKeyPair(new PinnedRandomSource(pinned));
        BigInteger p = new BigInteger(1, ModpGroup.MODP_1024.prime());
        BigInteger x = BigInteger.ONE.shiftLeft(160).subtract(BigInteger.ONE);
        assertArrayEquals(BigIntegers.asUnsignedByteArray(128, BigInteger.TWO.modPow(x, p)), pair.publicValue());
    }

    @Test
    void shortExponentsAreTwiceTheStrength() {
        assertEquals(160, ModpGroup.MODP_768.shortExponentBits());
        assertEquals(160, ModpGroup.MODP_1024.shortExponentBits());
        assertEquals(240, ModpGroup.MODP_1536.shortExponentBits());
        assertEquals(320, ModpGroup.MODP_2048.shortExponentBits());
    }

    @Test
    void groupIdsAndLengths() {
        assertEquals(96, ModpGroup.fromId(1).orElseThrow().valueLength());
        assertEquals(128, ModpGroup.fromId(2).orElseThrow().valueLength());
        assertEquals(192, ModpGroup.fromId(5).orElseThrow().valueLength());
        assertEquals(256, ModpGroup.fromId(14).orElseThrow().valueLength());
        assertTrue(ModpGroup.fromId(3).isEmpty(), "EC2N group 3 is not offered");
    }

    @Test
    void privateValueIsThePinnedBytesWithTheTopBitCleared() {
        byte[] pinned = new byte[96];
        Arrays.fill(pinned, (byte) 0xff);
        DhKeyPair pair = ModpGroup.MODP_768.generateKeyPair(new PinnedRandomSource(pinned));
        BigInteger p = new BigInteger(1, ModpGroup.MODP_768.prime());
        BigInteger x = BigInteger.ONE.shiftLeft(767).subtract(BigInteger.ONE);
        assertArrayEquals(BigIntegers.asUnsignedByteArray(96, BigInteger.TWO.modPow(x, p)), pair.publicValue());
    }

    @Test
    void privateValuesBelowTwoAreDrawnAgain() {
        byte[] one = new byte[96];
        one[95] = 1;
        byte[] three = new byte[96];
        three[95] = 3;
        PinnedRandomSource pinned = new PinnedRandomSource(one, three);
        DhKeyPair pair = ModpGroup.MODP_768.generateKeyPair(pinned);
        assertTrue(pinned.exhausted());
        assertArrayEquals(BigIntegers.asUnsignedByteArray(96, BigInteger.valueOf(8)), pair.publicValue());
    }

    @ParameterizedTest
    @EnumSource(ModpGroup.class)
    void degenerateAndForeignPublicValuesAreRefused(ModpGroup group) {
        DhKeyPair mine = group.generateKeyPair(random);
        BigInteger p = new BigInteger(1, group.prime());
        int length = group.valueLength();
        for (BigInteger bad : new BigInteger[] {BigInteger.ZERO, BigInteger.ONE, p.subtract(BigInteger.ONE), p,
                p.add(BigInteger.ONE)}) {
            byte[] value = BigIntegers.asUnsignedByteArray(length, bad);
            CryptoException e = assertThrows(CryptoException.class, () -> mine.agree(value), bad.toString(16));
            assertEquals(CryptoException.INVALID_KEY_INFORMATION, e.notifyType());
        }
        byte[] valid = group.generateKeyPair(random).publicValue();
        CryptoException shortValue = assertThrows(CryptoException.class,
                () -> mine.agree(Arrays.copyOfRange(valid, 1, valid.length)));
        assertEquals(CryptoException.INVALID_KEY_INFORMATION, shortValue.notifyType());
    }

    /**
     * -2 is a non-residue (p = 7 mod 8), outside the subgroup g = 2 generates; like racoon and
     * charon we take it (see {@link ModpKeyPair#agree}), and both sides still agree.
     */
    @ParameterizedTest
    @EnumSource(ModpGroup.class)
    void aValueOutsideThePrimeOrderSubgroupIsTaken(ModpGroup group) {
        byte[] x = {5};
        DhKeyPair mine = new ModpKeyPair(group, x, CryptoProvider.JAVA);
        BigInteger p = new BigInteger(1, group.prime());
        BigInteger minusTwo = p.subtract(BigInteger.TWO);
        assertArrayEquals(BigIntegers.asUnsignedByteArray(group.valueLength(), minusTwo.modPow(BigInteger.valueOf(5), p)),
                mine.agree(BigIntegers.asUnsignedByteArray(group.valueLength(), minusTwo)).extract());
    }

    @Test
    void arbitraryPeerBytesGiveASecretOrInvalidKeyInformationOnly() {
        ModpGroup group = ModpGroup.MODP_768;
        DhKeyPair mine = group.generateKeyPair(random);
        Random lengths = new Random(768);
        for (int i = 0; i < 200; i++) {
            int length = i < 100 ? group.valueLength() : lengths.nextInt(2 * group.valueLength());
            byte[] value = random.bytes(length);
            if (length == group.valueLength()) {
                // below p-1 but for a chance of 2^-64
                assertEquals(group.valueLength(), mine.agree(value).length());
            } else {
                CryptoException e = assertThrows(CryptoException.class, () -> mine.agree(value));
                assertEquals(CryptoException.INVALID_KEY_INFORMATION, e.notifyType());
            }
        }
    }
}
