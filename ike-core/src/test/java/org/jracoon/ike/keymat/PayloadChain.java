package org.jracoon.ike.keymat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Test-side walk over a chain of ISAKMP generic payload headers (next payload, reserved,
 * 2-byte length), enough to find the HASH, ID and KE payloads of recorded messages and where
 * the padding starts; the production codecs live in the payload package.
 */
record PayloadChain(List<Entry> entries) {

    /** One payload: its type and where its generic header starts and ends in the body. */
    record Entry(int type, int start, int end) {

        /** The payload body without its 4-byte generic header ("_b" in RFC 2409). */
        byte[] body(byte[] bytes) {
            return java.util.Arrays.copyOfRange(bytes, start + 4, end);
        }
    }

    static final int SA = 1;
    static final int KE = 4;
    static final int ID = 5;
    static final int HASH = 8;
    static final int NONCE = 10;

    /** Walks the payloads of a whole message whose body (after the 28-byte header) is plaintext. */
    static PayloadChain ofMessage(byte[] message) {
        return walk(message[16] & 0xff, message, MessageProtection.HEADER_LENGTH);
    }

    private static PayloadChain walk(int firstType, byte[] bytes, int offset) {
        List<Entry> entries = new ArrayList<>();
        int type = firstType;
        while (type != 0) {
            int next = bytes[offset] & 0xff;
            int length = ByteBuffer.wrap(bytes, offset + 2, 2).getShort() & 0xffff;
            entries.add(new Entry(type, offset, offset + length));
            offset += length;
            type = next;
        }
        return new PayloadChain(entries);
    }

    Entry first(int type) {
        return entries.stream().filter(e -> e.type() == type).findFirst()
                .orElseThrow(() -> new AssertionError("no payload of type " + type));
    }

    /** Offset just after the last payload: padding, if any, follows. */
    int end() {
        return entries.get(entries.size() - 1).end();
    }
}
