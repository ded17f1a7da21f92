package org.jracoon.parser.psk;

/** A psk.txt that cannot be used; the message is one line naming the file and why. */
public final class PskException extends Exception {

    public PskException(String message) {
        super(message);
    }
}
