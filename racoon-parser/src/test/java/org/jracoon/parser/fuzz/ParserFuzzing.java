package org.jracoon.parser.fuzz;

/** The one oracle the parser targets share for the line they give the user. */
final class ParserFuzzing {

    private ParserFuzzing() {
    }

    /** A refusal names the input it refuses, in one line (racoon prints it as it is). */
    static void checkMessage(String message, String prefix) {
        if (message == null || !message.startsWith(prefix) || message.contains("\n")) {
            throw new AssertionError("refusal is not one line naming the input: " + message);
        }
    }
}
