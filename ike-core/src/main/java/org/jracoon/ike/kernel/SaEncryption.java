package org.jracoon.ike.kernel;

/** Encryption transforms an ESP SA can use; {@link #NONE} for AH and IPComp. */
public enum SaEncryption {
    NONE, NULL, DES_CBC, DES3_CBC, CAST128_CBC, BLOWFISH_CBC, AES_CBC, AES_CTR,
    AES_CCM_8, AES_CCM_12, AES_CCM_16, AES_GCM_8, AES_GCM_12, AES_GCM_16,
    CAMELLIA_CBC, NULL_AES_GMAC, SERPENT_CBC, TWOFISH_CBC
}
