package org.jracoon.pfkey.message;

import java.util.Optional;

/** {@code sadb_ext_type}: RFC 2367 section 2.3 and the KAME/Linux {@code SADB_X_EXT_*} additions. */
public enum SadbExtensionType {
    SA(1), LIFETIME_CURRENT(2), LIFETIME_HARD(3), LIFETIME_SOFT(4), ADDRESS_SRC(5), ADDRESS_DST(6),
    ADDRESS_PROXY(7), KEY_AUTH(8), KEY_ENCRYPT(9), IDENTITY_SRC(10), IDENTITY_DST(11),
    SENSITIVITY(12), PROPOSAL(13), SUPPORTED_AUTH(14), SUPPORTED_ENCRYPT(15), SPIRANGE(16),
    X_KMPRIVATE(17), X_POLICY(18), X_SA2(19), X_NAT_T_TYPE(20), X_NAT_T_SPORT(21), X_NAT_T_DPORT(22),
    X_NAT_T_OA(23), X_SEC_CTX(24), X_KMADDRESS(25), X_FILTER(26);

    private static final SadbExtensionType[] BY_CODE = new SadbExtensionType[27];

    static {
        for (SadbExtensionType t : values()) {
            BY_CODE[t.code] = t;
        }
    }

    private final int code;

    SadbExtensionType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static Optional<SadbExtensionType> of(int code) {
        return code >= 0 && code < BY_CODE.length ? Optional.ofNullable(BY_CODE[code]) : Optional.empty();
    }
}
