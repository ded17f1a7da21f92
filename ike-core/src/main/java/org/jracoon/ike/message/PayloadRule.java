package org.jracoon.ike.message;

/**
 * How often one payload type may appear in a message, and whether it may only travel encrypted.
 *
 * @param encrypted the payload is refused in a message without the E flag
 */
public record PayloadRule(int type, int min, int max, boolean encrypted) {

    public PayloadRule {
        if (min < 0 || max < min) {
            throw new IllegalArgumentException("occurrences " + min + ".." + max);
        }
    }
}
