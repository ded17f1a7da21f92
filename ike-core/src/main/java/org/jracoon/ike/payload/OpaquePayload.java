package org.jracoon.ike.payload;

import java.nio.ByteBuffer;

/**
 * A payload whose body is one opaque field after the generic header (KE, HASH, SIG, NONCE,
 * VID, NAT-D, and payloads of unknown type): its encoding is the field itself.
 */
public sealed interface OpaquePayload extends Payload permits KePayload, HashPayload, SignaturePayload, NoncePayload,
        VendorIdPayload, NatDPayload, UnknownPayload {

    /** The body. */
    Octets data();

    @Override
    default int bodyLength() {
        return data().length();
    }

    @Override
    default void encodeBody(ByteBuffer out) {
        data().writeTo(out);
    }
}
