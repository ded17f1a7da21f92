package org.jracoon.parser.setkey;

import java.util.Arrays;
import java.util.Optional;

/** An algorithm named in setkey input ({@code -E}, {@code -A}, {@code -C}) and its PF_KEY number. */
public interface SadbAlgorithm {
    /** The name setkey input uses. */
    String keyword();

    /** The number PF_KEY carries in {@code sadb_sa_auth} or {@code sadb_sa_encrypt}. */
    int sadbId();

    /** Whether a key follows the name in setkey input. */
    boolean keyed();

    /** The algorithm of {@code type} that setkey input calls {@code keyword}. */
    static <A extends Enum<A> & SadbAlgorithm> Optional<A> byKeyword(Class<A> type, String keyword) {
        return Arrays.stream(type.getEnumConstants()).filter(a -> a.keyword().equals(keyword)).findFirst();
    }
}
