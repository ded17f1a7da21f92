package org.jracoon.ike.cert;

/**
 * The peer's certificate, its identity or its signature did not pass. Carries the ISAKMP notify
 * message type (RFC 2408 section 3.14.1) to answer with, like every protocol error of the engine.
 * The message is one line fit for the log.
 */
public final class CertException extends RuntimeException {

    /*
     * RFC 2408 3.14.1 notify types this package produces. Kept here until the payload package's
     * notify type enumeration is merged; the numbers are the RFC's.
     */
    public static final int INVALID_ID_INFORMATION = 18;
    public static final int INVALID_CERT_ENCODING = 19;
    public static final int INVALID_CERTIFICATE = 20;
    public static final int CERT_TYPE_UNSUPPORTED = 21;
    public static final int INVALID_CERT_AUTHORITY = 22;
    public static final int AUTHENTICATION_FAILED = 24;
    public static final int CERTIFICATE_UNAVAILABLE = 28;

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
