package org.jracoon.parser.conf;

import java.util.Arrays;
import java.util.Optional;

/** A value written as a racoon.conf keyword; {@link #keyword()} is the spelling the printer uses. */
public interface Keyword {

    String keyword();

    /** Other spellings racoon accepts for the same value (e.g. {@code rijndael} for {@code aes}). */
    default String[] aliases() {
        return new String[0];
    }

    static <E extends Enum<E> & Keyword> Optional<E> lookup(Class<E> type, String word) {
        return Arrays.stream(type.getEnumConstants())
                .filter(e -> e.keyword().equals(word) || Arrays.asList(e.aliases()).contains(word))
                .findFirst();
    }
}
