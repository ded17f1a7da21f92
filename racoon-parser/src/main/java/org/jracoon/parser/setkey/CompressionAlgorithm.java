package org.jracoon.parser.setkey;

import java.util.Arrays;
import java.util.Optional;

/** IPComp algorithms of {@code -C} with their SADB_X_CALG numbers (RFC 2393 transforms). */
public enum CompressionAlgorithm {
    OUI("oui", 1),
    DEFLATE("deflate", 2),
    LZS("lzs", 3);

    private final String keyword;
    private final int sadbId;

    CompressionAlgorithm(String keyword, int sadbId) {
        this.keyword = keyword;
        this.sadbId = sadbId;
    }

    public String keyword() {
        return keyword;
    }

    /** The value of {@code sadb_sa_encrypt} for an IPComp SA. */
    public int sadbId() {
        return sadbId;
    }

    public static Optional<CompressionAlgorithm> byKeyword(String keyword) {
        return Arrays.stream(values()).filter(a -> a.keyword.equals(keyword)).findFirst();
    }
}
