package org.jracoon.pfkey.message;

/** A PF_KEY message that cannot be decoded; {@link #reason()} says which rule it broke. */
public final class SadbDecodeException extends Exception {

    /** The rule a message broke. */
    public enum Reason {
        /** Fewer bytes than a header or a declared length needs. */
        TRUNCATED,
        /** A length larger than its container or than its content needs, or zero. */
        BAD_LENGTH,
        /** A datagram or extension not a whole number of 8-byte units (RFC 2367 section 2). */
        MISALIGNED,
        /** {@code sadb_msg_version} other than {@code PF_KEY_V2}. */
        BAD_VERSION,
        UNKNOWN_MESSAGE_TYPE,
        UNKNOWN_EXTENSION_TYPE,
        /** The same extension type twice in one message (RFC 2367 section 2.3). */
        DUPLICATE_EXTENSION,
        /** A field that makes no sense, such as an unknown address family. */
        BAD_VALUE
    }

    private final Reason reason;

    public SadbDecodeException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
