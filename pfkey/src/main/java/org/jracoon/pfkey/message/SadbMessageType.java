package org.jracoon.pfkey.message;

import java.util.Optional;

/** {@code sadb_msg_type}: RFC 2367 section 2.3 and the KAME/Linux {@code SADB_X_*} additions. */
public enum SadbMessageType {
    GETSPI(1), UPDATE(2), ADD(3), DELETE(4), GET(5), ACQUIRE(6), REGISTER(7), EXPIRE(8), FLUSH(9),
    DUMP(10), X_PROMISC(11), X_PCHANGE(12), X_SPDUPDATE(13), X_SPDADD(14), X_SPDDELETE(15),
    X_SPDGET(16), X_SPDACQUIRE(17), X_SPDDUMP(18), X_SPDFLUSH(19), X_SPDSETIDX(20), X_SPDEXPIRE(21),
    X_SPDDELETE2(22), X_NAT_T_NEW_MAPPING(23), X_MIGRATE(24);

    private static final SadbMessageType[] BY_CODE = new SadbMessageType[25];

    static {
        for (SadbMessageType t : values()) {
            BY_CODE[t.code] = t;
        }
    }

    private final int code;

    SadbMessageType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static Optional<SadbMessageType> of(int code) {
        return code >= 0 && code < BY_CODE.length ? Optional.ofNullable(BY_CODE[code]) : Optional.empty();
    }
}
