package org.jracoon.parser.setkey;

/**
 * Authentication algorithms of {@code -A}, with the SADB_AALG / SADB_X_AALG numbers setkey sends
 * on Linux (linux/pfkeyv2.h; keyed-md5 and keyed-sha1 are ipsec-tools' private 249 and 250,
 * which the Linux kernel does not offer).
 */
public enum AuthenticationAlgorithm implements SadbAlgorithm {
    HMAC_MD5("hmac-md5", 2, true),
    HMAC_SHA1("hmac-sha1", 3, true),
    KEYED_MD5("keyed-md5", 249, true),
    KEYED_SHA1("keyed-sha1", 250, true),
    HMAC_SHA2_256("hmac-sha2-256", 5, true),
    HMAC_SHA256("hmac-sha256", 5, true),
    HMAC_SHA2_384("hmac-sha2-384", 6, true),
    HMAC_SHA384("hmac-sha384", 6, true),
    HMAC_SHA2_512("hmac-sha2-512", 7, true),
    HMAC_SHA512("hmac-sha512", 7, true),
    HMAC_RIPEMD160("hmac-ripemd160", 8, true),
    AES_XCBC_MAC("aes-xcbc-mac", 9, true),
    NULL("null", 251, false);

    private final String keyword;
    private final int sadbId;
    private final boolean keyed;

    AuthenticationAlgorithm(String keyword, int sadbId, boolean keyed) {
        this.keyword = keyword;
        this.sadbId = sadbId;
        this.keyed = keyed;
    }

    @Override
    public String keyword() {
        return keyword;
    }

    @Override
    public int sadbId() {
        return sadbId;
    }

    @Override
    public boolean keyed() {
        return keyed;
    }
}
