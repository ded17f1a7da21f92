package org.jracoon.parser.setkey;

/**
 * Encryption algorithms of {@code -E}, with the SADB_EALG / SADB_X_EALG numbers setkey sends on
 * Linux (linux/pfkeyv2.h; cast128 is SADB_X_EALG_CASTCBC there). rc5-cbc has no Linux number and
 * is therefore unknown, as in ipsec-tools' setkey built for Linux.
 */
public enum EncryptionAlgorithm implements SadbAlgorithm {
    DES_CBC("des-cbc", 2, true),
    TRIPLE_DES_CBC("3des-cbc", 3, true),
    NULL("null", 11, false),
    /** Old name of null; setkey warns that it is obsolete. */
    SIMPLE("simple", 11, false),
    BLOWFISH_CBC("blowfish-cbc", 7, true),
    CAST128_CBC("cast128-cbc", 6, true),
    /** DES with derived IV (RFC 1827 style): sets SADB_X_EXT_DERIV, not with esp-old. */
    DES_DERIV("des-deriv", 2, true),
    /** DES with a 4-byte IV: sets SADB_X_EXT_IV4B, only with esp-old. */
    DES_32IV("des-32iv", 2, true),
    TWOFISH_CBC("twofish-cbc", 253, true),
    AES_CBC("aes-cbc", 12, true),
    RIJNDAEL_CBC("rijndael-cbc", 12, true),
    AES_CTR("aes-ctr", 13, true),
    CAMELLIA_CBC("camellia-cbc", 22, true);

    private final String keyword;
    private final int sadbId;
    private final boolean keyed;

    EncryptionAlgorithm(String keyword, int sadbId, boolean keyed) {
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
