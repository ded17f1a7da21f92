package org.jracoon.ike.crypto;

/**
 * A keyed pseudo-random function as RFC 2409 section 5 uses it: {@code prf(key, msg)}.
 * IKEv1 in practice always uses the HMAC of the negotiated hash (RFC 2409 appendix A: "the
 * HMAC version of the negotiated hash algorithm is used as a pseudo-random function").
 *
 * <p>The input is fed piece by piece so that secret parts (g^xy, a previous K) never have to be
 * copied out of their {@link Secret}.
 */
public interface Prf {

    /** Output length in bytes (20 for HMAC-SHA1). */
    int outputLength();

    /** Starts {@code prf(key, ...)} with a secret key (SKEYID, SKEYID_d, a pre-shared key ...). */
    Computation start(Secret key);

    /** Starts {@code prf(key, ...)} with a public key, e.g. {@code Ni_b | Nr_b} for signature SKEYID. */
    Computation start(byte[] key);

    /** One PRF evaluation in progress. */
    interface Computation {

        Computation update(byte[] data);

        Computation update(Secret data);

        /** The output, for values that go on the wire (HASH_I, HASH(1) ...). */
        byte[] finish();

        /** The output as key material (SKEYID_*, K1, KEYMAT blocks ...). */
        Secret finishSecret();
    }
}
