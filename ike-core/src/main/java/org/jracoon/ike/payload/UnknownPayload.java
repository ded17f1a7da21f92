package org.jracoon.ike.payload;

/**
 * A payload of a type this implementation does not know, kept as received so the message
 * re-encodes byte for byte and the exchange can skip it. Unknown payloads with the critical
 * bit set are refused while decoding (INVALID-PAYLOAD-TYPE) and never become one of these.
 */
public record UnknownPayload(int type, Octets data) implements OpaquePayload {

    public UnknownPayload {
        if ((type & ~0xFF) != 0) {
            throw new IllegalArgumentException("payload type " + type);
        }
    }
}
