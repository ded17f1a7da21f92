package org.jracoon.ike.policy;

import java.util.Objects;

import org.jracoon.ike.crypto.EncryptionAlgorithm;
import org.jracoon.ike.crypto.HashAlgorithm;
import org.jracoon.ike.crypto.ModpGroup;

/**
 * One phase-1 proposal of a remote policy (racoon's {@code proposal { }} block): cipher and key
 * length (0 = the cipher's default), hash (also the PRF, as RFC 2409 section 4 wants without a
 * PRF attribute), authentication method, DH group and lifetime in seconds.
 */
public record Phase1Proposal(EncryptionAlgorithm encryption, int keyBits, HashAlgorithm hash, AuthMethod authMethod,
        ModpGroup group, long lifetimeSeconds) {

    public Phase1Proposal {
        Objects.requireNonNull(encryption);
        Objects.requireNonNull(hash);
        Objects.requireNonNull(authMethod);
        Objects.requireNonNull(group);
        if (!encryption.supportsKeyBits(keyBits)) {
            throw new IllegalArgumentException(encryption + " with a " + keyBits + "-bit key");
        }
        if (lifetimeSeconds <= 0 || lifetimeSeconds > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("phase-1 lifetime " + lifetimeSeconds + " s");
        }
    }

    /** The same proposal with another lifetime (the one a responder settled on). */
    public Phase1Proposal withLifetime(long seconds) {
        return new Phase1Proposal(encryption, keyBits, hash, authMethod, group, seconds);
    }

    /** Whether both name the same algorithms, lifetimes aside. */
    public boolean sameAlgorithms(Phase1Proposal other) {
        return encryption == other.encryption && encryption.effectiveKeyBits(keyBits)
                == other.encryption.effectiveKeyBits(other.keyBits) && hash == other.hash
                && authMethod == other.authMethod && group == other.group;
    }

    @Override
    public String toString() {
        return encryption + "/" + encryption.effectiveKeyBits(keyBits) + " " + hash + " " + authMethod + " " + group
                + " " + lifetimeSeconds + "s";
    }
}
