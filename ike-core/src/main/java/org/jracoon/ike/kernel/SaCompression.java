package org.jracoon.ike.kernel;

/** IPComp algorithms (RFC 3173); {@link #NONE} for ESP and AH SAs. */
public enum SaCompression {
    NONE, OUI, DEFLATE, LZS, LZJH
}
