package org.jracoon.ike.crypto;

/**
 * Where an engine's exchanges get their Diffie-Hellman key pairs. {@link #DRAWN} makes each pair
 * on the spot from the engine's random source, so a test that pins the random bytes replays a
 * recorded exchange; a daemon uses a {@link DhKeyPool}, which has them ready.
 */
@FunctionalInterface
public interface DhKeySource {

    /** Each pair made when asked, with {@link DhGroup#generateKeyPair}. */
    DhKeySource DRAWN = DhGroup::generateKeyPair;

    /** A key pair of {@code group}; {@code random} is the engine's, for a source that draws on the spot. */
    DhKeyPair keyPair(DhGroup group, RandomSource random);
}
