package org.jracoon.ike.crypto;

/**
 * A cryptographic check failed on peer input. Carries the ISAKMP notify message type
 * (RFC 2408 section 3.14.1) to answer with, like every protocol error of the engine.
 */
public final class CryptoException extends RuntimeException {

    /** RFC 2408 3.14.1 notify types this package can produce. */
    public static final int PAYLOAD_MALFORMED = 16;
    public static final int INVALID_KEY_INFORMATION = 17;

    private final int notifyType;

    public CryptoException(int notifyType, String message) {
        super(message);
        this.notifyType = notifyType;
    }

    /** The notify message type to send back (or log) for this failure. */
    public int notifyType() {
        return notifyType;
    }
}
