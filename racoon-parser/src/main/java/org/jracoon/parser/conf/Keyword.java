package org.jracoon.parser.conf;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A value written as a racoon.conf keyword. By default the keyword is the constant's name in lower
 * case ({@code USER_FQDN} is {@code user_fqdn}); constants spelt otherwise override {@link #keyword()}.
 */
public interface Keyword {

    /** Other spellings racoon's scanner maps to the same value. */
    Map<String, String> SYNONYMS = Map.of(
            "rijndael", "aes",
            "sha2_256", "sha256", "sha2_384", "sha384", "sha2_512", "sha512",
            "hmac_sha2_256", "hmac_sha256", "hmac_sha2_384", "hmac_sha384", "hmac_sha2_512", "hmac_sha512");

    /** The spelling the printer uses. */
    default String keyword() {
        return ((Enum<?>) this).name().toLowerCase(Locale.ROOT);
    }

    static <E extends Enum<E> & Keyword> Optional<E> lookup(Class<E> type, String word) {
        String canonical = SYNONYMS.getOrDefault(word, word);
        return Arrays.stream(type.getEnumConstants()).filter(e -> e.keyword().equals(canonical)).findFirst();
    }
}
