package org.jracoon.parser.setkey;

import java.util.Locale;

/**
 * IPComp algorithms of {@code -C} (RFC 2393 transforms); declared in the order of SADB_X_CALG_*,
 * which starts with SADB_X_CALG_NONE (0). The algorithm travels in {@code sadb_sa_encrypt}.
 */
public enum CompressionAlgorithm implements SadbAlgorithm {
    OUI, DEFLATE, LZS;

    @Override
    public String keyword() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public int sadbId() {
        return ordinal() + 1;
    }

    @Override
    public boolean keyed() {
        return false;
    }
}
