package org.jracoon.ike.policy;

import java.util.Arrays;
import java.util.Optional;

import org.jracoon.ike.payload.IkeAttributes;

/** Phase-1 authentication methods the engine negotiates (RFC 2409 appendix A, racoon's names). */
public enum AuthMethod {
    PRE_SHARED_KEY(IkeAttributes.AUTH_PRE_SHARED_KEY),
    RSA_SIGNATURE(IkeAttributes.AUTH_RSA_SIGNATURE);

    private final int ikeId;

    AuthMethod(int ikeId) {
        this.ikeId = ikeId;
    }

    public int ikeId() {
        return ikeId;
    }

    public static Optional<AuthMethod> fromIkeId(int ikeId) {
        return Arrays.stream(values()).filter(m -> m.ikeId == ikeId).findFirst();
    }
}
