package org.jracoon.ike.policy;

import java.util.Arrays;
import java.util.Optional;

import org.jracoon.ike.kernel.SaIntegrity;
import org.jracoon.ike.payload.IpsecAttributes;
import org.jracoon.ike.payload.TransformId;

/**
 * Integrity algorithms of a phase-2 policy (sainfo's {@code authentication_algorithm}): the
 * IPsec DOI Authentication Algorithm attribute, the AH transform ID that goes with it, the key
 * length in bits and the kernel's name.
 */
public enum IpsecAuthentication {
    HMAC_MD5(IpsecAttributes.AUTH_HMAC_MD5, TransformId.AH_MD5, 128, SaIntegrity.HMAC_MD5),
    HMAC_SHA1(IpsecAttributes.AUTH_HMAC_SHA1, TransformId.AH_SHA, 160, SaIntegrity.HMAC_SHA1),
    HMAC_SHA2_256(IpsecAttributes.AUTH_HMAC_SHA2_256, TransformId.AH_SHA2_256, 256, SaIntegrity.HMAC_SHA2_256);

    private final int attribute;
    private final int ahTransformId;
    private final int keyBits;
    private final SaIntegrity kernel;

    IpsecAuthentication(int attribute, int ahTransformId, int keyBits, SaIntegrity kernel) {
        this.attribute = attribute;
        this.ahTransformId = ahTransformId;
        this.keyBits = keyBits;
        this.kernel = kernel;
    }

    public static Optional<IpsecAuthentication> ofAttribute(int attribute) {
        return Arrays.stream(values()).filter(a -> a.attribute == attribute).findFirst();
    }

    public int attribute() {
        return attribute;
    }

    public int ahTransformId() {
        return ahTransformId;
    }

    public int keyBits() {
        return keyBits;
    }

    public SaIntegrity kernel() {
        return kernel;
    }
}
