package org.jracoon.ike.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SecretTest {

    private static final byte[] BYTES = {0x11, 0x22, 0x33, 0x44};

    @Test
    void toStringShowsTheLengthOnly() {
        String shown = Secret.copyOf(BYTES).toString();
        assertEquals("Secret[4 bytes]", shown);
        assertFalse(shown.contains("11"));
    }

    @Test
    void bytesAreCopiedInAndOut() {
        byte[] in = BYTES.clone();
        Secret secret = Secret.copyOf(in);
        in[0] = 0;
        byte[] out = secret.extract();
        out[1] = 0;
        assertArrayEquals(BYTES, secret.extract());
    }

    @Test
    void concatAndPrefix() {
        Secret joined = Secret.concat(Secret.copyOf(new byte[] {1, 2}), Secret.copyOf(new byte[] {3}));
        assertArrayEquals(new byte[] {1, 2, 3}, joined.extract());
        assertArrayEquals(new byte[] {1, 2}, joined.prefix(2).extract());
        assertThrows(IllegalArgumentException.class, () -> joined.prefix(4));
    }
}
