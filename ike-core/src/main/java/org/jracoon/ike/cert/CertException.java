package org.jracoon.ike.cert;

/**
 * The peer's certificate, its identity or its signature did not pass. Carries the ISAKMP notify
 * message type (RFC 2408 section 3.14.1, a {@link org.jracoon.ike.payload.NotifyType} value) to
 * answer with, like every protocol error of the engine.
 * The message is one line fit for the log.
 */
public final class CertException extends RuntimeException {

    private final int notifyType;

    public CertException(int notifyType, String message) {
        super(message);
        this.notifyType = notifyType;
    }

    /** The notify message type to send back (or log) for this failure. */
    public int notifyType() {
        return notifyType;
    }
}
