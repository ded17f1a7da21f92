package org.jracoon.setkey;

/** A directive setkey refuses to send, with setkey's message ({@code line N: ...}). */
final class SetkeyException extends Exception {
    private static final long serialVersionUID = 1L;

    SetkeyException(String message) {
        super(message);
    }
}
