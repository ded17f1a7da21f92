package org.jracoon.ike.keymat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.jracoon.ike.crypto.Prf;
import org.jracoon.ike.crypto.Secret;

/**
 * The keys of one ISAKMP SA and the values computed from them (RFC 2409 section 5 and
 * appendix B): SKEYID and SKEYID_d/a/e, the encryption key Ka, HASH_I/HASH_R, the Quick Mode
 * hashes and KEYMAT. Main and Aggressive Mode, Quick Mode and Informational all take their
 * crypto from here, so none of them repeats a formula.
 *
 * <p>Byte strings are the bodies of the payloads concerned without their generic headers
 * ("_b" in RFC 2409), cookies are the 8-byte values, g^x values are padded to the prime length.
 */
public final class IsakmpKeys {

    private static final byte[] ZERO = {0};

    private final Prf prf;
    private final Secret skeyid;
    private final Secret skeyidD;
    private final Secret skeyidA;
    private final Secret skeyidE;
    private final Secret encryptionKey;

    private IsakmpKeys(Prf prf, Secret skeyid, Secret skeyidD, Secret skeyidA, Secret skeyidE, Secret encryptionKey) {
        this.prf = prf;
        this.skeyid = skeyid;
        this.skeyidD = skeyidD;
        this.skeyidA = skeyidA;
        this.skeyidE = skeyidE;
        this.encryptionKey = encryptionKey;
    }

    /** SKEYID for pre-shared key authentication: {@code prf(pre-shared-key, Ni_b | Nr_b)}. */
    public static Secret skeyidForPreSharedKey(Prf prf, Secret preSharedKey, byte[] niB, byte[] nrB) {
        return prf.start(preSharedKey).update(niB).update(nrB).finishSecret();
    }

    /** SKEYID for signature authentication: {@code prf(Ni_b | Nr_b, g^xy)}. */
    public static Secret skeyidForSignatures(Prf prf, byte[] niB, byte[] nrB, Secret gxy) {
        return prf.start(concat(niB, nrB)).update(gxy).finishSecret();
    }

    /**
     * Derives SKEYID_d, SKEYID_a, SKEYID_e and the encryption key from SKEYID:
     * <pre>
     * SKEYID_d = prf(SKEYID, g^xy | CKY-I | CKY-R | 0)
     * SKEYID_a = prf(SKEYID, SKEYID_d | g^xy | CKY-I | CKY-R | 1)
     * SKEYID_e = prf(SKEYID, SKEYID_a | g^xy | CKY-I | CKY-R | 2)
     * </pre>
     *
     * @param encryptionKeyLength bytes of Ka the negotiated cipher needs
     */
    public static IsakmpKeys derive(Prf prf, Secret skeyid, Secret gxy, byte[] ckyI, byte[] ckyR,
            int encryptionKeyLength) {
        Secret d = prf.start(skeyid).update(gxy).update(ckyI).update(ckyR).update(ZERO).finishSecret();
        Secret a = prf.start(skeyid).update(d).update(gxy).update(ckyI).update(ckyR).update(new byte[] {1})
                .finishSecret();
        Secret e = prf.start(skeyid).update(a).update(gxy).update(ckyI).update(ckyR).update(new byte[] {2})
                .finishSecret();
        return new IsakmpKeys(prf, skeyid, d, a, e, encryptionKey(prf, e, encryptionKeyLength));
    }

    /**
     * Ka (RFC 2409 appendix B): the first bytes of SKEYID_e when it is long enough, otherwise
     * the first bytes of K1 | K2 | ... with K1 = prf(SKEYID_e, 0) and Kn = prf(SKEYID_e, K(n-1)).
     */
    private static Secret encryptionKey(Prf prf, Secret skeyidE, int length) {
        if (length <= skeyidE.length()) {
            return skeyidE.prefix(length);
        }
        return expand(prf, skeyidE, length, (computation, first) -> {
            if (first) {
                computation.update(ZERO);
            }
        });
    }

    public Secret skeyid() {
        return skeyid;
    }

    public Secret skeyidD() {
        return skeyidD;
    }

    public Secret skeyidA() {
        return skeyidA;
    }

    public Secret skeyidE() {
        return skeyidE;
    }

    /** Ka, the key of the negotiated phase-1 cipher. */
    public Secret encryptionKey() {
        return encryptionKey;
    }

    /** {@code HASH_I = prf(SKEYID, g^xi | g^xr | CKY-I | CKY-R | SAi_b | IDii_b)} (RFC 2409 section 5). */
    public byte[] hashI(byte[] gxi, byte[] gxr, byte[] ckyI, byte[] ckyR, byte[] saiB, byte[] idiiB) {
        return prf.start(skeyid).update(gxi).update(gxr).update(ckyI).update(ckyR).update(saiB).update(idiiB)
                .finish();
    }

