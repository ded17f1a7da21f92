package org.jracoon.ike.crypto;

/**
 * Where an engine's exchanges get their Diffie-Hellman key pairs. {@link #DRAWN} makes each pair
 * on the spot from the engine's random source, so a test that pins the random bytes replays a
 * recorded exchange; a daemon uses a {@link DhKeyPool}, which has them ready.
 */
@FunctionalInterface
public interface DhKeySource {

    /** Each pair made when asked, with {@link DhGroup#generateKeyPair} and {@link CryptoProvider#JAVA}. */
    DhKeySource DRAWN = drawn(CryptoProvider.JAVA);

    /** Each pair made when asked, from the engine's random source, computed by {@code crypto}. */
    static DhKeySource drawn(CryptoProvider crypto) {
        return (group, random) -> group.generateKeyPair(random, crypto);
    }

    /** A key pair of {@code group}; {@code random} is the engine's, for a source that draws on the spot. */
    DhKeyPair keyPair(DhGroup group, RandomSource random);
}
