package org.jracoon.ike.crypto;

import java.util.Arrays;
import java.util.Optional;
import java.util.function.Supplier;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.MD5Digest;
import org.bouncycastle.crypto.digests.SHA1Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA384Digest;
import org.bouncycastle.crypto.digests.SHA512Digest;

/**
 * Phase-1 hash algorithms by their Oakley "Hash Algorithm" attribute value (RFC 2409 appendix A,
 * SHA2 values from the IANA IPsec registry). The plain hash computes the CBC IVs (appendix B)
 * and NAT-D; its HMAC is the PRF.
 */
public enum HashAlgorithm {
    MD5(1, MD5Digest::new),
    SHA1(2, SHA1Digest::new),
    SHA2_256(4, SHA256Digest::new),
    SHA2_384(5, SHA384Digest::new),
    SHA2_512(6, SHA512Digest::new);

    private final int ikeId;
    private final Supplier<Digest> digest;
    private final int length;
    private final Prf hmac;

    HashAlgorithm(int ikeId, Supplier<Digest> digest) {
        this.ikeId = ikeId;
        this.digest = digest;
        this.length = digest.get().getDigestSize();
        this.hmac = new HmacPrf(digest);
    }

    /** The algorithm for an Oakley Hash Algorithm attribute value, if supported. */
    public static Optional<HashAlgorithm> fromIkeId(int ikeId) {
        return Arrays.stream(values()).filter(v -> v.ikeId == ikeId).findFirst();
    }

    public int ikeId() {
        return ikeId;
    }

    /** Digest length in bytes. */
    public int length() {
        return length;
    }

    /** {@code hash(parts[0] | parts[1] | ...)}. */
    public byte[] digest(byte[]... parts) {
        Digest d = digest.get();
        for (byte[] part : parts) {
            d.update(part, 0, part.length);
        }
        byte[] out = new byte[length];
        d.doFinal(out, 0);
        return out;
    }

    /** The HMAC of this hash, IKEv1's PRF when no PRF attribute was negotiated. */
    public Prf hmac() {
        return hmac;
    }
}
