package org.jracoon.parser.setkey;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * IPComp algorithms of {@code -C} (RFC 2393 transforms); declared in the order of SADB_X_CALG_*,
 * which starts with SADB_X_CALG_NONE (0).
 */
public enum CompressionAlgorithm {
    OUI, DEFLATE, LZS;

    public String keyword() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The value of {@code sadb_sa_encrypt} for an IPComp SA. */
    public int sadbId() {
        return ordinal() + 1;
    }

    public static Optional<CompressionAlgorithm> byKeyword(String keyword) {
        return Arrays.stream(values()).filter(a -> a.keyword().equals(keyword)).findFirst();
    }
}
