package org.jracoon.ike.kernel;

/** Integrity transforms for AH and ESP; {@link #NONE} when ESP has none or uses a combined mode. */
public enum SaIntegrity {
    NONE, NULL, HMAC_MD5, HMAC_SHA1, HMAC_SHA2_256, HMAC_SHA2_384, HMAC_SHA2_512, HMAC_RIPEMD160, AES_XCBC_MAC
}
