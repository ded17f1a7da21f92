package org.jracoon.ike.payload;

/**
 * A received message (or a part of it) violates the protocol. Carries the RFC 2408 notify
 * error type to answer with, so the caller can send it without re-classifying the failure.
 *
 * <p>Thrown for untrusted input, which is expected and frequent under attack: no stack trace
 * is captured.
 */
public final class IsakmpProtocolException extends Exception {

    private final int notifyType;

    public IsakmpProtocolException(int notifyType, String message) {
        super(message, null, false, false);
        this.notifyType = notifyType;
    }

    /** One of the {@link NotifyType} error values. */
    public int notifyType() {
        return notifyType;
    }

    /** One line for logs: the notify name and what was wrong. */
    @Override
    public String toString() {
        return NotifyType.name(notifyType) + ": " + getMessage();
    }

    static IsakmpProtocolException malformed(String message) {
        return new IsakmpProtocolException(NotifyType.PAYLOAD_MALFORMED, message);
    }
}
