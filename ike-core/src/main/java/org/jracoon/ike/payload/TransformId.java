package org.jracoon.ike.payload;

/**
 * Transform identifiers: KEY_IKE for phase 1 (RFC 2407 section 4.4.2) and the AH, ESP and
 * IPComp transforms of RFC 2407 sections 4.4.3 to 4.4.5 with the later IANA additions.
 */
public final class TransformId {

    public static final int KEY_IKE = 1;

    public static final int AH_MD5 = 2;
    public static final int AH_SHA = 3;
    public static final int AH_DES = 4;
    public static final int AH_SHA2_256 = 5;
    public static final int AH_SHA2_384 = 6;
    public static final int AH_SHA2_512 = 7;

    public static final int ESP_DES_IV64 = 1;
    public static final int ESP_DES = 2;
    public static final int ESP_3DES = 3;
    public static final int ESP_RC5 = 4;
    public static final int ESP_IDEA = 5;
    public static final int ESP_CAST = 6;
    public static final int ESP_BLOWFISH = 7;
    public static final int ESP_3IDEA = 8;
    public static final int ESP_DES_IV32 = 9;
    public static final int ESP_RC4 = 10;
    public static final int ESP_NULL = 11;
    public static final int ESP_AES = 12;
    public static final int ESP_AES_CTR = 13;
    public static final int ESP_AES_CCM_8 = 14;
    public static final int ESP_AES_CCM_12 = 15;
    public static final int ESP_AES_CCM_16 = 16;
    public static final int ESP_AES_GCM_8 = 18;
    public static final int ESP_AES_GCM_12 = 19;
    public static final int ESP_AES_GCM_16 = 20;
    public static final int ESP_CAMELLIA = 22;
    public static final int ESP_NULL_AUTH_AES_GMAC = 23;

    public static final int IPCOMP_OUI = 1;
    public static final int IPCOMP_DEFLATE = 2;
    public static final int IPCOMP_LZS = 3;
    public static final int IPCOMP_LZJH = 4;

    private TransformId() {
    }
}