    /**
     * {@code HASH_R = prf(SKEYID, g^xr | g^xi | CKY-R | CKY-I | SAi_b | IDir_b)}; the arguments
     * come in the same initiator-first order as for {@link #hashI}, the swap happens here.
     */
    public byte[] hashR(byte[] gxi, byte[] gxr, byte[] ckyI, byte[] ckyR, byte[] saiB, byte[] idirB) {
        return prf.start(skeyid).update(gxr).update(gxi).update(ckyR).update(ckyI).update(saiB).update(idirB)
                .finish();
    }

    /**
     * Quick Mode {@code HASH(1) = prf(SKEYID_a, M-ID | rest)}, where rest is every payload after
     * the HASH payload (generic headers included, padding excluded). Informational exchanges use
     * the same formula (RFC 2409 section 5.7).
     */
    public byte[] hash1(int messageId, byte[] payloadsAfterHash) {
        return prf.start(skeyidA).update(messageIdBytes(messageId)).update(payloadsAfterHash).finish();
    }

    /** Quick Mode {@code HASH(2) = prf(SKEYID_a, M-ID | Ni_b | rest)} (RFC 2409 section 5.5). */
    public byte[] hash2(int messageId, byte[] niB, byte[] payloadsAfterHash) {
        return prf.start(skeyidA).update(messageIdBytes(messageId)).update(niB).update(payloadsAfterHash).finish();
    }

    /** Quick Mode {@code HASH(3) = prf(SKEYID_a, 0 | M-ID | Ni_b | Nr_b)} (RFC 2409 section 5.5). */
    public byte[] hash3(int messageId, byte[] niB, byte[] nrB) {
        return prf.start(skeyidA).update(ZERO).update(messageIdBytes(messageId)).update(niB).update(nrB).finish();
    }

    /**
     * KEYMAT without PFS: {@code K1 | K2 | ...} with {@code K1 = prf(SKEYID_d, protocol | SPI | Ni_b | Nr_b)}
     * and {@code Kn = prf(SKEYID_d, K(n-1) | protocol | SPI | Ni_b | Nr_b)} (RFC 2409 section 5.5).
     * Each direction has its own SPI: the key for traffic to a peer uses the SPI that peer chose.
     *
     * @param protocol the IPsec DOI protocol ID (2 AH, 3 ESP)
     * @param length bytes needed (encryption key then authentication key for ESP)
     */
    public Secret keymat(int protocol, byte[] spi, byte[] niB, byte[] nrB, int length) {
        return keymat(null, protocol, spi, niB, nrB, length);
    }

    /** KEYMAT with PFS: as {@link #keymat} with the Quick Mode g(qm)^xy in front of the protocol. */
    public Secret keymatWithPfs(Secret quickModeGxy, int protocol, byte[] spi, byte[] niB, byte[] nrB, int length) {
        return keymat(quickModeGxy, protocol, spi, niB, nrB, length);
    }

    private Secret keymat(Secret gxy, int protocol, byte[] spi, byte[] niB, byte[] nrB, int length) {
        byte[] protocolByte = {(byte) protocol};
        return expand(prf, skeyidD, length, (computation, first) -> {
            if (gxy != null) {
                computation.update(gxy);
            }
            computation.update(protocolByte).update(spi).update(niB).update(nrB);
        });
    }

    /** What follows K(n-1) in the input of Kn. */
    @FunctionalInterface
    private interface Seed {
        void feed(Prf.Computation computation, boolean first);
    }

    /** {@code K1 | K2 | ...} cut to {@code length}, with {@code Kn = prf(key, K(n-1) | seed)} and K0 empty. */
    private static Secret expand(Prf prf, Secret key, int length, Seed seed) {
        List<Secret> blocks = new ArrayList<>();
        Secret previous = null;
        int produced = 0;
        while (produced < length) {
            Prf.Computation computation = prf.start(key);
            if (previous != null) {
                computation.update(previous);
            }
            seed.feed(computation, previous == null);
            previous = computation.finishSecret();
            blocks.add(previous);
            produced += previous.length();
        }
        return Secret.concat(blocks.toArray(Secret[]::new)).prefix(length);
    }

    /** The 4-byte M-ID as it appears in the ISAKMP header and in the hash and IV inputs. */
    static byte[] messageIdBytes(int messageId) {
        return ByteBuffer.allocate(4).putInt(messageId).array();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        return ByteBuffer.allocate(a.length + b.length).put(a).put(b).array();
    }

    @Override
    public String toString() {
        return "IsakmpKeys[SKEYID " + skeyid.length() + " bytes, Ka " + encryptionKey.length() + " bytes]";
    }
}
